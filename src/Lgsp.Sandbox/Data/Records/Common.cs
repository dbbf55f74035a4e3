using Lgsp.Sandbox.Data.Reference;

namespace Lgsp.Sandbox.Data.Records;

// The records below are the upstream systems' own vocabulary (Vietnamese field names of the population
// database, the civil registry and BHXH; the business registry's English ones), deliberately not the hub's
// canonical model: an adapter has to map them, so a mapping bug cannot hide behind a shared type.

/// <summary>
/// A name as the population database splits it: by position, first word <c>Ho</c>, last word <c>Ten</c>,
/// the rest <c>ChuDem</c>. For <c>Y Bhim Niê</c> (Ê Đê) that puts the gender prefix in <c>Ho</c>, as the
/// real database does; an adapter must not treat <c>Ho</c> as a family name.
/// </summary>
internal sealed record HoVaTen(string Ho, string ChuDem, string Ten)
{
    public static HoVaTen FromFullName(string fullName)
    {
        var words = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length switch
        {
            0 => throw new ArgumentException("A name needs at least one word.", nameof(fullName)),
            1 => new HoVaTen("", "", words[0]),
            _ => new HoVaTen(words[0], string.Join(' ', words[1..^1]), words[^1]),
        };
    }

    /// <summary>The full name with diacritics: <c>Nguyễn Thị Thùy Dương</c>.</summary>
    public string DayDu => string.Join(' ', new[] { Ho, ChuDem, Ten }.Where(p => p.Length > 0));

    /// <summary>Upper case without diacritics, the form the population database compares: <c>NGUYEN THI THUY DUONG</c>.</summary>
    public string KhongDau => VietnameseText.ToComparisonForm(DayDu);

    public override string ToString() => DayDu;
}

/// <summary>
/// An address on the two-level local government (province, ward/commune); there is no district since
/// 1 July 2025. <c>ChiTiet</c> is the street-level part ("Số 12, đường Lê Lợi, tổ dân phố 3"), empty for
/// places that are only a ward (birth registration, home town).
/// </summary>
internal sealed record DiaChi(string MaTinhThanh, string TenTinhThanh, string MaPhuongXa, string TenPhuongXa, string ChiTiet, string QuocGia = "VN")
{
    public static DiaChi Of(Ward ward, string chiTiet = "") =>
        new(ward.Province.Code, ward.Province.Name, ward.Code, ward.Name, chiTiet);

    /// <summary>One line, street first: <c>Số 12, đường Lê Lợi, tổ dân phố 3, Phường Việt Trì, Tỉnh Phú Thọ</c>.</summary>
    public string DayDu => ChiTiet.Length == 0 ? $"{TenPhuongXa}, {TenTinhThanh}" : $"{ChiTiet}, {TenPhuongXa}, {TenTinhThanh}";

    public override string ToString() => DayDu;
}

internal enum GioiTinh
{
    Nam = 1,
    Nu = 2,
}
