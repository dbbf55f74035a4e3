using Lgsp.Sandbox.Data.Generation;

namespace Lgsp.Sandbox.Data.Reference;

/// <summary>Commune-level unit since the two-level local government of 1 July 2025.</summary>
internal enum WardKind
{
    /// <summary>Phường (urban ward).</summary>
    Ward,

    /// <summary>Xã (rural commune).</summary>
    Commune,

    /// <summary>Đặc khu (special zone, island districts such as Côn Đảo, Lý Sơn, Phú Quý).</summary>
    SpecialZone,
}

/// <summary>Drives regional habits: Hoàng/Huỳnh and Vũ/Võ, "thôn" or "ấp", "tổ dân phố" or "khu phố".</summary>
internal enum Region
{
    RedRiverDelta,
    NorthernMidlands,
    SouthCentralCoast,
    CentralHighlands,
    Southeast,
}

internal sealed class Ward
{
    internal Ward(string code, string name, Province province, FormerProvince former)
    {
        Code = code;
        Name = name;
        Province = province;
        Former = former;
        Kind = name.StartsWith("Phường ", StringComparison.Ordinal) ? WardKind.Ward
            : name.StartsWith("Xã ", StringComparison.Ordinal) ? WardKind.Commune
            : name.StartsWith("Đặc khu ", StringComparison.Ordinal) ? WardKind.SpecialZone
            : throw new ArgumentException($"Unknown kind of unit: {name}", nameof(name));
    }

    /// <summary>Five digits, GSO format.</summary>
    public string Code { get; }

    /// <summary>Full name, kind included: <c>Phường Hoàn Kiếm</c>, <c>Xã Bát Tràng</c>.</summary>
    public string Name { get; }

    public WardKind Kind { get; }

    public bool IsUrban => Kind == WardKind.Ward;

    public Province Province { get; }

    /// <summary>The province this ward belonged to before the 2025 merger.</summary>
    public FormerProvince Former { get; }

    public Region Region => Former.Region;

    /// <summary>
    /// The province part of a CCCD issued to someone whose birth was registered here on <paramref name="date"/>:
    /// the code of the province at that time (Thông tư 59/2021/TT-BCA), so a birth in Vĩnh Yên in 1990 gives
    /// 026 although Vĩnh Yên is now in Phú Thọ (25).
    /// </summary>
    public string BirthProvinceCode(DateOnly date) =>
        date >= AdministrativeUnits.MergerDate ? Province.Code : Former.Code;

    public override string ToString() => $"{Code} {Name}";
}

/// <summary>A pre-2025 province now part of <see cref="Province"/>, with its own codes and population.</summary>
internal sealed class FormerProvince
{
    internal FormerProvince(string code, string name, string taxPrefix, string cmndPrefix, Region region, int population, Weighted<Ethnicity> ethnicMix)
    {
        Code = code;
        Name = name;
        TaxPrefix = taxPrefix;
        CmndPrefix = cmndPrefix;
        Region = region;
        Population = population;
        EthnicMix = ethnicMix;
    }

    /// <summary>Two-digit GSO code of the province before 1 July 2025.</summary>
    public string Code { get; }

    /// <summary>Full name as it was: <c>Tỉnh Vĩnh Phúc</c>.</summary>
    public string Name { get; }

    /// <summary>First two digits of enterprise codes issued by this province's tax department.</summary>
    public string TaxPrefix { get; }

    /// <summary>First two digits of the 9-digit CMND it issued (illustrative).</summary>
    public string CmndPrefix { get; }

    public Region Region { get; }

    /// <summary>Population in tens of thousands (approximate, 2024), used as a sampling weight.</summary>
    public int Population { get; }

    public Weighted<Ethnicity> EthnicMix { get; }

    public IReadOnlyList<Ward> Wards { get; internal set; } = [];
}

internal sealed class Province
{
    internal Province(string code, string name)
    {
        Code = code;
        Name = name;
    }

    /// <summary>Two-digit GSO code (34-province list of 2025).</summary>
    public string Code { get; }

    /// <summary>Full name: <c>Thành phố Hồ Chí Minh</c>, <c>Tỉnh Phú Thọ</c>.</summary>
    public string Name { get; }

    public IReadOnlyList<FormerProvince> Parts { get; internal set; } = [];

    public IReadOnlyList<Ward> Wards { get; internal set; } = [];

    public int Population => Parts.Sum(p => p.Population);

    public override string ToString() => $"{Code} {Name}";
}

