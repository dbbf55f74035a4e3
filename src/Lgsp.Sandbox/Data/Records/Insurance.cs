namespace Lgsp.Sandbox.Data.Records;

/// <summary>A participant of the social-insurance database (CSDL BHXH), <c>Masobhxh</c> being the key.</summary>
internal sealed record NguoiThamGiaBhxh(
    string Masobhxh,
    string Hoten,
    DateOnly NgaySinh,
    GioiTinh GioiTinh,
    string SoDinhDanh,
    string MaTinh,
    IReadOnlyList<QuaTrinhDong> QuaTrinh);

/// <summary>
/// One contribution period: <c>tuThang</c>/<c>denThang</c> as <c>MM/yyyy</c> (<c>DenThang</c> null while still
/// contributing), the unit, <c>chucVu</c> and <c>tienLuong</c> (monthly salary base in VND).
/// </summary>
internal sealed record QuaTrinhDong(string TuThang, string? DenThang, string MaDonVi, string TenDonVi, string ChucVu, long TienLuong);

/// <summary>A contributing unit (employer) with its BHXH unit code (<c>TZH490L</c> style).</summary>
internal sealed record DonViBhxh(string MaDonVi, string TenDonVi, string? MaSoThue, string MaTinh, string DiaChi);
