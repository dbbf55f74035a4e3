using System.Text.Json.Serialization;

namespace Lgsp.Adapters.CivilRegistry.Wire;

// The gateway's JSON. Every member is optional on the wire: what is required is decided by CivilRegistryMapping,
// which refuses an answer without it (bad_response), so a missing member is reported as the upstream's fault.

/// <summary><c>{status, errorCode, errorDescription, data}</c>: status 1 with the XML record in <c>data</c>, or 0 with a code.</summary>
internal sealed record HoTichAnswer
{
    [JsonPropertyName("status")]
    public int? Status { get; init; }

    [JsonPropertyName("errorCode")]
    public string? ErrorCode { get; init; }

    [JsonPropertyName("errorDescription")]
    public string? ErrorDescription { get; init; }

    /// <summary>The XML <c>&lt;hotich&gt;&lt;hoso&gt;…&lt;/hoso&gt;&lt;/hotich&gt;</c>, as a string.</summary>
    [JsonPropertyName("data")]
    public string? Data { get; init; }
}

internal sealed record PersonQuery([property: JsonPropertyName("soDinhDanh")] string SoDinhDanh);

[JsonSerializable(typeof(HoTichAnswer))]
[JsonSerializable(typeof(PersonQuery))]
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
internal sealed partial class CivilRegistryJson : JsonSerializerContext;
