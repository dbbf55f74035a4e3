using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Lgsp.Adapters.NationalPortal.Wire;

// DVCQG's packets as every profile carries them (DOMAIN.md §2.3–2.4; field names of TD-DVC's HoSoDongBoDVC and
// QuaTrinhXuLyDongBoDVC). Every scalar is a string on the wire, dates are yyyyMMddHHmmss in Asia/Ho_Chi_Minh, and an
// absent value is left out. The records are plain strings on purpose: what a value means is DvcqgMapping's business.

/// <summary>One dossier for <c>ThemMoi</c> / <c>CapNhat</c> (the <c>DongBoHoSoMC</c> content).</summary>
internal sealed record HoSoDongBoDVC
{
    public string? MaHoSo { get; init; }

    public string? MaTTHC { get; init; }

    public string? TenTTHC { get; init; }

    public string? MaLinhVuc { get; init; }

    public string? TenLinhVuc { get; init; }

    public string? KenhThucHien { get; init; }

    public string? SoBienNhan { get; init; }

    public string? ChuHoSo { get; init; }

    public string? SoGiayToChuHoSo { get; init; }

    public string? LoaiDoiTuong { get; init; }

    public string? MaDoiTuong { get; init; }

    public string? ThongTinKhac { get; init; }

    public string? Email { get; init; }

    public string? Fax { get; init; }

    public string? SoDienThoai { get; init; }

    public string? TrichYeuHoSo { get; init; }

    public string? NgayNopHoSo { get; init; }

    public string? NgayTiepNhan { get; init; }

    public string? NgayHenTra { get; init; }

    public string? TrangThaiHoSo { get; init; }

    public string? NgayTra { get; init; }

    public string? ThongTinTra { get; init; }

    public string? HinhThuc { get; init; }

    public string? NgayKetThucXuLy { get; init; }

    public string? NgayTuChoi { get; init; }

    public string? DonViXuLy { get; init; }

    public string? GhiChu { get; init; }

    public string? NoiNopHoSo { get; init; }

    public string? HoSoCoThanhPhanSoHoa { get; init; }

    public string? TaiKhoanDuocXacThucVoiVNeID { get; init; }

    public string? DuocThanhToanTrucTuyen { get; init; }

    public IReadOnlyList<DinhDanhWire>? DinhDanhCHS { get; init; }

    public IReadOnlyList<KetNoiCsdlWire>? DSKetNoiCSDL { get; init; }

    public IReadOnlyList<TaiLieuNopWire>? TaiLieuNop { get; init; }

    public IReadOnlyList<LePhiWire>? DanhSachLePhi { get; init; }

    public IReadOnlyList<HoSoBoSungWire>? DanhSachHoSoBoSung { get; init; }

    public IReadOnlyList<GiayToKetQuaWire>? DanhSachGiayToKetQua { get; init; }
}

internal sealed record DinhDanhWire
{
    /// <summary>1 = 12-digit định danh, 2 = 9-digit CMND.</summary>
    public string? LoaiDinhDanh { get; init; }

    public string? SoDinhDanh { get; init; }
}

internal sealed record KetNoiCsdlWire
{
    public string? MaCSDL { get; init; }
}

internal sealed record TaiLieuNopWire
{
    public string? TepDinhKemId { get; init; }

    public string? TenTepDinhKem { get; init; }

    public string? IsDeleted { get; init; }

    public string? MaThanhPhanHoSo { get; init; }

    public string? DuongDanTaiTepTin { get; init; }

    public string? LoaiBan { get; init; }

    public string? DuocSoHoa { get; init; }

    public string? DuocTaiSuDung { get; init; }

    public string? DuocLayTuKhoDMQG { get; init; }

    public string? MaKetQuaThayThe { get; init; }
}

internal sealed record LePhiWire
{
    public string? TenPhiLePhi { get; init; }

    public string? MaPhiLePhi { get; init; }

    public string? HinhThucThu { get; init; }

    public string? Gia { get; init; }

