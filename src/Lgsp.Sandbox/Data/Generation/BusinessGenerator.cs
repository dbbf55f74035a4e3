using System.Globalization;
using Lgsp.Core.Codes;
using Lgsp.Sandbox.Data.Records;
using Lgsp.Sandbox.Data.Reference;

namespace Lgsp.Sandbox.Data.Generation;

/// <summary>An enterprise or branch with the citizens behind its representatives, for later generators.</summary>
internal sealed record EnterpriseDraft(DoanhNghiep Record, Ward Ward, IReadOnlyList<(PersonDraft Person, string Position)> Representatives);

/// <summary>
/// Enterprises with names as the registry writes them (upper case, diacritics kept), English names and short
/// names, a type, a status, a founding date and representatives who are living adult citizens. Codes start with
/// the former province's tax prefix (Phú Thọ 26, Vĩnh Phúc 25, Hồ Chí Minh City 03…) and end with the check digit
/// computed by the hub's <see cref="EnterpriseCode.ComputeCheckDigit"/>; prefixes whose check would be 10 are
/// never issued, so those are drawn again. About one enterprise in eight has branches (<c>-001</c>, <c>-002</c>).
/// </summary>
internal sealed class BusinessGenerator(WorldSpec spec, DeterministicRandom rng, IReadOnlyList<PersonDraft> people)
{
    public const string Active = "Đang hoạt động";

    private static readonly (string TypeName, string NamePrefix, string? EnglishSuffix, string? ShortSuffix, int Weight)[] Types =
    [
        ("Công ty trách nhiệm hữu hạn một thành viên", "CÔNG TY TNHH", "COMPANY LIMITED", "CO., LTD", 38),
        ("Công ty trách nhiệm hữu hạn hai thành viên trở lên", "CÔNG TY TNHH", "COMPANY LIMITED", "CO., LTD", 22),
        ("Công ty cổ phần", "CÔNG TY CỔ PHẦN", "JOINT STOCK COMPANY", "JSC", 28),
        ("Doanh nghiệp tư nhân", "DOANH NGHIỆP TƯ NHÂN", null, null, 11),
        ("Công ty hợp danh", "CÔNG TY HỢP DANH", "PARTNERSHIP", "PARTNERSHIP", 1),
    ];

    private static readonly Weighted<string> Statuses = Weighted.Of(
        (Active, 820),
        ("Tạm ngừng kinh doanh có thời hạn", 60),
        ("Không còn hoạt động kinh doanh tại địa chỉ đã đăng ký", 40),
        ("Đã giải thể, phá sản, chấm dứt tồn tại", 60),
        ("Đang làm thủ tục giải thể, phá sản, chấm dứt tồn tại", 20));

    private static readonly (string Vi, string En)[] Trades =
    [
        ("THƯƠNG MẠI", "TRADING"), ("DỊCH VỤ", "SERVICES"), ("XÂY DỰNG", "CONSTRUCTION"), ("ĐẦU TƯ", "INVESTMENT"),
        ("SẢN XUẤT", "PRODUCTION"), ("VẬN TẢI", "TRANSPORT"), ("CÔNG NGHỆ", "TECHNOLOGY"), ("THỰC PHẨM", "FOOD"),
        ("NÔNG SẢN", "AGRICULTURAL PRODUCTS"), ("DU LỊCH", "TOURISM"), ("KỸ THUẬT", "ENGINEERING"), ("TƯ VẤN", "CONSULTING"),
        ("XUẤT NHẬP KHẨU", "IMPORT EXPORT"), ("MAY MẶC", "GARMENT"), ("CHẾ BIẾN GỖ", "WOOD PROCESSING"),
        ("CÀ PHÊ", "COFFEE"), ("THỦY SẢN", "SEAFOOD"), ("BẤT ĐỘNG SẢN", "REAL ESTATE"), ("PHẦN MỀM", "SOFTWARE"),
        ("DƯỢC PHẨM", "PHARMACEUTICAL"), ("CƠ KHÍ", "MECHANICAL"), ("ĐIỆN TỬ", "ELECTRONICS"),
    ];

    private static readonly string[] BrandFirst =
    [
        "AN", "BẢO", "BÌNH", "ĐẠI", "ĐỨC", "GIA", "HẢI", "HOÀNG", "HÒA", "HƯNG", "KIM", "LỘC", "MINH", "NAM", "NGỌC",
        "PHÚ", "PHÚC", "PHƯƠNG", "QUANG", "SAO", "TÂN", "THÀNH", "THIÊN", "THỊNH", "TIẾN", "TRƯỜNG", "VIỆT", "VĨNH", "XUÂN", "HỒNG",
    ];

