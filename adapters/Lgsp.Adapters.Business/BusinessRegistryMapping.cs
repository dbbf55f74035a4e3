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
            throw UpstreamFaults.Malformed(Source, new("CSDL đăng ký doanh nghiệp trả lời với nội dung rỗng.", "The registry answered with an empty body."));
        }

        // NgspData (OpenCPS's reading): no ResultCode, and nothing under Data.MainInformation, is "not found".
        if (profile == BusinessAnswerProfile.NgspData && answer.ResultCode is null)
        {
            return answer.Data?.MainInformation is null
                ? throw UpstreamFaults.NotFound(Source, new("CSDL đăng ký doanh nghiệp không có doanh nghiệp với mã này (không có Data.MainInformation).", "The registry has no enterprise with this code (no Data.MainInformation)."))
                : Found(asked, answer.Data);
        }

        switch (answer.ResultCode)
        {
            case "00":
                break;
            case "02":
                throw UpstreamFaults.NotFound(Source, new("CSDL đăng ký doanh nghiệp không có doanh nghiệp với mã này.", "The registry has no enterprise with this code."));
            case "01":
                throw new LgspException(UpstreamErrors.For(Source).Rejected, new("CSDL đăng ký doanh nghiệp từ chối mã số doanh nghiệp.", "The registry refused the enterprise code."));
            default:
                throw UpstreamFaults.Malformed(Source, new("CSDL đăng ký doanh nghiệp trả lời với ResultCode không xác định.", "The registry answered with an unknown ResultCode."));
        }

        return Found(asked, answer.Data);
    }

    private static Enterprise Found(EnterpriseCode asked, RegistryData? data)
    {
        var main = data?.MainInformation ?? throw UpstreamFaults.Malformed(Source, new("Thiếu Data.MainInformation.", "Data.MainInformation is missing."));
        if (!EnterpriseCode.TryParse(main.EnterpriseGdtCode, out var code) || code != asked)
        {
            throw UpstreamFaults.Malformed(Source, new("ENTERPRISE_GDT_CODE thiếu, sai hoặc không phải mã được hỏi.", "ENTERPRISE_GDT_CODE is missing, invalid or not the code asked for."));
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
        var name = Text(wire.FullName) ?? throw UpstreamFaults.Malformed(Source, new("Một người đại diện thiếu FULL_NAME.", "A representative has no FULL_NAME."));
        PersonalId? id = null;
        if (Text(wire.IdNumber) is { } text)
        {
            id = PersonalId.TryParse(text, out var parsed) ? parsed : throw UpstreamFaults.Malformed(Source, new("ID_NUMBER của một người đại diện không phải số định danh cá nhân.", "A representative's ID_NUMBER is not a personal id."));
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
            : throw UpstreamFaults.Malformed(Source, new("FOUNDING_DATE không phải ngày.", "FOUNDING_DATE is not a date."));
    }

    private static long? Capital(decimal? value) => value switch
    {
        null => null,
        >= 0 and <= long.MaxValue when decimal.Truncate(value.Value) == value.Value => (long)value.Value,
        _ => throw UpstreamFaults.Malformed(Source, new("CHARTER_CAPITAL không phải số nguyên không âm.", "CHARTER_CAPITAL is not a whole, non-negative amount.")),
    };

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
