using System.Globalization;
using System.Xml;
using Lgsp.Adapters.Population.Soap;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Core.Codes;
using Lgsp.Core.Lookups;
using Lgsp.Core.Packets;
using static Lgsp.Adapters.Population.Soap.PopulationWire;

namespace Lgsp.Adapters.Population;

/// <summary>
/// A verified answer of the population service to the canonical records. The answer is read only inside the signed
/// element, and never trusted further than it proves: it must echo this request's <c>MaYeuCau</c> (a signed answer
/// to another request is a replay) and be about the person asked; a code or date that does not parse is
/// <c>upstream.population.bad_response</c>.
/// </summary>
internal static class PopulationMapping
{
    private const string Source = SourceNames.Population;
    private const string Found = "00";
    private const string NotFound = "01";

    public static Citizen ToCitizen(XmlElement answer, PersonalId asked, string requestId)
    {
        CheckResult(answer, requestId);
        var records = Children(answer).Where(e => e.LocalName == "CongDan" && e.NamespaceURI == Namespace).ToList();
        if (records.Count != 1)
        {
            throw UpstreamFaults.Malformed(Source, new($"Câu trả lời \"tìm thấy\" phải có đúng một CongDan, không phải {records.Count}.", $"A found answer must carry exactly one CongDan, not {records.Count}."));
        }

        var c = records[0];
        var personalId = Id(Text(c, "SoDinhDanh"), "SoDinhDanh") ?? throw UpstreamFaults.Malformed(Source, new("CongDan thiếu SoDinhDanh.", "CongDan has no SoDinhDanh."));
        var oldId = Id(Text(c, "SoCMND"), "SoCMND");
        if (asked != personalId && asked != oldId)
        {
            throw UpstreamFaults.Malformed(Source, new("Bản ghi không phải của công dân được hỏi.", "The record is not the citizen asked for."));
        }

        var (dateOfBirth, birthYear) = Birth(Child(c, "NgayThangNamSinh"));
        return new Citizen
        {
            PersonalId = personalId,
            OldId = oldId,
            Name = Name(Child(c, "HoVaTen")),
            Gender = Gender(Text(c, "GioiTinh")),
            DateOfBirth = dateOfBirth,
            BirthYear = birthYear,
            Ethnicity = Text(c, "DanToc"),
            Religion = Text(c, "TonGiao"),
            Nationality = Text(c, "QuocTich"),
            MaritalStatus = Text(c, "TinhTrangHonNhan"),
            BloodType = Text(c, "NhomMau"),
            BirthRegistrationPlace = Address(Child(c, "NoiDangKyKhaiSinh")),
            Hometown = Address(Child(c, "QueQuan")),
            PermanentAddress = Address(Child(c, "ThuongTru")),
            CurrentAddress = Address(Child(c, "NoiOHienTai")),
            Father = Relative(Child(c, "Cha")),
            Mother = Relative(Child(c, "Me")),
            Spouse = Relative(Child(c, "VoChong")),
            Representative = Relative(Child(c, "NguoiDaiDien")),
            HouseholdHead = Head(Child(c, "ChuHo")),
            HouseholdBookNo = Text(c, "SoSoHoKhau"),
            DateOfDeath = Date(Text(c, "NgayChet"), "NgayChet"),
        };
    }

    /// <summary>Yes or no, and which facts the service compared (a full date, or only the year when that is all it holds).</summary>
    public static CitizenVerification ToVerification(XmlElement answer, PersonalId asked, string requestId)
    {
        CheckResult(answer, requestId);
        if (Text(answer, "SoDinhDanh") is { } id && Id(id, "SoDinhDanh") is { } answered && asked.Kind == PersonalIdKind.Cccd12 && answered != asked)
        {
            throw UpstreamFaults.Malformed(Source, new("Kết quả xác thực không phải về công dân được hỏi.", "The verification is not about the citizen asked for."));
        }

        var matched = Text(answer, "KetQua") switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw UpstreamFaults.Malformed(Source, new("KetQua không phải true hoặc false.", "KetQua is not true or false.")),
        };
        var compared = Children(answer).Where(e => e.LocalName == "TruongDoiChieu" && e.NamespaceURI == Namespace)
            .Select(e => e.InnerText.Trim() switch
            {
                "HoVaTen" => "fullName",
                "NgayThangNam" => "dateOfBirth",
                "Nam" => "birthYear",
                _ => throw UpstreamFaults.Malformed(Source, new("TruongDoiChieu nêu một trường mà nền tảng không biết.", "TruongDoiChieu names a field the hub does not know.")),
            })
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (compared.Count == 0)
        {
            throw UpstreamFaults.Malformed(Source, new("Kết quả xác thực không nói những trường nào đã được đối chiếu.", "The verification does not say which fields were compared."));
        }