    private static readonly string[] BrandSecond =
    [
        "PHÁT", "LONG", "AN", "KHANG", "THỊNH", "ĐẠT", "NAM", "VIỆT", "PHÚ", "MINH", "HƯNG", "THÀNH", "LỘC", "TÍN",
        "MAI", "SƠN", "HÀ", "CHÂU", "ĐÔNG", "PHONG", "TÂM", "TIẾN", "QUANG", "TRUNG", "HOA", "BẢO",
    ];

    private static readonly long[] Capitals =
        [100_000_000, 500_000_000, 1_000_000_000, 2_000_000_000, 3_000_000_000, 5_000_000_000, 10_000_000_000, 20_000_000_000, 50_000_000_000, 100_000_000_000];

    private static readonly Weighted<int> TypeMix = new(Types.Select((t, i) => (i, t.Weight)));

    private static readonly Weighted<long> CapitalMix = new(Capitals.Select((c, i) => (c, Capitals.Length - i)));

    private readonly HashSet<string> _codes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PersonDraft>> _adultsByProvince = new(StringComparer.Ordinal);
    private readonly List<PersonDraft> _adults = [];
    private readonly Weighted<int> _foundingYears =
        new(Enumerable.Range(1995, spec.AsOf.Year - 1995).Select(y => (y, 1 + (y - 1995))));

    public IReadOnlyList<EnterpriseDraft> Generate()
    {
        foreach (var person in people)
        {
            if (person.IsAlive && person.AgeOn(spec.AsOf) is >= 25 and <= 70)
            {
                _adults.Add(person);
                var code = person.HomeWard.Province.Code;
                if (!_adultsByProvince.TryGetValue(code, out var list))
                {
                    _adultsByProvince[code] = list = [];
                }

                list.Add(person);
            }
        }

        var result = new List<EnterpriseDraft>();
        if (_adults.Count == 0)
        {
            return result;
        }

        for (var i = 0; i < spec.Enterprises; i++)
        {
            var enterprise = NewEnterprise();
            result.Add(enterprise);
            var main = enterprise.Record.MainInformation;
            if (main.EnterpriseStatusName == Active && main.EnterpriseTypeName != Types[3].TypeName && rng.Percent(12))
            {
                var branches = rng.Between(1, 2);
                for (var b = 1; b <= branches; b++)
                {
                    result.Add(NewBranch(enterprise, b));
                }
            }
        }

        return result;
    }

    private EnterpriseDraft NewEnterprise()
    {
        var ward = Places.PickWard(rng);
        var type = Types[TypeMix.Pick(rng)];
        var (name, english, brand) = NewName(type.NamePrefix, type.EnglishSuffix);
        var founded = FoundingDate();
        var status = Statuses.Pick(rng);
        var street = Places.StreetAddress(rng, ward, withGroup: false);
        var address = new HoAddress($"{street}, {ward.Name}, {ward.Province.Name}, Việt Nam", street, ward.Province.Code, ward.Province.Name, ward.Code, ward.Name);

        var representatives = new List<(PersonDraft, string)> { (PickRepresentative(ward.Province, founded), FirstPosition(type.TypeName)) };
        if (type.TypeName is "Công ty cổ phần" or "Công ty trách nhiệm hữu hạn hai thành viên trở lên" && rng.Percent(12))
        {
            var second = PickRepresentative(ward.Province, founded);
            if (second != representatives[0].Item1)
            {
                representatives.Add((second, type.TypeName == "Công ty cổ phần" ? "Chủ tịch Hội đồng quản trị" : "Chủ tịch Hội đồng thành viên"));
            }
        }

        var main = new MainInformation(
            name,
            NewCode(ward.Former.TaxPrefix),
            type.TypeName,
            status,
            founded,
            type.ShortSuffix is null ? null : $"{VietnameseText.RemoveDiacritics(brand)} {type.ShortSuffix}",
            english,
            CapitalMix.Pick(rng));
        return new EnterpriseDraft(new DoanhNghiep(main, address, ToRecords(representatives)), ward, representatives);
    }

