using Lgsp.Sandbox.Data.Reference;

namespace Lgsp.Sandbox.Data.Records;

/// <summary>Civil-registry module codes: khai sinh, khai tử, kết hôn.</summary>
internal enum LoaiHoTich
{
    KS,
    KT,
    KH,
}

/// <summary>Where an entry is filed: the office (commune code), the book (<c>quyenSo</c>) and the number (<c>soDangKy</c>).</summary>
internal readonly record struct SoHoTich(LoaiHoTich Loai, string MaDonVi, string QuyenSo, int SoDangKy);

/// <summary>A person as a civil-registry entry names them (the <c>nks*</c>, <c>nkt*</c>, <c>me*</c>, <c>cha*</c>, <c>chong*</c>, <c>vo*</c> groups).</summary>
internal sealed record NguoiHoTich(HoVaTen HoTen, GioiTinh GioiTinh, DateOnly NgaySinh, CodedValue DanToc, string QuocTich, DiaChi NoiCuTru, string SoDinhDanh);

/// <summary>The requester (<c>nyc*</c>) and their relation to the subject.</summary>
internal sealed record NguoiYeuCau(HoVaTen HoTen, string QuanHe, string SoGiayToTuyThan);

/// <summary>
/// What every entry has: the office (<c>maDonVi</c>, the ward/commune code; books of merged communes went to
/// the successor on 1 July 2025), <c>soDangKy</c>, <c>quyenSo</c> (<c>01/2019</c>), <c>trangSo</c>, the registration
/// date and, for births and deaths, the result code (<c>maGiayToKetQua</c>).
/// </summary>
internal abstract record HoTich(
    string MaDonVi,
    string TenCoQuanDangKy,
    int SoDangKy,
    string QuyenSo,
    int TrangSo,
    DateOnly NgayDangKy,
    string? MaGiayToKetQua)
{
    public abstract LoaiHoTich Loai { get; }

    public SoHoTich So => new(Loai, MaDonVi, QuyenSo, SoDangKy);

    /// <summary>Personal ids of the people the entry is about (the child, the deceased, the spouses).</summary>
    public abstract IEnumerable<string> SubjectIds { get; }
}

/// <summary>Birth registration (KS); <c>Cha</c> is null when the father is not established.</summary>
internal sealed record KhaiSinh(
    string MaDonVi, string TenCoQuanDangKy, int SoDangKy, string QuyenSo, int TrangSo, DateOnly NgayDangKy, string? MaGiayToKetQua,
    NguoiHoTich Nks,
    string NksNoiSinh,
    DiaChi NksQueQuan,
    NguoiHoTich Me,
    NguoiHoTich? Cha,
    NguoiYeuCau Nyc,
    string MaGcs,
    DateOnly NgayCapGcs,
    string NoiCapGcs)
    : HoTich(MaDonVi, TenCoQuanDangKy, SoDangKy, QuyenSo, TrangSo, NgayDangKy, MaGiayToKetQua)
{
    public override LoaiHoTich Loai => LoaiHoTich.KS;

    public override IEnumerable<string> SubjectIds => [Nks.SoDinhDanh];
}

/// <summary>Death registration (KT) with the death notice (giấy báo tử: <c>maGBT</c>, <c>gbtLoai/So/Ngay/CoQuanCap</c>).</summary>
internal sealed record KhaiTu(
    string MaDonVi, string TenCoQuanDangKy, int SoDangKy, string QuyenSo, int TrangSo, DateOnly NgayDangKy, string? MaGiayToKetQua,
    NguoiHoTich Nkt,
    DateOnly NktNgayChet,
    string NktNoiChet,
    string NktNguyenNhanChet,
    NguoiYeuCau Nyc,
    string MaGbt,
    string GbtLoai,
    string GbtSo,
    DateOnly GbtNgay,
    string GbtCoQuanCap)
    : HoTich(MaDonVi, TenCoQuanDangKy, SoDangKy, QuyenSo, TrangSo, NgayDangKy, MaGiayToKetQua)
{
    public override LoaiHoTich Loai => LoaiHoTich.KT;

    public override IEnumerable<string> SubjectIds => [Nkt.SoDinhDanh];
}

/// <summary>Marriage registration (KH). No result code: none was observed for it, so none is invented.</summary>
internal sealed record KetHon(
    string MaDonVi, string TenCoQuanDangKy, int SoDangKy, string QuyenSo, int TrangSo, DateOnly NgayDangKy, string? MaGiayToKetQua,
    NguoiHoTich Chong,
    NguoiHoTich Vo)
    : HoTich(MaDonVi, TenCoQuanDangKy, SoDangKy, QuyenSo, TrangSo, NgayDangKy, MaGiayToKetQua)
{
    public override LoaiHoTich Loai => LoaiHoTich.KH;

    public override IEnumerable<string> SubjectIds => [Chong.SoDinhDanh, Vo.SoDinhDanh];
}
