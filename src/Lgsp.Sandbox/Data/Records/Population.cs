using Lgsp.Sandbox.Data.Reference;

namespace Lgsp.Sandbox.Data.Records;

/// <summary>Marital status (codes illustrative). Divorce is not generated.</summary>
internal enum TinhTrangHonNhan
{
    ChuaKetHon = 1,
    DaKetHon = 2,

    /// <summary>Widowed: the spouse has a death record.</summary>
    Goa = 3,
}

/// <summary>
/// Date of birth; some older people have only a year on record, so <see cref="NgayThangNam"/> is null for them.
/// </summary>
internal sealed record NgayThangNamSinh(int Nam, DateOnly? NgayThangNam);

/// <summary>A relative as the population record shows one (<c>Cha</c>, <c>Me</c>, <c>VoChong</c>, <c>NguoiDaiDien</c>).</summary>
internal sealed record NguoiThan(HoVaTen HoVaTen, string QuocTich, string SoDinhDanh, string? SoCmnd);

/// <summary>The household head as seen from a member (<c>QuanHe</c> = the member's relation to the head).</summary>
internal sealed record ChuHo(string QuanHe, string SoDinhDanh, string? SoCmnd, HoVaTen HoVaTen);

/// <summary>One citizen of the population database (CSDLQG về dân cư), as <c>CongDan</c> carries it.</summary>
internal sealed record CongDan(
    string SoDinhDanh,
    string? SoCmnd,
    HoVaTen HoVaTen,
    GioiTinh GioiTinh,
    CodedValue DanToc,
    CodedValue TonGiao,
    TinhTrangHonNhan TinhTrangHonNhan,
    string? NhomMau,
    NgayThangNamSinh NgayThangNamSinh,
    string QuocTich,
    DiaChi NoiDangKyKhaiSinh,
    DiaChi QueQuan,
    DiaChi ThuongTru,
    DiaChi NoiOHienTai,
    NguoiThan? Cha,
    NguoiThan? Me,
    NguoiThan? VoChong,
    NguoiThan? NguoiDaiDien,
    ChuHo? ChuHo,
    string? SoSoHoKhau,
    DateOnly? NgayChet)
{
    public bool DaChet => NgayChet is not null;
}

internal sealed record ThanhVienHo(string SoDinhDanh, string QuanHeVoiChuHo);

/// <summary>A household (hộ gia đình) with its head first among the members.</summary>
internal sealed record HoGiaDinh(string SoSoHoKhau, string ChuHoSoDinhDanh, DiaChi DiaChi, IReadOnlyList<ThanhVienHo> ThanhVien);
