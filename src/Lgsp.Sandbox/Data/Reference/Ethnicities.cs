namespace Lgsp.Sandbox.Data.Reference;

/// <summary>An entry of a coded list (ethnicity, religion) as the population database returns it.</summary>
internal sealed record CodedValue(string Code, string Name);

/// <summary>How a group's names are written, which decides how the database's positional split reads them.</summary>
internal enum NamingOrder
{
    /// <summary>Family name, middle name(s), given name: <c>Nguyễn Thị Thu Hà</c>, <c>Ksor Thị Nhí</c>.</summary>
    FamilyFirst,

    /// <summary>
    /// A gender prefix, the given name and sometimes a clan name last: <c>Y Bhim Niê</c>, <c>H'Hen Êban</c>,
    /// <c>A Thut</c>, <c>K'Brói</c>. The database still splits by position, so <c>Ho</c> holds the prefix.
    /// </summary>
    PrefixFirst,
}

/// <summary>Name pools of one ethnic group; a null pool falls back to the general Vietnamese one.</summary>
internal sealed record NamingStyle(
    NamingOrder Order,
    IReadOnlyList<string>? FamilyNames = null,
    IReadOnlyList<string>? MaleMiddle = null,
    IReadOnlyList<string>? FemaleMiddle = null,
    IReadOnlyList<string>? MaleGiven = null,
    IReadOnlyList<string>? FemaleGiven = null,
    IReadOnlyList<string>? MalePrefixes = null,
    IReadOnlyList<string>? FemalePrefixes = null,
    IReadOnlyList<string>? Clans = null);

internal enum ReligionProfile
{
    Kinh,
    KinhSouth,
    Hoa,
    Khmer,
    Cham,
    CentralHighlands,
    NorthernUplands,
    Other,
}

internal sealed record Ethnicity(CodedValue Value, NamingStyle Naming, ReligionProfile Religion)
{
    public string Code => Value.Code;

    public string Name => Value.Name;
}

/// <summary>
/// Ethnic groups present in the sandbox's provinces, with the codes of the General Statistics Office's list
/// of 54 groups (QĐ 121-TCTK/PPCĐ). Names and codes are illustrative where not checked against that text.
/// </summary>
internal static class Ethnicities
{
    private static readonly string[] HighlandMaleGiven =
        ["Blang", "Bhim", "Ngông", "Hăng", "Krông", "Thut", "Pố", "Blưr", "Đing", "Kra", "Brôi", "Tiêng", "Phăng", "Rin", "Wơn", "Duôn", "Jen", "Nưl", "Sơn", "Hùng"];

    private static readonly string[] HighlandFemaleGiven =
        ["Hen", "Nhí", "Ble", "Hớt", "Lan", "Mai", "Bia", "Hơ", "Yơn", "Juê", "Phương", "Thắm", "Wen", "Drim", "Duyên", "Ngơn"];

    public static readonly Ethnicity Kinh = new(new("01", "Kinh"), new(NamingOrder.FamilyFirst), ReligionProfile.Kinh);

    public static readonly Ethnicity Tay = new(new("02", "Tày"),
        new(NamingOrder.FamilyFirst, FamilyNames: ["Hoàng", "Nông", "Lương", "Đàm", "Lục", "Ma", "Hà", "Triệu", "Bế", "Lý"]),
        ReligionProfile.NorthernUplands);

    public static readonly Ethnicity Thai = new(new("03", "Thái"),
        new(NamingOrder.FamilyFirst, FamilyNames: ["Lò", "Cầm", "Lường", "Vi", "Hà", "Lộc", "Quàng", "Tòng"]),
        ReligionProfile.NorthernUplands);

    public static readonly Ethnicity Hoa = new(new("04", "Hoa"),
        new(NamingOrder.FamilyFirst,
            FamilyNames: ["Lý", "Lâm", "Trương", "Quách", "Hứa", "Mạc", "Châu", "Lưu", "Tăng", "Diệp", "Hồng", "Lương"],
            MaleMiddle: ["Quốc", "Gia", "Vĩnh", "Kiến", "Văn", "Chí"],
            FemaleMiddle: ["Mỹ", "Tú", "Ngọc", "Huệ", "Thị", "Bảo"]),
        ReligionProfile.Hoa);

    public static readonly Ethnicity Khmer = new(new("05", "Khơ-me"),
        new(NamingOrder.FamilyFirst,
            FamilyNames: ["Thạch", "Sơn", "Danh", "Kim", "Lâm", "Chau"],
            MaleMiddle: ["", "Sa", "Sô"],
            FemaleMiddle: ["Thị", "Néang", ""],
            MaleGiven: ["Rinh", "Phal", "Chanh Đa", "Sóc", "Pha Ri", "Ni", "Sa Quăn", "Vi Sal"],
            FemaleGiven: ["Sa Rươne", "Sóc Phia", "Chanh Thu", "Sô Phi", "Mom", "Sa Vy", "Kim Liên"]),
        ReligionProfile.Khmer);