    private EnterpriseDraft NewBranch(EnterpriseDraft parent, int number)
    {
        var province = Places.PickProvince(rng);
        var ward = Places.PickWardIn(province, rng);
        var parentMain = parent.Record.MainInformation;
        var provinceShort = Places.ShortName(province.Name);
        var latest = spec.AsOf.AddDays(-1);
        var founded = rng.DateBetween(parentMain.FoundingDate, parentMain.FoundingDate > latest ? parentMain.FoundingDate : latest);
        var street = Places.StreetAddress(rng, ward, withGroup: false);
        var address = new HoAddress($"{street}, {ward.Name}, {province.Name}, Việt Nam", street, province.Code, province.Name, ward.Code, ward.Name);
        var head = PickRepresentative(province, founded);
        var representatives = new List<(PersonDraft, string)> { (head, "Người đứng đầu chi nhánh") };
        // Two branches in one province are told apart by number, as registrars require distinct names.
        var name = $"CHI NHÁNH {VietnameseText.ToUpper(provinceShort)} - {parentMain.Name}";
        if (!_names.Add(name))
        {
            name = string.Create(CultureInfo.InvariantCulture, $"CHI NHÁNH SỐ {number} {VietnameseText.ToUpper(provinceShort)} - {parentMain.Name}");
            _names.Add(name);
        }

        var main = new MainInformation(
            name,
            string.Create(CultureInfo.InvariantCulture, $"{parentMain.EnterpriseGdtCode}-{number:D3}"),
            "Chi nhánh",
            Active,
            founded,
            null,
            parentMain.NameF is null ? null : $"{parentMain.NameF} - {VietnameseText.ToComparisonForm(provinceShort)} BRANCH",
            null);
        return new EnterpriseDraft(new DoanhNghiep(main, address, ToRecords(representatives)), ward, representatives);
    }

    private static IReadOnlyList<Representative> ToRecords(List<(PersonDraft Person, string Position)> representatives) =>
        representatives.Select(r => new Representative(r.Person.Name.DayDu, r.Person.PersonalId, r.Position, r.Person.BirthDate)).ToList();

    private string FirstPosition(string typeName) => typeName switch
    {
        "Doanh nghiệp tư nhân" => "Chủ doanh nghiệp",
        "Công ty hợp danh" => "Thành viên hợp danh",
        "Công ty cổ phần" => rng.Percent(60) ? "Tổng giám đốc" : "Giám đốc",
        _ => "Giám đốc",
    };

    /// <summary>A representative from the enterprise's province most of the time, who was at least 20 when it was founded.</summary>
    private PersonDraft PickRepresentative(Province province, DateOnly founded)
    {
        var pool = _adultsByProvince.TryGetValue(province.Code, out var local) && rng.Percent(80) ? local : _adults;
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var candidate = rng.Pick(pool);
            if (candidate.BirthDate.AddYears(20) <= founded)
            {
                return candidate;
            }
        }

        return rng.Pick(pool);
    }

    private (string Name, string? English, string Brand) NewName(string prefix, string? englishSuffix)
    {
        while (true)
        {
            var first = rng.Pick(BrandFirst);
            var second = rng.Pick(BrandSecond);
            if (first == second)
            {
                continue;
            }

            var brand = $"{first} {second}";
            var trade = Trades[rng.Next(Trades.Length)];
            (string Vi, string En)? other = rng.Percent(35) ? Trades[rng.Next(Trades.Length)] : null;
            if (other == trade)
            {
                other = null;
            }

            var tradeVi = other is { } o ? $"{trade.Vi} VÀ {o.Vi}" : trade.Vi;
            var tradeEn = other is { } e ? $"{trade.En} AND {e.En}" : trade.En;
            var name = prefix == "DOANH NGHIỆP TƯ NHÂN" && rng.Percent(50) ? $"{prefix} {brand}" : $"{prefix} {tradeVi} {brand}";
            if (_names.Add(name))
            {
                var english = englishSuffix is null ? null : $"{VietnameseText.RemoveDiacritics(brand)} {tradeEn} {englishSuffix}";
                return (name, english, brand);
            }
        }
    }

    private string NewCode(string taxPrefix)
    {
        while (true)
        {
            var firstNine = taxPrefix + rng.Digits(7);
            if (EnterpriseCode.ComputeCheckDigit(firstNine) is { } check)
            {
                var code = firstNine + (char)('0' + check);
                if (_codes.Add(code))
                {
                    return code;
                }
            }
        }
    }

    /// <summary>Founding years from 1995, more of them recent, as in the registry.</summary>
    private DateOnly FoundingDate()
    {
        var year = _foundingYears.Pick(rng);
        return rng.DateBetween(new DateOnly(year, 1, 2), new DateOnly(year, 12, 30));
    }
}
