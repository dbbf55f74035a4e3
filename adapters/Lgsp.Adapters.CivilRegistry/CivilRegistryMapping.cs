using System.Globalization;
using System.Xml;
using Lgsp.Adapters.CivilRegistry.Wire;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Lgsp.Core.Xml;

namespace Lgsp.Adapters.CivilRegistry;

/// <summary>
/// The gateway's answer to the canonical records. The XML inside <c>data</c> is read with <see cref="SafeXml"/> (no
/// DTD, no entities, size and depth limits): anything it refuses, like any record that is not for what was asked or
/// whose dates, numbers, ids or codes do not parse, is <c>upstream.civilregistry.bad_response</c>.
/// </summary>
internal static class CivilRegistryMapping
{
    public const string InvalidInput = "HT01";
    public const string NotFound = "HT02";

    private const string Source = SourceNames.CivilRegistry;

    private static readonly SafeXmlLimits RecordLimits = new(MaxCharacters: 2 * 1024 * 1024, MaxDepth: 16);
    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"];

    /// <summary>The one entry asked for: it must be that entry (kind, office, book and number).</summary>
    public static CivilRegistration ToRegistration(CivilRegistrationKey asked, HoTichAnswer? answer)
    {
        ArgumentNullException.ThrowIfNull(asked);
        var entries = Entries(answer);
        if (entries.Count != 1)
        {
            throw UpstreamFaults.Malformed(Source, new($"Câu trả lời phải có đúng một hoso, không phải {entries.Count}.", $"The answer must carry exactly one hoso, not {entries.Count}."));
        }

        var registration = ToRegistration(entries[0])
            ?? throw UpstreamFaults.Malformed(Source, new("Bản ghi thuộc loại khác với loại được hỏi.", "The entry is of another kind than asked."));
        if (registration.Kind != asked.Kind || registration.OfficeCode != asked.OfficeCode || registration.BookNo != asked.BookNo
            || registration.RegistrationNo != asked.RegistrationNo)
        {
            throw UpstreamFaults.Malformed(Source, new("Bản ghi không phải bản ghi được hỏi (loại, nơi đăng ký, quyển hoặc số khác).", "The entry is not the one asked for (kind, office, book or number differ)."));
        }

        return registration;
    }

    /// <summary>
    /// Every entry about the person: each must name them as its subject (the child, the deceased or a spouse).
    /// Entries of kinds the canonical model has no place for (BS, amendments) are left out and counted in
    /// <paramref name="skipped"/>.
    /// </summary>
    public static CivilRegistrationList ToList(PersonalId person, HoTichAnswer? answer, out int skipped)
    {
        var registrations = new List<CivilRegistration>();
        skipped = 0;
        foreach (var entry in Entries(answer))
        {
            if (ToRegistration(entry) is not { } registration)
            {
                skipped++;
                continue;
            }

            var subjects = new[] { registration.Subject, registration.Husband, registration.Wife };
            if (!subjects.Any(s => s?.PersonalId == person))
            {
                throw UpstreamFaults.Malformed(Source, new("Một bản ghi trong danh sách không phải về người được hỏi.", "An entry of the list is not about the person asked for."));
            }

            registrations.Add(registration);
        }

        return new CivilRegistrationList { Registrations = registrations };
    }