/// <summary>
/// The provinces of the sandbox with real ward/commune names of the two-level local government (since
/// 1 July 2025). Province codes are those of the 34-province list; <b>ward codes have the GSO format (5 digits)
/// but are illustrative</b>: most reuse the pre-merger code of a ward of the same name, none was checked
/// against the official list. Tax and CMND prefixes are those of the former provinces as commonly seen.
/// </summary>
internal static class AdministrativeUnits
{
    /// <summary>The day the district level disappeared and provinces merged.</summary>
    public static readonly DateOnly MergerDate = new(2025, 7, 1);

    private static readonly Lazy<IReadOnlyList<Province>> ProvincesLazy = new(Build);

    public static IReadOnlyList<Province> Provinces => ProvincesLazy.Value;

    public static IEnumerable<Ward> AllWards => Provinces.SelectMany(p => p.Wards);

    private static IReadOnlyList<Province> Build()
    {
        var e = Ethnicities.Kinh;
        return
        [
            P("01", "Thành phố Hà Nội",
                F("01", "Thành phố Hà Nội", "01", "01", Region.RedRiverDelta, 870,
                    Weighted.Of((e, 985), (Ethnicities.Muong, 5), (Ethnicities.Tay, 5), (Ethnicities.Hoa, 3), (Ethnicities.Thai, 2)),
                    "00004 Phường Ba Đình", "00008 Phường Ngọc Hà", "00025 Phường Giảng Võ", "00070 Phường Hoàn Kiếm",
                    "00082 Phường Cửa Nam", "00091 Phường Phú Thượng", "00097 Phường Hồng Hà", "00103 Phường Tây Hồ",
                    "00118 Phường Bồ Đề", "00127 Phường Việt Hưng", "00136 Phường Phúc Lợi", "00145 Phường Long Biên",
                    "00160 Phường Nghĩa Đô", "00166 Phường Cầu Giấy", "00175 Phường Yên Hòa", "00190 Phường Ô Chợ Dừa",
                    "00199 Phường Láng", "00226 Phường Văn Miếu - Quốc Tử Giám", "00229 Phường Kim Liên", "00235 Phường Đống Đa",
                    "00256 Phường Hai Bà Trưng", "00283 Phường Bạch Mai", "00292 Phường Vĩnh Tuy", "00301 Phường Hoàng Mai",
                    "00316 Phường Định Công", "00322 Phường Tương Mai", "00328 Phường Lĩnh Nam", "00331 Phường Hoàng Liệt",
                    "00337 Phường Yên Sở", "00352 Phường Khương Đình", "00364 Phường Phương Liệt", "00367 Phường Thanh Xuân",
                    "09552 Phường Dương Nội", "09556 Phường Hà Đông", "09886 Phường Yên Nghĩa", "09574 Phường Sơn Tây",
                    "09604 Phường Tùng Thiện", "08980 Xã Sóc Sơn", "09022 Xã Đông Anh", "09340 Xã Gia Lâm",
                    "00619 Xã Bát Tràng", "00640 Xã Thanh Trì", "09625 Xã Ba Vì", "09715 Xã Phúc Thọ", "09784 Xã Đan Phượng",
                    "09832 Xã Hoài Đức", "09955 Xã Quốc Oai", "10030 Xã Thạch Thất", "10105 Xã Chương Mỹ", "10210 Xã Thanh Oai",
                    "10279 Xã Thường Tín", "10354 Xã Phú Xuyên", "10441 Xã Ứng Hòa", "10510 Xã Mỹ Đức", "08974 Xã Mê Linh")),
            P("25", "Tỉnh Phú Thọ",
                F("25", "Tỉnh Phú Thọ", "26", "13", Region.NorthernMidlands, 150,
                    Weighted.Of((e, 850), (Ethnicities.Muong, 130), (Ethnicities.Dao, 10), (Ethnicities.Tay, 5), (Ethnicities.SanDiu, 5)),
                    "07894 Phường Việt Trì", "07900 Phường Nông Trang", "07906 Phường Thanh Miếu", "07918 Phường Vân Phú",
                    "07942 Phường Phong Châu", "07957 Phường Phú Thọ", "07960 Phường Âu Cơ", "08023 Xã Đoan Hùng",
                    "08101 Xã Hạ Hòa", "08158 Xã Thanh Ba", "08221 Xã Phù Ninh", "08290 Xã Yên Lập", "08350 Xã Cẩm Khê",
                    "08443 Xã Tam Nông", "08497 Xã Lâm Thao", "08539 Xã Thanh Sơn", "08623 Xã Tân Sơn", "08665 Xã Thanh Thủy"),
                F("26", "Tỉnh Vĩnh Phúc", "25", "13", Region.RedRiverDelta, 120,
                    Weighted.Of((e, 960), (Ethnicities.SanDiu, 30), (Ethnicities.Tay, 5), (Ethnicities.Muong, 5)),
                    "08707 Phường Vĩnh Phúc", "08716 Phường Vĩnh Yên", "08773 Phường Phúc Yên", "08782 Phường Xuân Hòa",
                    "08824 Xã Lập Thạch", "08869 Xã Tam Đảo", "08890 Xã Bình Xuyên", "08935 Xã Vĩnh Tường", "08950 Xã Yên Lạc"),
                F("17", "Tỉnh Hòa Bình", "54", "11", Region.NorthernMidlands, 87,
                    Weighted.Of((Ethnicities.Muong, 620), (e, 270), (Ethnicities.Thai, 40), (Ethnicities.Tay, 30), (Ethnicities.Dao, 20), (Ethnicities.Mong, 20)),
                    "04924 Phường Hòa Bình", "04930 Phường Kỳ Sơn", "04942 Phường Tân Hòa", "04954 Phường Thống Nhất",
                    "04978 Xã Đà Bắc", "05086 Xã Lương Sơn", "05158 Xã Kim Bôi", "05266 Xã Cao Phong", "05299 Xã Tân Lạc",
                    "05392 Xã Mai Châu", "05449 Xã Lạc Sơn", "05536 Xã Yên Thủy", "05581 Xã Lạc Thủy")),
            P("51", "Tỉnh Quảng Ngãi",
                F("51", "Tỉnh Quảng Ngãi", "43", "21", Region.SouthCentralCoast, 125,
                    Weighted.Of((e, 890), (Ethnicities.Hre, 85), (Ethnicities.Co, 15), (Ethnicities.XoDang, 10)),
                    "21001 Phường Cẩm Thành", "21010 Phường Nghĩa Lộ", "21025 Phường Trương Quang Trọng", "21034 Xã Tịnh Khê",
                    "21040 Xã Bình Sơn", "21100 Xã Sơn Tịnh", "21160 Xã Tư Nghĩa", "21250 Xã Mộ Đức", "21280 Phường Đức Phổ",
                    "21295 Phường Sa Huỳnh", "21304 Phường Trà Câu", "21340 Xã Minh Long", "21370 Xã Ba Tơ", "21400 Xã Sơn Hà",
                    "21430 Xã Trà Bồng", "21460 Đặc khu Lý Sơn"),
                F("62", "Tỉnh Kon Tum", "61", "23", Region.CentralHighlands, 58,
                    Weighted.Of((e, 470), (Ethnicities.XoDang, 250), (Ethnicities.BaNa, 120), (Ethnicities.GiaRai, 60), (Ethnicities.GieTrieng, 50),
                        (Ethnicities.Muong, 20), (Ethnicities.Tay, 15), (Ethnicities.Thai, 15)),
                    "23281 Phường Kon Tum", "23284 Phường Đăk Cấm", "23287 Phường Đăk Bla", "23317 Xã Đăk Glei",
                    "23368 Xã Ngọc Hồi", "23401 Xã Đăk Tô", "23430 Xã Kon Plông", "23473 Xã Đăk Hà", "23500 Xã Sa Thầy")),
            P("68", "Tỉnh Lâm Đồng",
                F("68", "Tỉnh Lâm Đồng", "58", "25", Region.CentralHighlands, 133,
                    Weighted.Of((e, 750), (Ethnicities.CoHo, 150), (Ethnicities.Ma, 30), (Ethnicities.ChuRu, 20), (Ethnicities.Tay, 20),
                        (Ethnicities.Nung, 20), (Ethnicities.Hoa, 10)),
                    "24778 Phường Xuân Hương - Đà Lạt", "24781 Phường Cam Ly - Đà Lạt", "24787 Phường Lâm Viên - Đà Lạt",
                    "24805 Phường Xuân Trường - Đà Lạt", "24817 Phường Lang Biang - Đà Lạt", "24820 Phường 1 Bảo Lộc",
                    "24823 Phường 2 Bảo Lộc", "24829 Phường 3 Bảo Lộc", "24841 Phường B'Lao", "24850 Xã Lạc Dương",
                    "24886 Xã Đơn Dương", "24934 Xã Đức Trọng", "24955 Xã Di Linh"),
                F("67", "Tỉnh Đắk Nông", "64", "24", Region.CentralHighlands, 67,
                    Weighted.Of((e, 700), (Ethnicities.Mnong, 100), (Ethnicities.Tay, 50), (Ethnicities.Nung, 50), (Ethnicities.Mong, 40),
                        (Ethnicities.EDe, 30), (Ethnicities.Dao, 20), (Ethnicities.Ma, 10)),
                    "24611 Phường Bắc Gia Nghĩa", "24615 Phường Nam Gia Nghĩa", "24618 Phường Đông Gia Nghĩa", "24631 Xã Cư Jút",
                    "24657 Xã Đắk Mil", "24688 Xã Krông Nô", "24712 Xã Đắk Song"),
                F("60", "Tỉnh Bình Thuận", "34", "26", Region.SouthCentralCoast, 127,
                    Weighted.Of((e, 930), (Ethnicities.Cham, 35), (Ethnicities.RaGlai, 20), (Ethnicities.Hoa, 10), (Ethnicities.CoHo, 5)),
                    "22918 Phường Phan Thiết", "22921 Phường Mũi Né", "22924 Phường Phú Thủy", "22945 Phường Hàm Thắng",
                    "22960 Phường Tiến Thành", "22963 Phường Bình Thuận", "23231 Phường La Gi", "22972 Xã Tuy Phong",
                    "23020 Xã Hàm Thuận Bắc", "23200 Đặc khu Phú Quý")),
            P("56", "Tỉnh Khánh Hòa",
                F("56", "Tỉnh Khánh Hòa", "42", "22", Region.SouthCentralCoast, 125,
                    Weighted.Of((e, 950), (Ethnicities.RaGlai, 40), (Ethnicities.Hoa, 5), (Ethnicities.EDe, 5)),
                    "22333 Phường Nha Trang", "22334 Phường Bắc Nha Trang", "22366 Phường Tây Nha Trang", "22390 Phường Nam Nha Trang",
                    "22402 Phường Bắc Cam Ranh", "22405 Phường Cam Ranh", "22411 Phường Cam Linh", "22420 Phường Ba Ngòi",
                    "22474 Phường Ninh Hòa", "22480 Xã Vạn Ninh", "22561 Xã Diên Khánh", "22612 Xã Khánh Vĩnh", "22660 Xã Khánh Sơn"),
                F("58", "Tỉnh Ninh Thuận", "45", "26", Region.SouthCentralCoast, 60,
                    Weighted.Of((e, 770), (Ethnicities.Cham, 120), (Ethnicities.RaGlai, 110)),
                    "22738 Phường Phan Rang", "22741 Phường Đông Hải", "22744 Phường Đô Vinh", "22747 Phường Bảo An",
                    "22780 Xã Ninh Sơn", "22810 Xã Ninh Hải", "22840 Xã Thuận Bắc", "22870 Xã Ninh Phước")),
            P("79", "Thành phố Hồ Chí Minh",
                F("79", "Thành phố Hồ Chí Minh", "03", "02", Region.Southeast, 950,
                    Weighted.Of((e, 930), (Ethnicities.Hoa, 55), (Ethnicities.Khmer, 10), (Ethnicities.Cham, 5)),
                    "26734 Phường Tân Định", "26740 Phường Sài Gòn", "26743 Phường Bến Thành", "26758 Phường Cầu Ông Lãnh",
                    "27142 Phường Bàn Cờ", "27154 Phường Xuân Hòa", "27139 Phường Nhiêu Lộc", "27301 Phường Chợ Quán",
                    "27316 Phường An Đông", "27343 Phường Chợ Lớn", "27367 Phường Bình Tây", "27376 Phường Bình Tiên",
                    "27382 Phường Phú Lâm", "27088 Phường Tân Thuận", "27094 Phường Tân Mỹ", "27097 Phường Tân Hưng",
                    "27418 Phường Chánh Hưng", "27424 Phường Bình Đông", "27259 Phường Hòa Hưng", "27262 Phường Vườn Lài",
                    "27286 Phường Minh Phụng", "27313 Phường Bình Thới", "27211 Phường Phú Thọ", "26788 Phường Đông Hưng Thuận",
                    "26791 Phường Trung Mỹ Tây", "26776 Phường Thới An", "26785 Phường An Phú Đông", "27457 Phường An Lạc",
                    "27448 Phường Bình Tân", "27460 Phường Tân Tạo", "27442 Phường Bình Trị Đông", "27439 Phường Bình Hưng Hòa",
                    "26944 Phường Gia Định", "26929 Phường Bình Thạnh", "26905 Phường Bình Lợi Trung", "26956 Phường Thạnh Mỹ Tây",
                    "26968 Phường Bình Quới", "26890 Phường Gò Vấp", "26881 Phường Hạnh Thông", "26878 Phường An Nhơn",
                    "26869 Phường An Hội Đông", "26884 Phường Thông Tây Hội", "27043 Phường Phú Nhuận", "27058 Phường Đức Nhuận",
                    "27025 Phường Cầu Kiệu", "26977 Phường Tân Sơn Nhất", "27007 Phường Tân Bình", "27016 Phường Bảy Hiền",
                    "27019 Phường Tân Sơn Hòa", "27022 Phường Tân Hòa", "27028 Phường Tân Sơn", "27010 Phường Tây Thạnh",
                    "27034 Phường Tân Sơn Nhì", "27037 Phường Phú Thọ Hòa", "27031 Phường Tân Phú", "27040 Phường Phú Thạnh",
                    "26800 Phường Hiệp Bình", "26803 Phường Thủ Đức", "26806 Phường Tam Bình", "26809 Phường Linh Xuân",
                    "26812 Phường Tăng Nhơn Phú", "26815 Phường Long Bình", "26818 Phường Long Phước", "26821 Phường Long Trường",
                    "26824 Phường Cát Lái", "26827 Phường Bình Trưng", "26830 Phường Phước Long", "26833 Phường An Khánh",
                    "27508 Xã Củ Chi", "27550 Xã Hóc Môn", "27595 Xã Bình Chánh", "27637 Xã Nhà Bè", "27655 Xã Cần Giờ",
                    "27673 Xã Thạnh An"),
                F("74", "Tỉnh Bình Dương", "37", "28", Region.Southeast, 280,
                    Weighted.Of((e, 970), (Ethnicities.Hoa, 15), (Ethnicities.Khmer, 10), (Ethnicities.Tay, 5)),
                    "25741 Phường Thủ Dầu Một", "25747 Phường Phú Lợi", "25750 Phường Bình Dương", "25942 Phường Dĩ An",
                    "25966 Phường Thuận An", "25990 Phường Lái Thiêu", "26002 Phường Tân Uyên", "26020 Phường Bến Cát",
                    "26035 Xã Dầu Tiếng", "26050 Xã Bắc Tân Uyên", "26063 Xã Phú Giáo"),
                F("77", "Tỉnh Bà Rịa - Vũng Tàu", "35", "27", Region.Southeast, 120,
                    Weighted.Of((e, 970), (Ethnicities.Hoa, 15), (Ethnicities.ChoRo, 10), (Ethnicities.Khmer, 5)),
                    "26506 Phường Vũng Tàu", "26508 Phường Tam Thắng", "26526 Phường Rạch Dừa", "26535 Phường Phước Thắng",
                    "26560 Phường Bà Rịa", "26572 Phường Long Hương", "26604 Xã Long Hải", "26620 Xã Châu Đức",
                    "26680 Xã Xuyên Mộc", "26710 Đặc khu Côn Đảo")),
        ];
    }

    private static Province P(string code, string name, params PartSpec[] parts)
    {
        var province = new Province(code, name);
        var formers = new List<FormerProvince>();
        var wards = new List<Ward>();
        foreach (var part in parts)
        {
            var former = new FormerProvince(part.Code, part.Name, part.TaxPrefix, part.CmndPrefix, part.Region, part.Population, part.EthnicMix);
            var own = part.Wards.Select(w => new Ward(w[..5], w[6..], province, former)).ToList();
            former.Wards = own;
            formers.Add(former);
            wards.AddRange(own);
        }

        province.Parts = formers;
        province.Wards = wards;
        return province;
    }

    private static PartSpec F(string code, string name, string taxPrefix, string cmndPrefix, Region region, int population, Weighted<Ethnicity> ethnicMix, params string[] wards) =>
        new(code, name, taxPrefix, cmndPrefix, region, population, ethnicMix, wards);

    private sealed record PartSpec(string Code, string Name, string TaxPrefix, string CmndPrefix, Region Region, int Population, Weighted<Ethnicity> EthnicMix, string[] Wards);
}
