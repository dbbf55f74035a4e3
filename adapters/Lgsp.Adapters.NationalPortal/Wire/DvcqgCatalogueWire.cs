using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lgsp.Adapters.NationalPortal.Wire;

// DVCQG's shared catalogues as OpenCPS reads them (DVCQGIntegrationActionImpl.getSharingDictCollection): one POST with
// {"service": "<name>", "madonvi": "<agency>"}, answered {"error_code": 0, "result": [ … ]} with upper-case members.

/// <summary>The request body: which catalogue, for which agency.</summary>
internal sealed record CatalogueRequestWire
{
    [JsonPropertyName("service")]
    public required string Service { get; init; }

    [JsonPropertyName("madonvi")]
    public required string MaDonVi { get; init; }
}

/// <summary><c>{error_code, message, result[]}</c>; <c>error_code</c> 0 is success (a number or its text).</summary>
internal sealed record CatalogueAnswerWire
{
    [JsonPropertyName("error_code")]
    public JsonElement? ErrorCode { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("result")]
    public IReadOnlyList<CatalogueItemWire?>? Result { get; init; }
}

/// <summary>One row of any of the three catalogues; each uses its own members.</summary>
internal sealed record CatalogueItemWire
{
    [JsonPropertyName("MATTHC")]
    public string? MaTthc { get; init; }

    [JsonPropertyName("TENTTHC")]
    public string? TenTthc { get; init; }

    [JsonPropertyName("MADONVI")]
    public string? MaDonVi { get; init; }

    [JsonPropertyName("TENDONVI")]
    public string? TenDonVi { get; init; }

    [JsonPropertyName("CAPDONVI")]
    public JsonElement? CapDonVi { get; init; }

    [JsonPropertyName("MALINHVUC")]
    public string? MaLinhVuc { get; init; }

    [JsonPropertyName("TENLINHVUC")]
    public string? TenLinhVuc { get; init; }
}

[JsonSerializable(typeof(CatalogueRequestWire))]
[JsonSerializable(typeof(CatalogueAnswerWire))]
internal sealed partial class DvcqgCatalogueJson : JsonSerializerContext;