    public string? LoaiPhiLePhi { get; init; }

    public string? TrangThaiThanhToan { get; init; }
}

internal sealed record HoSoBoSungWire
{
    public string? HoSoBoSungId { get; init; }

    public string? NguoiYeuCauBoSung { get; init; }

    public string? NoiDungBoSung { get; init; }

    public string? NgayBoSung { get; init; }

    public string? NguoiTiepNhanBoSung { get; init; }

    public string? ThongTinTiepNhan { get; init; }

    public string? NgayTiepNhanBoSung { get; init; }

    public string? TrangThaiBoSung { get; init; }

    public IReadOnlyList<GiayToBoSungWire>? DanhSachGiayToBoSung { get; init; }

    public IReadOnlyList<LePhiWire>? DanhSachLePhiBoSung { get; init; }

    public string? NgayHenTraTruoc { get; init; }

    public string? NgayHenTraMoi { get; init; }
}

internal sealed record GiayToBoSungWire
{
    public string? TenGiayTo { get; init; }
}

internal sealed record GiayToKetQuaWire
{
    public string? TenGiayTo { get; init; }

    public string? MaThanhPhanHoSo { get; init; }

    public string? GiayToId { get; init; }

    public string? DuongDanTepTinKetQua { get; init; }

    public string? MaGiayToKetQua { get; init; }
}

/// <summary>One progress row for <c>DongBoTienTrinh</c> (the <c>CapNhatTienDoHoSoMC</c> content).</summary>
internal sealed record QuaTrinhXuLy
{
    public string? MaHoSo { get; init; }

    public string? NguoiXuLy { get; init; }

    public string? ChucDanh { get; init; }

    public string? ThoiDiemXuLy { get; init; }

    public string? PhongBanXuLy { get; init; }

    public string? NoiDungXuLy { get; init; }

    public string? TrangThai { get; init; }

    public string? NgayBatDau { get; init; }

    public string? NgayKetThucTheoQuyDinh { get; init; }

    /// <summary>
    /// What identifies a row at DVCQG, which gives rows no id: their content. Two rows with the same content are the
    /// same row to anyone reading DVCQG; absent and empty read alike.
    /// </summary>
    [JsonIgnore]
    public string Key => string.Join('\u001f', MaHoSo, NguoiXuLy, ChucDanh, ThoiDiemXuLy, PhongBanXuLy, NoiDungXuLy, TrangThai, NgayBatDau, NgayKetThucTheoQuyDinh);
}

/// <summary>The progress rows DVCQG holds for a dossier, in the lookup's <c>data</c>.</summary>
internal sealed record TienTrinhDaCo
{
    public IReadOnlyList<QuaTrinhXuLy>? QuaTrinhXuLy { get; init; }
}

// Values are strings on DVCQG's wire but some deployments answer numbers: NumberOrStringConverter reads both.
[JsonSerializable(typeof(HoSoDongBoDVC[]))]
[JsonSerializable(typeof(HoSoDongBoDVC))]
[JsonSerializable(typeof(QuaTrinhXuLy[]))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(TienTrinhDaCo))]
[JsonSerializable(typeof(Lgsp.Adapters.Sdk.Auth.OAuthTokenAnswer))]
internal sealed partial class DvcqgJson : JsonSerializerContext
{
    /// <summary>The context the client uses: nulls left out, Vietnamese written as letters rather than <c>\u</c> escapes.</summary>
    public static DvcqgJson Wire { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new NumberOrStringConverter() },
        // A lookup's result[] may spell members in another case (OpenCPS reads LayThuTuc's as TENTTHC).
        PropertyNameCaseInsensitive = true,
    });
}

/// <summary>A string member that some servers send as a number (<c>"error_code": 0</c>): read as its text.</summary>
internal sealed class NumberOrStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.TryGetInt64(out var whole)
            ? whole.ToString(CultureInfo.InvariantCulture)
            : reader.GetDecimal().ToString(CultureInfo.InvariantCulture),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"Expected a string or a number, got {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