        return new CitizenVerification { PersonalId = asked, Matched = matched, ComparedFields = compared };
    }

    private static void CheckResult(XmlElement answer, string requestId)
    {
        if (!string.Equals(Text(answer, "MaYeuCau"), requestId, StringComparison.Ordinal))
        {
            throw UpstreamFaults.Malformed(Source, new("Câu trả lời không nhắc lại MaYeuCau của yêu cầu này (là câu trả lời cho yêu cầu khác).", "The answer does not echo this request's MaYeuCau (an answer to another request)."));
        }

        switch (Text(answer, "MaKetQua"))
        {
            case Found:
                return;
            case NotFound:
                throw UpstreamFaults.NotFound(Source, new("CSDL dân cư không có công dân với số định danh này.", "The population database has no citizen with this identifier."));
            default:
                throw UpstreamFaults.Malformed(Source, new("MaKetQua thiếu hoặc không xác định.", "MaKetQua is missing or unknown."));
        }
    }

    /// <summary>
    /// The name as the database splits it, by position: <c>Ho</c> is the first word, which for some peoples is a
    /// gender or clan prefix (<c>Y</c> in <c>Y Bhim Niê</c>), not a family name. It is carried as it is, never re-split.
    /// </summary>
    private static PersonName? Name(XmlElement? element)
    {
        var (ho, chuDem, ten) = (Text(element, "Ho"), Text(element, "ChuDem"), Text(element, "Ten"));
        if (ho is null && chuDem is null && ten is null)
        {
            return null;
        }

        return new PersonName { Family = ho, Middle = chuDem, Given = ten, Full = string.Join(' ', new[] { ho, chuDem, ten }.OfType<string>()) };
    }

    private static string? Gender(string? code) => code switch
    {
        null => null,
        "1" => Genders.Male,
        "2" => Genders.Female,
        _ => throw UpstreamFaults.Malformed(Source, new("GioiTinh không phải 1 hoặc 2.", "GioiTinh is not 1 or 2.")),
    };

    private static (DateOnly? Date, int? Year) Birth(XmlElement? element)
    {
        var date = Date(Text(element, "NgayThangNam"), "NgayThangNam");
        int? year = null;
        if (Text(element, "Nam") is { } text)
        {
            year = text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y >= 1800
                ? y
                : throw UpstreamFaults.Malformed(Source, new("NgayThangNamSinh/Nam không phải một năm.", "NgayThangNamSinh/Nam is not a year."));
        }

        if (date is { } d && year is { } n && d.Year != n)
        {
            throw UpstreamFaults.Malformed(Source, new("NgayThangNamSinh có ngày và năm không khớp nhau.", "NgayThangNamSinh has a date and a year that disagree."));
        }

        return (date, year ?? date?.Year);
    }

    private static DateOnly? Date(string? text, string field) => text switch
    {
        null => null,
        _ when DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => date,
        _ => throw UpstreamFaults.Malformed(Source, new($"{field} không phải ngày dạng yyyyMMdd.", $"{field} is not a yyyyMMdd date.")),
    };

    private static PersonalId? Id(string? text, string field) => text switch
    {
        null => null,
        _ when PersonalId.TryParse(text, out var id) => id,
        _ => throw UpstreamFaults.Malformed(Source, new($"{field} không phải số định danh cá nhân.", $"{field} is not a personal identification number.")),
    };

    /// <summary>
    /// The database's address. Districts were abolished on 1 July 2025; an older record may still name one, which is
    /// kept in the one-line form rather than dropped.
    /// </summary>
    private static Address? Address(XmlElement? element)
    {
        if (element is null)
        {
            return null;
        }

        var detail = Text(element, "ChiTiet");
        var ward = Text(element, "TenPhuongXa");
        var district = Text(element, "TenQuanHuyen");
        var province = Text(element, "TenTinhThanh");
        var address = new Address
        {
            ProvinceCode = Text(element, "MaTinhThanh"),
            ProvinceName = province,
            WardCode = Text(element, "MaPhuongXa"),
            WardName = ward,
            Detail = detail,
            Country = Text(element, "QuocGia") ?? "VN",
            Full = string.Join(", ", new[] { detail, ward, district, province }.OfType<string>()) is { Length: > 0 } full ? full : null,
        };
        return address.Full is null && address.ProvinceCode is null && address.WardCode is null ? null : address;
    }

    private static Relative? Relative(XmlElement? element)
    {
        if (element is null)
        {
            return null;
        }

        var name = Text(element, "HoVaTen") ?? throw UpstreamFaults.Malformed(Source, new($"{element.LocalName} thiếu HoVaTen.", $"{element.LocalName} has no HoVaTen."));
        return new Relative
        {
            FullName = name,
            PersonalId = Id(Text(element, "SoDinhDanh"), $"{element.LocalName}/SoDinhDanh") ?? Id(Text(element, "SoCMND"), $"{element.LocalName}/SoCMND"),
            Nationality = Text(element, "QuocTich"),
        };
    }

    private static HouseholdHead? Head(XmlElement? element)
    {
        if (element is null)
        {
            return null;
        }

        return new HouseholdHead
        {
            FullName = Text(element, "HoVaTen") ?? throw UpstreamFaults.Malformed(Source, new("ChuHo thiếu HoVaTen.", "ChuHo has no HoVaTen.")),
            PersonalId = Id(Text(element, "SoDinhDanh"), "ChuHo/SoDinhDanh") ?? Id(Text(element, "SoCMND"), "ChuHo/SoCMND"),
            Relation = Text(element, "QuanHe"),
        };
    }
}
