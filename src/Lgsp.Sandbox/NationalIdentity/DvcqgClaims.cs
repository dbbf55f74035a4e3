using System.Globalization;
using System.Security.Claims;
using Lgsp.Sandbox.Data.Records;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Lgsp.Sandbox.NationalIdentity;

/// <summary>
/// The claims of the national login, under DVCQG's names (DOMAIN.md §5). The id_token carries the identity
/// claims VNeID sends (enough to link an account); userinfo carries the whole DVCQG profile. Shapes follow what
/// relying parties parse: <c>LoaiTaiKhoan</c> a string "1"/"2", <c>GioiTinh</c> and <c>TinhTrangHonNhan</c>
/// numbers, <c>NgayThangNamSinh</c> <c>yyyyMMdd</c> (only <c>yyyy</c> when the day is not on record), addresses
/// and relatives as one line of text.
/// </summary>
internal static class DvcqgClaims
{
    public const string LoaiTaiKhoan = "LoaiTaiKhoan";
    public const string SoDinhDanh = "SoDinhDanh";
    public const string SoCmnd = "SoCMND";
    public const string HoVaTen = "HoVaTen";
    public const string NgayThangNamSinh = "NgayThangNamSinh";
    public const string GioiTinh = "GioiTinh";
    public const string DanToc = "DanToc";
    public const string TonGiao = "TonGiao";
    public const string TinhTrangHonNhan = "TinhTrangHonNhan";
    public const string NhomMau = "NhomMau";
    public const string QuocTich = "QuocTich";
    public const string NoiDangKyKhaiSinh = "NoiDangKyKhaiSinh";
    public const string QueQuan = "QueQuan";
    public const string ThuongTru = "ThuongTru";
    public const string NoiOHienNay = "NoiOHienNay";
    public const string Cha = "Cha";
    public const string Me = "Me";
    public const string VoChong = "VoChong";
    public const string NguoiDaiDien = "NguoiDaiDien";
    public const string ChuHo = "ChuHo";
    public const string MaBhxh = "MaBHXH";
    public const string ThuDienTu = "ThuDienTu";
    public const string SoDienThoai = "SoDienThoai";
    public const string MaSoThue = "MaSoThue";
    public const string MaSoDoanhNghiep = "MaSoDoanhNghiep";
    public const string TenDoanhNghiep = "TenDoanhNghiep";
    public const string DiaChi = "DiaChi";
    public const string TrangThai = "TrangThai";
    public const string TechId = "TechID";
    public const string LoAs = "loAs";
    public const string Ial = "IAL";

    /// <summary>Every claim name the provider can send, for discovery's <c>claims_supported</c>.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Claims.Subject, Claims.AuthenticationContextReference, LoaiTaiKhoan, SoDinhDanh, SoCmnd, HoVaTen, NgayThangNamSinh, GioiTinh,
        DanToc, TonGiao, TinhTrangHonNhan, NhomMau, QuocTich, NoiDangKyKhaiSinh, QueQuan, ThuongTru, NoiOHienNay, Cha, Me,
        VoChong, NguoiDaiDien, ChuHo, MaBhxh, ThuDienTu, SoDienThoai, MaSoThue, MaSoDoanhNghiep, TenDoanhNghiep, DiaChi,
        TrangThai, TechId, LoAs, Ial,
    ];

    /// <summary>The claims that go into the id_token (and the access token): who the account is and how well.</summary>
    public static IEnumerable<Claim> IdentityClaims(NationalAccount account)
    {
        var person = account.Person;
        yield return new Claim(LoaiTaiKhoan, ((int)account.Kind).ToString(CultureInfo.InvariantCulture));
        yield return new Claim(SoDinhDanh, person.SoDinhDanh);
        yield return new Claim(HoVaTen, person.HoVaTen.DayDu);
        if (account.Enterprise is { } enterprise)
        {
            yield return new Claim(MaSoDoanhNghiep, enterprise.MainInformation.EnterpriseGdtCode);
            yield return new Claim(MaSoThue, enterprise.MainInformation.EnterpriseGdtCode);
            yield return new Claim(TenDoanhNghiep, enterprise.MainInformation.Name);
        }
        else
        {
            yield return new Claim(NgayThangNamSinh, BirthText(person.NgayThangNamSinh));
        }

        yield return new Claim(TechId, account.TechId);
        yield return new Claim(LoAs, AssuranceLevels.Name(account.Level));
        yield return new Claim(Ial, ((int)account.Level).ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer);
    }

    /// <summary>The userinfo response: <c>sub</c> and the DVCQG profile; claims an account does not have are left out.</summary>
    public static Dictionary<string, object> UserInfo(NationalAccount account)
    {
        var person = account.Person;
        var info = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [Claims.Subject] = account.Subject,
            [LoaiTaiKhoan] = ((int)account.Kind).ToString(CultureInfo.InvariantCulture),
            [SoDinhDanh] = person.SoDinhDanh,
            [HoVaTen] = person.HoVaTen.DayDu,
            [ThuDienTu] = account.Email,
            [SoDienThoai] = account.Phone,
            [TrangThai] = "1",
            [TechId] = account.TechId,
            [LoAs] = AssuranceLevels.Name(account.Level),
            [Ial] = (int)account.Level,
        };

        if (account.Enterprise is { } enterprise)
        {
            info[MaSoDoanhNghiep] = enterprise.MainInformation.EnterpriseGdtCode;
            info[MaSoThue] = enterprise.MainInformation.EnterpriseGdtCode;
            info[TenDoanhNghiep] = enterprise.MainInformation.Name;
            info[DiaChi] = enterprise.HoAddress.AddressFullText;
            info[NguoiDaiDien] = person.HoVaTen.DayDu;
            return info;
        }

        AddIfPresent(info, SoCmnd, person.SoCmnd);
        info[NgayThangNamSinh] = BirthText(person.NgayThangNamSinh);
        info[GioiTinh] = (int)person.GioiTinh;
        info[DanToc] = person.DanToc.Code;
        info[TonGiao] = person.TonGiao.Code;
        info[TinhTrangHonNhan] = (int)person.TinhTrangHonNhan;
        AddIfPresent(info, NhomMau, person.NhomMau);
        info[QuocTich] = person.QuocTich;
        info[NoiDangKyKhaiSinh] = person.NoiDangKyKhaiSinh.DayDu;
        info[QueQuan] = person.QueQuan.DayDu;
        info[ThuongTru] = person.ThuongTru.DayDu;
        info[NoiOHienNay] = person.NoiOHienTai.DayDu;
        AddIfPresent(info, Cha, person.Cha?.HoVaTen.DayDu);
        AddIfPresent(info, Me, person.Me?.HoVaTen.DayDu);
        AddIfPresent(info, VoChong, person.VoChong?.HoVaTen.DayDu);
        AddIfPresent(info, NguoiDaiDien, person.NguoiDaiDien?.HoVaTen.DayDu);
        AddIfPresent(info, ChuHo, person.ChuHo?.HoVaTen.DayDu);
        AddIfPresent(info, MaBhxh, account.SocialInsuranceCode);
        return info;
    }

    private static void AddIfPresent(Dictionary<string, object> info, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            info[name] = value;
        }
    }

    private static string BirthText(NgayThangNamSinh birth) =>
        birth.NgayThangNam?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? birth.Nam.ToString("D4", CultureInfo.InvariantCulture);
}
