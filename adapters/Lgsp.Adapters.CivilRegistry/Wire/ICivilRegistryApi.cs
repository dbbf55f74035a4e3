using Lgsp.Adapters.Sdk.Resilience;
using Refit;

namespace Lgsp.Adapters.CivilRegistry.Wire;

/// <summary>The civil registry behind the LGSP gateway (WSO2 API Manager: <c>/{context}/{version}/{resource}</c>).</summary>
internal interface ICivilRegistryApi
{
    /// <summary>
    /// One entry. Each value is one path segment, escaped by Refit (<c>Uri.EscapeDataString</c>), so the book's '/'
    /// travels as <c>%2F</c> (<c>01%2F2019</c>) and never splits the path.
    /// </summary>
    [Get("/hotich/1.0/hoSo/{module}/{maDonVi}/{quyenSo}/{soDangKy}")]
    Task<HoTichAnswer> GetRecordAsync(string module, string maDonVi, string quyenSo, int soDangKy, CancellationToken cancellationToken);

    /// <summary>Every entry about a person. A POST so the personal id is not in the URL; it only reads, so it is marked idempotent.</summary>
    [Post("/hotich/1.0/traCuuTheoCaNhan")]
    Task<HoTichAnswer> FindByPersonAsync(
        [Body] PersonQuery query,
        CancellationToken cancellationToken,
        [Property(UpstreamRequest.IdempotentKey)] bool idempotent = true);
}