    /// <summary>The <c>hoso</c> elements of <c>data</c>, after the answer's status said there is data.</summary>
    internal static List<XmlElement> Entries(HoTichAnswer? answer)
    {
        if (answer is null)
        {
            throw UpstreamFaults.Malformed(Source, new("Cổng trả lời với nội dung rỗng.", "The gateway answered with an empty body."));
        }

        switch (answer.Status)
        {
            case 1:
                break;
            case 0 when answer.ErrorCode == NotFound:
                throw UpstreamFaults.NotFound(Source, new("CSDL hộ tịch không có bản ghi này.", "The civil registry has no such entry."));
            case 0 when answer.ErrorCode == InvalidInput:
                throw new LgspException(UpstreamErrors.For(Source).Rejected, new("CSDL hộ tịch từ chối tham số tra cứu (HT01).", "The civil registry refused the lookup's parameters (HT01)."));
            default:
                throw UpstreamFaults.Malformed(Source, new("Trạng thái hoặc mã lỗi của câu trả lời thiếu hoặc không xác định.", "The answer's status or error code is missing or unknown."));
        }

        if (string.IsNullOrWhiteSpace(answer.Data))
        {
            throw UpstreamFaults.Malformed(Source, new("Câu trả lời không có data.", "The answer has no data."));
        }

        XmlDocument document;
        try
        {
            document = SafeXml.LoadDocument(answer.Data, RecordLimits);
        }
        catch (LgspException ex) when (ex.Error.Origin == FaultOrigin.Client)
        {
            // SafeXml speaks of the caller's XML; here the registry sent it.
            throw UpstreamFaults.Malformed(Source, new($"Bản ghi trong data không phải XML an toàn, đọc được ({ex.Error.Code}).", $"The record in data is not safe, readable XML ({ex.Error.Code})."), ex);
        }

        var root = document.DocumentElement;
        if (root is null || root.LocalName != "hotich" || root.NamespaceURI.Length != 0)
        {
            throw UpstreamFaults.Malformed(Source, new("data không phải tài liệu <hotich>.", "data is not a <hotich> document."));
        }

        var children = root.ChildNodes.OfType<XmlElement>().ToList();
        return children.All(e => e.LocalName == "hoso" && e.NamespaceURI.Length == 0)
            ? children
            : throw UpstreamFaults.Malformed(Source, new("<hotich> chứa thứ khác ngoài <hoso>.", "<hotich> holds something other than <hoso>."));
    }

    /// <summary>One entry; null for a kind the canonical model does not carry.</summary>
    private static CivilRegistration? ToRegistration(XmlElement hoso)
    {
        var kind = Text(hoso, "module") switch
        {
            CivilRegistrationKinds.Birth => CivilRegistrationKinds.Birth,
            CivilRegistrationKinds.Death => CivilRegistrationKinds.Death,
            CivilRegistrationKinds.Marriage => CivilRegistrationKinds.Marriage,
            null => throw UpstreamFaults.Malformed(Source, new("Một bản ghi thiếu module.", "An entry has no module.")),
            _ => null,
        };
        if (kind is null)
        {
            return null;
        }

        var registration = new CivilRegistration
        {
            Kind = kind,
            OfficeCode = Text(hoso, "maDonVi") ?? throw UpstreamFaults.Malformed(Source, new("Một bản ghi thiếu maDonVi.", "An entry has no maDonVi.")),
            OfficeName = Text(hoso, "noiDangKy"),
            BookNo = Text(hoso, "quyenSo") ?? throw UpstreamFaults.Malformed(Source, new("Một bản ghi thiếu quyenSo.", "An entry has no quyenSo.")),
            RegistrationNo = Number(Text(hoso, "soDangKy"), "soDangKy") ?? throw UpstreamFaults.Malformed(Source, new("Một bản ghi thiếu soDangKy.", "An entry has no soDangKy.")),
            PageNo = Number(Text(hoso, "trangSo"), "trangSo"),
            RegisteredOn = Date(Text(hoso, "ngayDangKy"), "ngayDangKy"),
            ResultCode = Text(hoso, "maGiayToKetQua") is { } code
                ? ResultCode.TryParse(code, out var result) ? result : throw UpstreamFaults.Malformed(Source, new("maGiayToKetQua không phải mã kết quả.", "maGiayToKetQua is not a result code."))
                : null,
        };

        return kind switch
        {
            CivilRegistrationKinds.Birth => registration with
            {
                Subject = Person(hoso, "nks") ?? throw UpstreamFaults.Malformed(Source, new("Bản ghi khai sinh thiếu người được khai sinh (nksHoTen).", "A birth entry has no child (nksHoTen).")),
                Mother = Person(hoso, "me"),
                Father = Person(hoso, "cha"),
                PlaceOfBirth = Place(hoso, "nksNoiSinh"),
            },
            CivilRegistrationKinds.Death => registration with
            {
                Subject = Person(hoso, "nkt") ?? throw UpstreamFaults.Malformed(Source, new("Bản ghi khai tử thiếu người chết (nktHoTen).", "A death entry has no deceased (nktHoTen).")),
                DateOfDeath = Date(Text(hoso, "nktNgayChet"), "nktNgayChet"),
                PlaceOfDeath = Place(hoso, "nktNoiChet"),
                CauseOfDeath = Text(hoso, "nktNguyenNhanChet"),
            },
            _ => registration with
            {
                Husband = Person(hoso, "chong") ?? throw UpstreamFaults.Malformed(Source, new("Bản ghi kết hôn thiếu người chồng (chongHoTen).", "A marriage entry has no husband (chongHoTen).")),
                Wife = Person(hoso, "vo") ?? throw UpstreamFaults.Malformed(Source, new("Bản ghi kết hôn thiếu người vợ (voHoTen).", "A marriage entry has no wife (voHoTen).")),
            },
        };
    }

