using Lgsp.Adapters.Sdk.Resilience;
using Refit;

namespace Lgsp.Adapters.NationalPortal.Wire;

/// <summary>
/// DVCQG's dossier API (766-era REST generation, DOMAIN.md §2.1 item 2), relative to <c>Adapters:dvcqg:BaseUrl</c>.
/// Every call is a POST of JSON answering <c>{error_code, message}</c>. Which may be repeated by the pipeline:
/// the lookup (a read), <c>ThemMoi</c> (DVCQG refuses a second create "đã tồn tại", which the sync turns into an
/// update) and <c>CapNhat</c> (it sets the whole dossier, so twice is once). <c>DongBoTienTrinh</c> appends rows and
/// is never repeated blindly: the sync looks up the rows DVCQG holds and sends only the missing ones.
/// </summary>
internal interface IDvcqgApi
{
    [Post("/api/TraCuuHoSo")]
    Task<DvcqgAnswer> TraCuuHoSoAsync([Body] TraCuuHoSoRequest request, CancellationToken cancellationToken,
        [Property(UpstreamRequest.IdempotentKey)] bool idempotent = true);

    [Post("/api/ThemMoi")]
    Task<DvcqgAnswer> ThemMoiAsync([Body] HoSoDongBoDVC[] hoSo, CancellationToken cancellationToken,
        [Property(UpstreamRequest.IdempotentKey)] bool idempotent = true);

    [Post("/api/CapNhat")]
    Task<DvcqgAnswer> CapNhatAsync([Body] HoSoDongBoDVC[] hoSo, CancellationToken cancellationToken,
        [Property(UpstreamRequest.IdempotentKey)] bool idempotent = true);

    [Post("/api/DongBoTienTrinh")]
    Task<DvcqgAnswer> DongBoTienTrinhAsync([Body] QuaTrinhXuLy[] rows, CancellationToken cancellationToken);
}

/// <summary>The gateway's token endpoint in front of DVCQG (OAuth 2 client credentials, id and secret in HTTP Basic).</summary>
internal interface IDvcqgTokenApi
{
    /// <summary>A POST that creates nothing worth protecting: marked idempotent so a lost answer is asked again.</summary>
    [Post("/token")]
    Task<Lgsp.Adapters.Sdk.Auth.OAuthTokenAnswer> GetTokenAsync(
        [Body] HttpContent form,
        [Header("Authorization")] string authorization,
        CancellationToken cancellationToken,
        [Property(UpstreamRequest.IdempotentKey)] bool idempotent = true);
}
