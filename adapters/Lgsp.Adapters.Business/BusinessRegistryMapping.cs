using System.Globalization;
using Lgsp.Adapters.Business.Wire;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;

namespace Lgsp.Adapters.Business;

/// <summary>
/// The registry's answer to the canonical <see cref="Enterprise"/>. The upstream is never trusted: an answer that
/// is not for the code asked, or whose codes or dates do not parse, is <c>upstream.business.bad_response</c>.
/// </summary>
internal static class BusinessRegistryMapping
{
    private const string Source = SourceNames.Business;

    private static readonly string[] DateFormats = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd", "dd/MM/yyyy"];

    public static Enterprise ToEnterprise(EnterpriseCode asked, RegistryAnswer? answer, BusinessAnswerProfile profile)
    {
        if (answer is null)
        {
            throw UpstreamFaults.Malformed(Source, "The registry answered with an empty body.");
        }

        // NgspData (OpenCPS's reading): no ResultCode, and nothing under Data.MainInformation, is "not found".
        if (profile == BusinessAnswerProfile.NgspData && answer.ResultCode is null)
        {
            return answer.Data?.MainInformation is null
                ? throw UpstreamFaults.NotFound(Source, "The registry has no enterprise with this code (no Data.MainInformation).")
                : Found(asked, answer.Data);
        }

        switch (answer.ResultCode)
        {
            case "00":
                break;
            case "02":
                throw UpstreamFaults.NotFound(Source, "The registry has no enterprise with this code.");
            case "01":
                throw new LgspException(UpstreamErrors.For(Source).Rejected, "The registry refused the enterprise code.");
            default:
                throw UpstreamFaults.Malformed(Source, "The registry answered with an unknown ResultCode.");
        }

        return Found(asked, answer.Data);
    }

    private static Enterprise Found(EnterpriseCode asked, RegistryData? data)
    {
        var main = data?.MainInformation ?? throw UpstreamFaults.Malformed(Source, "Data.MainInformation is missing.");
        if (!EnterpriseCode.TryParse(main.EnterpriseGdtCode, out var code) || code != asked)
        {
            throw UpstreamFaults.Malformed(Source, "ENTERPRISE_GDT_CODE is missing, invalid or not the code asked for.");
        }

        return new Enterprise
        {
            Code = code,
            Name = Text(main.Name),
            ForeignName = Text(main.NameF),
            ShortName = Text(main.ShortName),
            TypeName = Text(main.EnterpriseTypeName),
            StatusName = Text(main.EnterpriseStatusName),
            FoundedOn = Date(main.FoundingDate),
            HeadOffice = HeadOffice(data.HeadOffice),
            Representatives = data.Representatives?.Select(Representative).ToList(),
            CharterCapital = Capital(main.CharterCapital),
        };
    }

    private static Address? HeadOffice(HeadOfficeWire? wire) => wire is null ? null : new Address
    {
        ProvinceCode = Text(wire.CityCode),
        ProvinceName = Text(wire.CityName),
        WardCode = Text(wire.WardCode),
        WardName = Text(wire.WardName),
        Detail = Text(wire.StreetNumber),
        Country = Text(wire.CountryCode) ?? "VN",
        Full = Text(wire.AddressFullText),
    };

    private static LegalRepresentative Representative(RepresentativeWire wire)
    {
        var name = Text(wire.FullName) ?? throw UpstreamFaults.Malformed(Source, "A representative has no FULL_NAME.");
        PersonalId? id = null;
        if (Text(wire.IdNumber) is { } text)
        {
            id = PersonalId.TryParse(text, out var parsed) ? parsed : throw UpstreamFaults.Malformed(Source, "A representative's ID_NUMBER is not a personal id.");
        }

        return new LegalRepresentative { FullName = name, Position = Text(wire.PositionName), PersonalId = id };
    }

    private static DateOnly? Date(string? text)
    {
        if (Text(text) is not { } value)
        {
            return null;
        }

        return DateTime.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? DateOnly.FromDateTime(date)
            : throw UpstreamFaults.Malformed(Source, "FOUNDING_DATE is not a date.");
    }

    private static long? Capital(decimal? value) => value switch
    {
        null => null,
        >= 0 and <= long.MaxValue when decimal.Truncate(value.Value) == value.Value => (long)value.Value,
        _ => throw UpstreamFaults.Malformed(Source, "CHARTER_CAPITAL is not a whole, non-negative amount."),
    };

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
