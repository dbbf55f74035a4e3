using Lgsp.Adapters.Sdk.Resilience;
using Refit;

namespace Lgsp.Adapters.ProvincialPortal.Wire;

/// <summary>
/// The one-stop system's API for dossiers from DVCQG, relative to <c>Adapters:provincial:BaseUrl</c>, with the bearer
/// token and the <c>tenant</c> header (added by handlers). Both writes carry an <c>Idempotency-Key</c> (the hub's event
/// key), so the system applies each once however often it is sent: they are safe for the pipeline to repeat.
/// </summary>
internal interface IMotCuaApi
{
    [Post("/api/v1/dongbo/hosodvcqg")]
    Task<MotCuaResult<string>> PutDossierAsync([Header("Idempotency-Key")] string idempotencyKey, [Body] HoSoMotCua hoSo,
        CancellationToken cancellationToken, [Property(UpstreamRequest.IdempotentKey)] bool idempotent = true);

    [Post("/api/v1/dongbo/hosodvcqg/{maHoSo}/quatrinh")]
    Task<MotCuaResult<string>> AddStepAsync(string maHoSo, [Header("Idempotency-Key")] string idempotencyKey, [Body] QuaTrinhMotCua step,
        CancellationToken cancellationToken, [Property(UpstreamRequest.IdempotentKey)] bool idempotent = true);

    [Get("/api/v1/dongbo/hosodvcqg/{maHoSo}")]
    Task<MotCuaResult<HoSoDaNhan>> GetDossierAsync(string maHoSo, CancellationToken cancellationToken);
}

/// <summary>The one-stop system's sign-in (an account of the hub, in a tenant).</summary>
internal interface IMotCuaTokenApi
{
    /// <summary>A POST that creates nothing worth protecting: marked idempotent so a lost answer is asked again.</summary>
    [Post("/api/tokens")]
    Task<SignInAnswer> SignInAsync([Header("tenant")] string tenant, [Body] SignInRequest request, CancellationToken cancellationToken,
        [Property(UpstreamRequest.IdempotentKey)] bool idempotent = true);
}
