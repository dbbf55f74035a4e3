using System.Text.Json.Serialization;
using Lgsp.Adapters.Sdk.Json;

namespace Lgsp.Adapters.Business.Wire;

// The registry's answer as the gateway relays it (DOMAIN.md §3.2). Every member is optional on the wire: what is
// required is decided by BusinessRegistryMapping, which refuses an answer without it (bad_response), so a missing
// member is reported as the upstream's fault and not as a crash.

/// <summary><c>{ResultCode, Message, Data}</c>: <c>00</c> found, <c>01</c> refused input, <c>02</c> not found.</summary>
internal sealed record RegistryAnswer
{
    [JsonPropertyName("ResultCode")]
    public string? ResultCode { get; init; }

    [JsonPropertyName("Message")]
    public string? Message { get; init; }

    [JsonPropertyName("Data")]
    public RegistryData? Data { get; init; }
}

internal sealed record RegistryData
{
    [JsonPropertyName("MainInformation")]
    public MainInformationWire? MainInformation { get; init; }

    /// <summary>Spelt <c>HOAdress</c> by the registry.</summary>
    [JsonPropertyName("HOAdress")]
    public HeadOfficeWire? HeadOffice { get; init; }

    /// <summary>An object for one representative, an array for several (or one, depending on the record).</summary>
    [JsonPropertyName("Representatives")]
    [JsonConverter(typeof(OneOrManyJsonConverter<RepresentativeWire>))]
    public IReadOnlyList<RepresentativeWire>? Representatives { get; init; }
}

internal sealed record MainInformationWire
{
    [JsonPropertyName("ENTERPRISE_GDT_CODE")]
    public string? EnterpriseGdtCode { get; init; }

    [JsonPropertyName("NAME")]
    public string? Name { get; init; }

    [JsonPropertyName("NAME_F")]
    public string? NameF { get; init; }

    [JsonPropertyName("SHORT_NAME")]
    public string? ShortName { get; init; }

    [JsonPropertyName("ENTERPRISE_TYPE_NAME")]
    public string? EnterpriseTypeName { get; init; }

    [JsonPropertyName("ENTERPRISE_STATUS_NAME")]
    public string? EnterpriseStatusName { get; init; }

    /// <summary><c>2010-05-12T00:00:00</c> (some relays write <c>12/05/2010</c>).</summary>
    [JsonPropertyName("FOUNDING_DATE")]
    public string? FoundingDate { get; init; }

    [JsonPropertyName("CHARTER_CAPITAL")]
    public decimal? CharterCapital { get; init; }
}

internal sealed record HeadOfficeWire
{
    [JsonPropertyName("AddressFullText")]
    public string? AddressFullText { get; init; }

    [JsonPropertyName("StreetNumber")]
    public string? StreetNumber { get; init; }

    [JsonPropertyName("CityCode")]
    public string? CityCode { get; init; }

    [JsonPropertyName("CityName")]
    public string? CityName { get; init; }

    [JsonPropertyName("DistrictName")]
    public string? DistrictName { get; init; }

    [JsonPropertyName("WardCode")]
    public string? WardCode { get; init; }

    [JsonPropertyName("WardName")]
    public string? WardName { get; init; }

    [JsonPropertyName("CountryCode")]
    public string? CountryCode { get; init; }
}

internal sealed record RepresentativeWire
{
    [JsonPropertyName("FULL_NAME")]
    public string? FullName { get; init; }

    [JsonPropertyName("POSITION_NAME")]
    public string? PositionName { get; init; }

    [JsonPropertyName("ID_NUMBER")]
    public string? IdNumber { get; init; }
}

[JsonSerializable(typeof(RegistryAnswer))]
[JsonSerializable(typeof(Lgsp.Adapters.Sdk.Auth.OAuthTokenAnswer))]
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
internal sealed partial class BusinessJson : JsonSerializerContext;
