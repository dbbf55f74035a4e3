using Lgsp.Sandbox.Data.Generation;

namespace Lgsp.Sandbox.Data.Reference;

/// <summary>
/// Name pools for the Kinh majority (and the fallback for other groups). Family-name weights follow the
/// commonly cited national shares (Nguyễn about 38%, Trần 11%, Lê 9.5%, Phạm 7%, …). Hoàng/Huỳnh and Vũ/Võ
/// are one family name written differently in the north and the south, so their share is split by region.
/// Middle and given names shift with the generation: "Văn" and "Thị" dominate before the 1980s.
/// </summary>
internal static class VietnameseNames
{
    /// <summary>Family names in per-mille; <c>*HOANG</c> and <c>*VU</c> are resolved by region.</summary>
    private static readonly (string Name, int Weight)[] FamilyNameShares =
    [
        ("Nguyễn", 384), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("*HOANG", 51), ("Phan", 45), ("*VU", 39),
        ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13), ("Ngô", 13), ("Dương", 10), ("Lý", 5),
        ("Đinh", 8), ("Trịnh", 6), ("Đoàn", 6), ("Lương", 5), ("Mai", 5), ("Trương", 6), ("Lâm", 4), ("Cao", 4),
        ("Tạ", 3), ("Hà", 4), ("Tô", 3), ("Quách", 2), ("Chu", 2), ("Thái", 2), ("Kiều", 2), ("Khúc", 1),
        ("La", 1), ("Triệu", 2), ("Văn", 1), ("Lưu", 3), ("Châu", 2), ("Tăng", 1), ("Hứa", 1), ("Thân", 1),
        ("Tôn", 1), ("Từ", 1), ("Nghiêm", 1), ("Phùng", 2), ("Vương", 2), ("Lại", 1), ("Âu", 1),
    ];

    private static readonly Weighted<string> NorthFamilyNames = FamilyNames(hoang: "Hoàng", vu: "Vũ", share: 85);
    private static readonly Weighted<string> SouthFamilyNames = FamilyNames(hoang: "Huỳnh", vu: "Võ", share: 80);
    private static readonly Weighted<string> MixedFamilyNames = FamilyNames(hoang: "Hoàng", vu: "Vũ", share: 50);

    public static readonly Weighted<string> MaleMiddleOlder = Weighted.Of(
        ("Văn", 560), ("Đức", 70), ("Hữu", 60), ("Công", 50), ("Quang", 45), ("Xuân", 40), ("Minh", 40),
        ("Thanh", 30), ("Ngọc", 25), ("Đình", 30), ("Mạnh", 15), ("Quốc", 20), ("Trọng", 15));

    public static readonly Weighted<string> MaleMiddleYounger = Weighted.Of(
        ("Văn", 200), ("Minh", 140), ("Đức", 90), ("Gia", 80), ("Hoàng", 60), ("Quốc", 60), ("Anh", 50),
        ("Bảo", 60), ("Nhật", 40), ("Thành", 40), ("Hữu", 30), ("Công", 30), ("Tuấn", 30), ("Đăng", 30),
        ("Trung", 20), ("Hải", 20), ("Khánh", 20));

    public static readonly Weighted<string> FemaleMiddleOlder = Weighted.Of(
        ("Thị", 930), ("Thu", 15), ("Ngọc", 15), ("Thanh", 15), ("Kim", 10), ("Minh", 5), ("Hồng", 10));

    public static readonly Weighted<string> FemaleMiddleYounger = Weighted.Of(
        ("Thị", 380), ("Ngọc", 90), ("Thu", 60), ("Thanh", 60), ("Minh", 50), ("Bảo", 50), ("Khánh", 40),
        ("Phương", 40), ("Gia", 40), ("Hoài", 30), ("Kim", 30), ("Mỹ", 30), ("Quỳnh", 30), ("Thị Thu", 20),
        ("Thị Thanh", 15), ("Ngọc Bảo", 10), ("Hải", 15), ("Diệu", 10));

    public static readonly IReadOnlyList<string> MaleGivenOlder =
    [
        "Hùng", "Dũng", "Sơn", "Thắng", "Hải", "Tuấn", "Bình", "Cường", "Hòa", "Minh", "Nam", "Long", "Quang",
        "Thành", "Trung", "Vinh", "Hưng", "Lợi", "Tiến", "Thuận", "Đông", "Định", "Kỳ", "Lực", "Quý", "Hậu",
        "Hiếu", "Toàn", "Phong", "Chiến", "Thịnh", "Tâm", "Tài", "Nghĩa", "Khải", "Lộc", "Phúc", "Mạnh", "Tùng",
    ];

    public static readonly IReadOnlyList<string> MaleGivenYounger =
    [
        "Khang", "Bảo", "Khôi", "Phúc", "Minh", "Huy", "Nam", "An", "Lâm", "Đăng", "Khoa", "Duy", "Đạt", "Hiếu",
        "Kiên", "Phát", "Quân", "Trí", "Việt", "Vũ", "Thiện", "Nhân", "Anh", "Long", "Hoàng", "Tùng", "Dương",
        "Tuấn", "Hải", "Sơn", "Thịnh", "Trường", "Đức", "Khánh", "Tài", "Lộc", "Phong", "Tâm", "Kiệt", "Hưng",
    ];

    public static readonly IReadOnlyList<string> FemaleGivenOlder =
    [
        "Lan", "Hoa", "Hương", "Hằng", "Thủy", "Nga", "Liên", "Dung", "Hạnh", "Mai", "Huệ", "Loan", "Phương",
        "Tuyết", "Xuân", "Yến", "Hồng", "Thu", "Thanh", "Bích", "Oanh", "Nhung", "Vân", "Hiền", "Lý", "Thảo",
        "Sen", "Cúc", "Đào", "Hà", "Minh", "Ngọc", "Tâm", "Thoa", "Hường", "Lụa", "Mỹ",
    ];

    public static readonly IReadOnlyList<string> FemaleGivenYounger =
    [
        "Vy", "Nhi", "Ngân", "Anh", "Linh", "Trâm", "My", "Châu", "An", "Diệp", "Trang", "Thảo", "Hà", "Huyền",
        "Quyên", "Quỳnh", "Uyên", "Hân", "Như", "Ly", "Chi", "Giang", "Hạnh", "Khánh", "Mai", "Ngọc", "Phương",
        "Tâm", "Thư", "Trinh", "Tú", "Yến", "Duyên", "Diễm", "Hiền", "Mỹ", "Nhung", "Thùy", "Vân", "Ánh",
    ];

    /// <summary>Births from this year on draw from the "younger" pools.</summary>
    public const int YoungerPoolsFrom = 1985;

    public static Weighted<string> FamilyNamesFor(Region region) => region switch
    {
        Region.RedRiverDelta or Region.NorthernMidlands => NorthFamilyNames,
        Region.CentralHighlands => MixedFamilyNames,
        _ => SouthFamilyNames,
    };

    private static Weighted<string> FamilyNames(string hoang, string vu, int share)
    {
        var entries = new List<(string, int)>();
        foreach (var (name, weight) in FamilyNameShares)
        {
            // Weights are per mille; scale by 100 so the regional split stays an integer.
            switch (name)
            {
                case "*HOANG":
                    entries.Add((hoang, weight * share));
                    entries.Add((hoang == "Hoàng" ? "Huỳnh" : "Hoàng", weight * (100 - share)));
                    break;
                case "*VU":
                    entries.Add((vu, weight * share));
                    entries.Add((vu == "Vũ" ? "Võ" : "Vũ", weight * (100 - share)));
                    break;
                default:
                    entries.Add((name, weight * 100));
                    break;
            }
        }

        return new Weighted<string>(entries);
    }
}