    /// <summary>The group of fields with one prefix (<c>nks</c>, <c>me</c>, …); null when the entry has none of it.</summary>
    private static RegisteredPerson? Person(XmlElement hoso, string prefix)
    {
        var name = Text(hoso, prefix + "HoTen");
        var id = Text(hoso, prefix + "SoDDCN");
        if (name is null)
        {
            return id is null ? null : throw UpstreamFaults.Malformed(Source, new($"Có {prefix}SoDDCN mà thiếu {prefix}HoTen.", $"{prefix}SoDDCN without {prefix}HoTen."));
        }

        return new RegisteredPerson
        {
            FullName = name,
            PersonalId = id is null ? null : PersonalId.TryParse(id, out var parsed) ? parsed : throw UpstreamFaults.Malformed(Source, new($"{prefix}SoDDCN không phải số định danh cá nhân.", $"{prefix}SoDDCN is not a personal id.")),
            Gender = Text(hoso, prefix + "GioiTinh") switch
            {
                null => null,
                "1" => Genders.Male,
                "2" => Genders.Female,
                _ => throw UpstreamFaults.Malformed(Source, new($"{prefix}GioiTinh không phải 1 hoặc 2.", $"{prefix}GioiTinh is not 1 or 2.")),
            },
            DateOfBirth = Date(Text(hoso, prefix + "NgaySinh"), prefix + "NgaySinh"),
            Nationality = Text(hoso, prefix + "QuocTich"),
        };
    }

    /// <summary>A place: <c>{maTinh, maXa, dcChiTiet, quocGia}</c> read as its description, or plain text.</summary>
    private static string? Place(XmlElement hoso, string name) => Child(hoso, name) switch
    {
        null => null,
        var e when e.ChildNodes.OfType<XmlElement>().Any() => Text(e, "dcChiTiet"),
        var e => Clean(e.InnerText),
    };

    private static int? Number(string? text, string field) => text switch
    {
        null => null,
        _ when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 => n,
        _ => throw UpstreamFaults.Malformed(Source, new($"{field} không phải số dương.", $"{field} is not a positive number.")),
    };

    private static DateOnly? Date(string? text, string field) => text switch
    {
        null => null,
        _ when DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => date,
        _ => throw UpstreamFaults.Malformed(Source, new($"{field} không phải ngày (dd/MM/yyyy).", $"{field} is not a date (dd/MM/yyyy).")),
    };

    private static XmlElement? Child(XmlElement parent, string name)
    {
        XmlElement? found = null;
        foreach (var child in parent.ChildNodes.OfType<XmlElement>())
        {
            if (child.LocalName == name && child.NamespaceURI.Length == 0)
            {
                found = found is null ? child : throw UpstreamFaults.Malformed(Source, new($"{parent.LocalName} có nhiều hơn một {name}.", $"{parent.LocalName} has more than one {name}."));
            }
        }

        return found;
    }

    private static string? Text(XmlElement parent, string name) => Child(parent, name) is { } e ? Clean(e.InnerText) : null;

    private static string? Clean(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