    public static readonly Ethnicity Muong = new(new("06", "Mường"),
        new(NamingOrder.FamilyFirst, FamilyNames: ["Bùi", "Đinh", "Quách", "Hà", "Xa", "Bạch"]),
        ReligionProfile.NorthernUplands);

    public static readonly Ethnicity Nung = new(new("07", "Nùng"),
        new(NamingOrder.FamilyFirst, FamilyNames: ["Nông", "Hoàng", "Lục", "Lý", "Vi", "Chu", "Lăng"]),
        ReligionProfile.NorthernUplands);

    public static readonly Ethnicity Mong = new(new("08", "Mông"),
        new(NamingOrder.FamilyFirst,
            FamilyNames: ["Giàng", "Vàng", "Sùng", "Mùa", "Lý", "Thào", "Hạng", "Lầu", "Vừ"],
            MaleMiddle: ["A", "Seo", "Mí"],
            FemaleMiddle: ["Thị"],
            MaleGiven: ["Páo", "Dình", "Chứ", "Sử", "Lử", "Chư", "Pó", "Của", "Dế", "Sinh"],
            FemaleGiven: ["Mỷ", "Pà", "Dua", "Say", "Súa", "Dợ", "Chà", "Xúa"]),
        ReligionProfile.NorthernUplands);

    public static readonly Ethnicity Dao = new(new("09", "Dao"),
        new(NamingOrder.FamilyFirst, FamilyNames: ["Triệu", "Bàn", "Đặng", "Lý", "Chảo", "Phùng", "Tẩn"]),
        ReligionProfile.NorthernUplands);

    public static readonly Ethnicity GiaRai = new(new("10", "Gia-rai"),
        new(NamingOrder.FamilyFirst,
            FamilyNames: ["Ksor", "Siu", "Rơ Châm", "Rơ Mah", "Nay", "Kpă", "Rah Lan", "Puih", "Rcom"],
            MaleMiddle: [""],
            FemaleMiddle: ["Thị", ""],
            MaleGiven: HighlandMaleGiven,
            FemaleGiven: HighlandFemaleGiven),
        ReligionProfile.CentralHighlands);

    public static readonly Ethnicity EDe = new(new("12", "Ê-đê"),
        new(NamingOrder.PrefixFirst,
            MalePrefixes: ["Y"],
            FemalePrefixes: ["H'"],
            MaleGiven: HighlandMaleGiven,
            FemaleGiven: HighlandFemaleGiven,
            Clans: ["Niê", "Mlô", "Êban", "Byă", "Adrơng", "Ktla", "Hmok", "Ayun", "Knul", "Êñuôl"]),
        ReligionProfile.CentralHighlands);

    public static readonly Ethnicity BaNa = new(new("13", "Ba-na"),
        new(NamingOrder.PrefixFirst, MalePrefixes: ["A"], FemalePrefixes: ["Y"], MaleGiven: HighlandMaleGiven, FemaleGiven: HighlandFemaleGiven),
        ReligionProfile.CentralHighlands);

    public static readonly Ethnicity XoDang = new(new("14", "Xơ-đăng"),
        new(NamingOrder.PrefixFirst, MalePrefixes: ["A"], FemalePrefixes: ["Y"], MaleGiven: HighlandMaleGiven, FemaleGiven: HighlandFemaleGiven),
        ReligionProfile.CentralHighlands);

    public static readonly Ethnicity CoHo = new(new("16", "Cơ-ho"),
        new(NamingOrder.PrefixFirst, MalePrefixes: ["K'"], FemalePrefixes: ["Ka"], MaleGiven: HighlandMaleGiven, FemaleGiven: HighlandFemaleGiven,
            Clans: ["Kơ Să", "Cil", "Liêng", "Bon Niêng", "Kră"]),
        ReligionProfile.CentralHighlands);

    public static readonly Ethnicity Cham = new(new("17", "Chăm"),
        new(NamingOrder.FamilyFirst,
            FamilyNames: ["Đàng", "Quảng", "Bá", "Thuận", "Châu", "Lưu", "Phú", "Thổ", "Trượng", "Nại"],
            MaleMiddle: ["Năng", "Văn", "Như"],
            FemaleMiddle: ["Thị", "Nữ"]),
        ReligionProfile.Cham);

    public static readonly Ethnicity SanDiu = new(new("18", "Sán Dìu"),
        new(NamingOrder.FamilyFirst, FamilyNames: ["Trần", "Lương", "Diệp", "Lục", "Hoàng", "Lâm", "Phạm"]),
        ReligionProfile.NorthernUplands);

    public static readonly Ethnicity Hre = new(new("19", "Hrê"),
        new(NamingOrder.FamilyFirst, FamilyNames: ["Đinh", "Phạm", "Trương", "Hà"]),
        ReligionProfile.Other);