/// <summary>Street names, hamlet names and other small lists used to write addresses.</summary>
internal static class PlaceNames
{
    public static readonly IReadOnlyList<string> Streets =
    [
        "Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hai Bà Trưng", "Lý Thường Kiệt", "Quang Trung", "Hùng Vương",
        "Nguyễn Trãi", "Lê Duẩn", "Điện Biên Phủ", "Phan Đình Phùng", "Nguyễn Thị Minh Khai", "Võ Thị Sáu",
        "Nguyễn Du", "Trần Phú", "Lạc Long Quân", "Âu Cơ", "Bà Triệu", "Nguyễn Văn Cừ", "Lê Thánh Tông",
        "Phạm Văn Đồng", "Võ Nguyên Giáp", "Ngô Quyền", "Nguyễn Chí Thanh", "Tôn Đức Thắng", "Cách Mạng Tháng Tám",
        "30 Tháng 4", "3 Tháng 2", "Phan Chu Trinh", "Phan Bội Châu", "Lê Hồng Phong", "Nguyễn Đình Chiểu",
        "Trường Chinh", "Lý Tự Trọng", "Chu Văn An", "Nguyễn Thái Học", "Hoàng Văn Thụ", "Trần Quang Khải",
        "Yết Kiêu", "Nguyễn Lương Bằng", "Hàm Nghi", "Lê Quý Đôn", "Nguyễn Công Trứ", "Tô Hiến Thành",
    ];

    public static readonly IReadOnlyList<string> HamletWords =
    [
        "Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "An", "Phú", "Thịnh", "Hòa", "Tân", "Lộc", "Mỹ",
        "Bình", "Yên", "Đồng", "Cầu", "Chùa", "Đình", "Bến", "Gò", "Vĩnh", "Phước", "Hưng", "Thọ",
    ];

    /// <summary>Village names of the Central Highlands (buôn, bon, làng, plei).</summary>
    public static readonly IReadOnlyList<string> HighlandVillages =
    [
        "Kon Klor", "Kon Hra Chót", "Plei Ốp", "Đăk Rơ Wa", "Ja Wầm", "Tơng Jú", "Bu Đăk", "Ding Plei", "K'Long",
        "Păng Tiêng", "Đạ Nghịt", "Bu Pră", "Kon Tu Dơng", "Rơ Wắk",
    ];

    /// <summary>Fields of a commune where farmland lies (xứ đồng).</summary>
    public static readonly IReadOnlyList<string> FieldNames =
    [
        "Cửa Đình", "Đồng Chùa", "Bãi Dưới", "Gò Cao", "Đồng Sau", "Ruộng Trũng", "Bờ Sông", "Đồng Mới", "Bãi Bồi", "Đồi Chè",
    ];
}
