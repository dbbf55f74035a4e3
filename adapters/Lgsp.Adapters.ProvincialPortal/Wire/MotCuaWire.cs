using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Lgsp.Adapters.ProvincialPortal.Wire;

// The one-stop system's own JSON (TD-DVC style: camelCase Vietnamese names of its HoSo and QuaTrinhXuLyHoSo tables).
// Not DVCQG's vocabulary: the party kind is a name, dates are Vietnam local time without an offset, the status is
// trangThaiHoSoId, and the version (phienBan) and step number (buoc) are numbers. Absent values are left out.

/// <summary>A dossier submitted on DVCQG, as the one-stop system takes it (one version of it).</summary>
internal sealed record HoSoMotCua
{
    public string? MaHoSo { get; init; }

    public string? MaHoSoKhac { get; init; }

    public string? SoBienNhan { get; init; }

    public string? MaTTHC { get; init; }

    /// <summary>The province's own procedure code, when known.</summary>
    public string? MaTTHCDiaPhuong { get; init; }

    public string? TenTTHC { get; init; }

    public string? MaLinhVuc { get; init; }

    public string? TenLinhVuc { get; init; }

    public string? MaDonViTiepNhan { get; init; }

    public string? TenDonViXuLy { get; init; }

    public string? KenhThucHien { get; init; }

    /// <summary>Where the dossier came from: "DVCQG".</summary>
    public string? NguonHoSo { get; init; }

    public string? NoiNopHoSo { get; init; }

    public string? ChuHoSo { get; init; }

    /// <summary>"Công dân", "Doanh nghiệp", "Cơ quan nhà nước", "Tổ chức", "Khác", "Hộ kinh doanh".</summary>
    public string? LoaiDoiTuong { get; init; }

    public string? SoGiayToChuHoSo { get; init; }

    /// <summary>The applicant's DVCQG/VNeID account (TechID).</summary>
    public string? MaDoiTuong { get; init; }

    public string? EmailChuHoSo { get; init; }

    public string? SoDienThoaiChuHoSo { get; init; }

    public string? DiaChiChuHoSo { get; init; }

    public string? TrichYeuHoSo { get; init; }

    public string? NgayNopHoSo { get; init; }

    public string? NgayTiepNhan { get; init; }

    public string? NgayHenTra { get; init; }

    public string? NgayKetThucXuLy { get; init; }

    public string? NgayTra { get; init; }

    public string? NgayTuChoi { get; init; }

    public string? TrangThaiHoSoId { get; init; }

    public string? HinhThucTra { get; init; }

    public string? GhiChu { get; init; }

    public bool? DaXacThucVNeID { get; init; }

    public IReadOnlyList<ThanhPhanMotCua>? ThanhPhanHoSos { get; init; }

    public IReadOnlyList<LePhiMotCua>? PhiLePhis { get; init; }

    /// <summary>The hub's version of the dossier (1, 2, …): the one-stop system keeps the newest.</summary>
    public int? PhienBan { get; init; }
}

internal sealed record ThanhPhanMotCua
{
    public string? Ten { get; init; }

    public string? MaGiayTo { get; init; }

    public string? DinhKem { get; init; }

    public bool? DaSoHoa { get; init; }
}

internal sealed record LePhiMotCua
{
    public string? Ten { get; init; }

    public string? Ma { get; init; }

    public decimal? SoTien { get; init; }

    public bool? DaThanhToan { get; init; }
}

/// <summary>One processing step of a dossier, as the one-stop system's QuaTrinhXuLyHoSo takes it.</summary>
internal sealed record QuaTrinhMotCua
{
    public string? MaHoSo { get; init; }

    public int? Buoc { get; init; }

    public string? TrangThai { get; init; }

    public string? TenNguoiXuLy { get; init; }

    public string? ChucDanh { get; init; }

    public string? PhongBan { get; init; }

    public string? ThaoTac { get; init; }

    public string? ThoiGian { get; init; }

    public string? NgayBatDau { get; init; }

    public string? NgayHetHanBuocXuLy { get; init; }
}

/// <summary>A dossier as the lookup answers it: the dossier's members plus its steps.</summary>
internal sealed record HoSoDaNhan
{
    public string? MaHoSo { get; init; }

    public string? MaTTHC { get; init; }

    public string? NgayHenTra { get; init; }

    public string? TrangThaiHoSoId { get; init; }

    public int? PhienBan { get; init; }

    public IReadOnlyList<QuaTrinhMotCua>? QuaTrinhXuLy { get; init; }
}

/// <summary>The one-stop system's answer: <c>{succeeded, message, data}</c>.</summary>
internal sealed record MotCuaResult<T>
{
    public bool Succeeded { get; init; }

    public string? Message { get; init; }

    public T? Data { get; init; }
}

/// <summary>The one-stop system's error answer: <c>{messages, statusCode}</c>.</summary>
internal sealed record MotCuaError
{
    public IReadOnlyList<string>? Messages { get; init; }

    public int? StatusCode { get; init; }
}

internal sealed record SignInRequest(string Username, string Password);

internal sealed record SignInAnswer
{
    public string? Token { get; init; }

    public string? RefreshToken { get; init; }

    public string? RefreshTokenExpiryTime { get; init; }
}

/// <summary>The JWT's payload, for its expiry.</summary>
internal sealed record JwtPayload
{
    public long? Exp { get; init; }
}

[JsonSerializable(typeof(HoSoMotCua))]
[JsonSerializable(typeof(QuaTrinhMotCua))]
[JsonSerializable(typeof(MotCuaResult<string>))]
[JsonSerializable(typeof(MotCuaResult<HoSoDaNhan>))]
[JsonSerializable(typeof(MotCuaError))]
[JsonSerializable(typeof(SignInRequest))]
[JsonSerializable(typeof(SignInAnswer))]
[JsonSerializable(typeof(JwtPayload))]
internal sealed partial class MotCuaJson : JsonSerializerContext
{
    /// <summary>camelCase, nulls left out, Vietnamese written as letters.</summary>
    public static MotCuaJson Wire { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    });
}