    public static readonly Ethnicity Mnong = new(new("20", "Mnông"),
        new(NamingOrder.PrefixFirst, MalePrefixes: ["Y", "Điểu"], FemalePrefixes: ["H'", "Thị"], MaleGiven: HighlandMaleGiven, FemaleGiven: HighlandFemaleGiven),
        ReligionProfile.CentralHighlands);

    public static readonly Ethnicity RaGlai = new(new("21", "Ra-glai"),
        new(NamingOrder.FamilyFirst,
            FamilyNames: ["Chamaléa", "Katơr", "Pinăng", "Mấu", "Cao", "Bo Bo"],
            MaleMiddle: ["", "Văn"],
            FemaleMiddle: ["Thị", ""]),
        ReligionProfile.Other);

    public static readonly Ethnicity GieTrieng = new(new("27", "Giẻ-Triêng"),
        new(NamingOrder.PrefixFirst, MalePrefixes: ["A"], FemalePrefixes: ["Y"], MaleGiven: HighlandMaleGiven, FemaleGiven: HighlandFemaleGiven),
        ReligionProfile.CentralHighlands);

    public static readonly Ethnicity Ma = new(new("28", "Mạ"),
        new(NamingOrder.PrefixFirst, MalePrefixes: ["K'", "Điểu"], FemalePrefixes: ["Ka", "Thị"], MaleGiven: HighlandMaleGiven, FemaleGiven: HighlandFemaleGiven),
        ReligionProfile.CentralHighlands);

    public static readonly Ethnicity Co = new(new("30", "Co"),
        new(NamingOrder.FamilyFirst, FamilyNames: ["Đinh", "Hồ"]),
        ReligionProfile.Other);

    public static readonly Ethnicity ChoRo = new(new("32", "Chơ-ro"),
        new(NamingOrder.FamilyFirst, FamilyNames: ["Điểu", "Đào", "Thổ", "Lê"]),
        ReligionProfile.Other);

    public static readonly Ethnicity ChuRu = new(new("36", "Chu-ru"),
        new(NamingOrder.FamilyFirst,
            FamilyNames: ["Ya", "Ma", "Touneh", "Tou Prong", "Bơ Nah"],
            MaleMiddle: ["", "Văn"],
            FemaleMiddle: ["", "Thị"]),
        ReligionProfile.CentralHighlands);

    public static IReadOnlyList<Ethnicity> All { get; } =
        [Kinh, Tay, Thai, Hoa, Khmer, Muong, Nung, Mong, Dao, GiaRai, EDe, BaNa, XoDang, CoHo, Cham, SanDiu, Hre, Mnong, RaGlai, GieTrieng, Ma, Co, ChoRo, ChuRu];
}

/// <summary>Religions with the codes the sandbox uses (illustrative; the real code list is not public).</summary>
internal static class Religions
{
    public static readonly CodedValue None = new("00", "Không");
    public static readonly CodedValue Buddhism = new("01", "Phật giáo");
    public static readonly CodedValue Catholic = new("02", "Công giáo");
    public static readonly CodedValue Protestant = new("03", "Tin lành");
    public static readonly CodedValue CaoDai = new("04", "Cao Đài");
    public static readonly CodedValue HoaHao = new("05", "Phật giáo Hòa Hảo");
    public static readonly CodedValue Islam = new("06", "Hồi giáo");
    public static readonly CodedValue Brahmanism = new("13", "Bà-la-môn");

    private static readonly Dictionary<ReligionProfile, Generation.Weighted<CodedValue>> Mixes = new()
    {
        [ReligionProfile.Kinh] = Generation.Weighted.Of((None, 800), (Buddhism, 110), (Catholic, 85), (Protestant, 5)),
        [ReligionProfile.KinhSouth] = Generation.Weighted.Of((None, 720), (Buddhism, 150), (Catholic, 90), (CaoDai, 25), (HoaHao, 10), (Protestant, 5)),
        [ReligionProfile.Hoa] = Generation.Weighted.Of((None, 600), (Buddhism, 350), (Catholic, 30), (Protestant, 20)),
        [ReligionProfile.Khmer] = Generation.Weighted.Of((Buddhism, 920), (None, 80)),
        [ReligionProfile.Cham] = Generation.Weighted.Of((Brahmanism, 550), (Islam, 400), (None, 50)),
        [ReligionProfile.CentralHighlands] = Generation.Weighted.Of((None, 350), (Protestant, 400), (Catholic, 250)),
        [ReligionProfile.NorthernUplands] = Generation.Weighted.Of((None, 970), (Protestant, 20), (Buddhism, 10)),
        [ReligionProfile.Other] = Generation.Weighted.Of((None, 900), (Protestant, 60), (Catholic, 40)),
    };

    /// <summary>Lookup by an enum key only; nothing iterates this dictionary, so its order cannot leak into the data.</summary>
    public static Generation.Weighted<CodedValue> MixFor(ReligionProfile profile) => Mixes[profile];
}
