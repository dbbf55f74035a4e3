using System.Globalization;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Core.Codes;
using Lgsp.Core.Lookups;
using Lgsp.Schemas.Land.V1;

namespace Lgsp.Adapters.Land;

/// <summary>
/// The land database's <c>ThuaDat</c> to the canonical <see cref="LandParcel"/>. The upstream is never trusted: an
/// answer for another parcel or certificate than the one asked, or with codes, area, dates or personal ids that do
/// not parse, is <c>upstream.land.bad_response</c>.
/// </summary>
internal static class LandParcelMapping
{
    private const string Source = SourceNames.Land;

    /// <summary>The answer to a lookup by ward, map sheet and parcel number.</summary>
    public static LandParcel ToParcel(ThuaDat? answer, FindParcelRequest asked)
    {
        var parcel = ToParcel(answer);
        if (parcel.WardCode != asked.MaXa || parcel.MapSheetNo != asked.SoHieuBanDo || parcel.ParcelNo != asked.SoThuTuThua)
        {
            throw UpstreamFaults.Malformed(Source, new("CSDL đất đai trả lời một thửa đất khác với thửa được hỏi.", "The land database answered with another parcel than the one asked for."));
        }

        return parcel;
    }

    /// <summary>The answer to a lookup by certificate serial.</summary>
    public static LandParcel ToParcel(ThuaDat? answer, FindParcelByCertificateRequest asked)
    {
        var parcel = ToParcel(answer);
        if (parcel.Certificate?.Serial != asked.SoPhatHanh)
        {
            throw UpstreamFaults.Malformed(Source, new("CSDL đất đai trả lời một thửa đất thuộc giấy chứng nhận khác với giấy được hỏi.", "The land database answered with a parcel of another certificate than the one asked for."));
        }

        return parcel;
    }

    /// <summary>
    /// Serials are printed <c>CS 123456</c>; people type <c>cs123456</c> or <c>CS  123456</c>. Upper case, and one space
    /// between the letters and the digits; anything else goes as typed, for the database to refuse.
    /// </summary>
    public static string NormaliseSerial(string serial)
    {
        var compact = string.Concat(serial.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        return compact.Length == 8 && char.IsAsciiLetterUpper(compact[0]) && char.IsAsciiLetterUpper(compact[1]) && compact[2..].All(char.IsAsciiDigit)
            ? compact[..2] + " " + compact[2..]
            : serial.Trim();
    }

    private static LandParcel ToParcel(ThuaDat? answer)
    {
        if (answer is null)
        {
            throw UpstreamFaults.Malformed(Source, new("CSDL đất đai trả lời không có thửa đất nào.", "The land database answered with no parcel."));
        }

        if (!IsDigits(answer.MaTinh, 2) || !IsDigits(answer.MaXa, 5) || answer.SoHieuBanDo < 1 || answer.SoThuTuThua < 1)
        {
            throw UpstreamFaults.Malformed(Source, new("ma_tinh, ma_xa, so_hieu_ban_do hoặc so_thu_tu_thua của thửa đất thiếu hoặc sai.", "The parcel's ma_tinh, ma_xa, so_hieu_ban_do or so_thu_tu_thua is missing or invalid."));
        }

        return new LandParcel
        {
            ProvinceCode = answer.MaTinh,
            WardCode = answer.MaXa,
            WardName = Text(answer.TenXa),
            MapSheetNo = answer.SoHieuBanDo,
            ParcelNo = answer.SoThuTuThua,
            Area = Area(answer.DienTich),
            LandUseCode = Text(answer.MucDichSuDung?.Ma),
            LandUseName = Text(answer.MucDichSuDung?.Ten),
            UseTerm = Text(answer.ThoiHanSuDung),
            Address = Text(answer.DiaChiChiTiet),
            Certificate = answer.GiayChungNhan is { } certificate ? Certificate(certificate) : null,
            Owners = [.. answer.ChuSuDung.Select(Owner)],
        };
    }

    private static LandCertificate Certificate(GiayChungNhan certificate) => new()
    {
        Serial = Text(certificate.SoPhatHanh) ?? throw UpstreamFaults.Malformed(Source, new("Giấy chứng nhận thiếu so_phat_hanh.", "The certificate has no so_phat_hanh.")),
        EntryNo = Text(certificate.SoVaoSo),
        IssuedOn = Text(certificate.NgayCap) is { } date
            ? DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var issued)
                ? issued
                : throw UpstreamFaults.Malformed(Source, new("ngay_cap của giấy chứng nhận không phải ngày dạng yyyy-MM-dd.", "The certificate's ngay_cap is not a yyyy-MM-dd date."))
            : null,
        Issuer = Text(certificate.CoQuanCap),
    };

    private static LandOwner Owner(ChuSuDung owner)
    {
        var name = Text(owner.HoTen) ?? throw UpstreamFaults.Malformed(Source, new("Một người sử dụng đất thiếu ho_ten.", "A land user has no ho_ten."));
        PersonalId? id = null;
        if (Text(owner.SoDinhDanh) is { } text)
        {
            id = PersonalId.TryParse(text, out var parsed) ? parsed : throw UpstreamFaults.Malformed(Source, new("so_dinh_danh của một người sử dụng đất không phải số định danh cá nhân.", "A land user's so_dinh_danh is not a personal id."));
        }

        return new LandOwner
        {
            FullName = name,
            PersonalId = id,
            BirthYear = owner.NamSinh switch
            {
                0 => null,
                >= 1850 and <= 2200 => owner.NamSinh,
                _ => throw UpstreamFaults.Malformed(Source, new("nam_sinh của một người sử dụng đất không phải một năm.", "A land user's nam_sinh is not a year.")),
            },
        };
    }

    private static decimal? Area(string text)
    {
        if (Text(text) is not { } value)
        {
            return null;
        }

        return decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var area)
            ? area
            : throw UpstreamFaults.Malformed(Source, new("dien_tich không phải số thập phân không âm.", "dien_tich is not a non-negative decimal number."));
    }

    private static bool IsDigits(string text, int length) => text.Length == length && text.All(char.IsAsciiDigit);

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
