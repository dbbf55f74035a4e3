using System.Globalization;
using Lgsp.Sandbox.Data.Reference;

namespace Lgsp.Sandbox.Data.Generation;

/// <summary>Picks wards in proportion to population and writes street-level address details.</summary>
internal static class Places
{
    private static readonly Weighted<FormerProvince> ByPopulation =
        new(AdministrativeUnits.Provinces.SelectMany(p => p.Parts).Select(f => (f, f.Population)));

    private static readonly Weighted<Province> ProvincesByPopulation =
        new(AdministrativeUnits.Provinces.Select(p => (p, p.Population)));

    public static Province PickProvince(DeterministicRandom rng) => ProvincesByPopulation.Pick(rng);

    /// <summary>A ward anywhere, weighted by the population of the former province it lies in.</summary>
    public static Ward PickWard(DeterministicRandom rng) => rng.Pick(ByPopulation.Pick(rng).Wards);

    /// <summary>A ward of <paramref name="province"/>, weighted the same way.</summary>
    public static Ward PickWardIn(Province province, DeterministicRandom rng)
    {
        var ticket = rng.Next(province.Population);
        foreach (var part in province.Parts)
        {
            if (ticket < part.Population)
            {
                return rng.Pick(part.Wards);
            }

            ticket -= part.Population;
        }

        throw new InvalidOperationException("Unreachable: the ticket is below the province's population.");
    }

    /// <summary>
    /// Where a household lives, below the ward: street, number and residential group in towns ("tổ dân phố"
    /// in the north and centre, "khu phố" in Hồ Chí Minh City's area), hamlets in the countryside ("thôn",
    /// "xóm", "khu" in Phú Thọ, "ấp" in the south, "buôn", "bon", "làng", "plei" for highland peoples).
    /// </summary>
    public static string HomeDetail(DeterministicRandom rng, Ward ward, Ethnicity ethnicity)
    {
        if (ward.IsUrban)
        {
            return StreetAddress(rng, ward, withGroup: true);
        }

        var village = HighlandVillageWord(ethnicity);
        if (village is not null && ward.Region == Region.CentralHighlands)
        {
            return $"{village} {rng.Pick(PlaceNames.HighlandVillages)}";
        }

        return ward.Region switch
        {
            Region.Southeast => rng.Percent(50) ? $"Ấp {Hamlet(rng)}" : Inv($"Ấp {rng.Between(1, 9)}"),
            Region.NorthernMidlands when ward.Former.Code == "25" => Inv($"Khu {rng.Between(1, 18)}"),
            Region.NorthernMidlands or Region.RedRiverDelta => rng.Percent(60) ? $"Thôn {Hamlet(rng)}" : Inv($"Xóm {rng.Between(1, 15)}"),
            Region.CentralHighlands => Inv($"Thôn {rng.Between(1, 14)}"),
            _ => $"Thôn {Hamlet(rng)}",
        };
    }

    /// <summary>A street address in a ward; Hà Nội has "ngõ", Hồ Chí Minh City "hẻm" numbers (12/5).</summary>
    public static string StreetAddress(DeterministicRandom rng, Ward ward, bool withGroup)
    {
        var street = rng.Pick(PlaceNames.Streets);
        var number = rng.Between(1, 450);
        var southeast = ward.Region == Region.Southeast;
        string core;
        if (southeast && rng.Percent(45))
        {
            core = Inv($"{number}/{rng.Between(1, 60)} đường {street}");
        }
        else if (ward.Province.Code == "01" && rng.Percent(40))
        {
            core = Inv($"Số {rng.Between(1, 80)}, ngõ {number}, phố {street}");
        }
        else
        {
            core = Inv($"Số {number}, đường {street}");
        }

        if (!withGroup)
        {
            return core;
        }

        return southeast ? Inv($"{core}, khu phố {rng.Between(1, 12)}") : Inv($"{core}, tổ dân phố {rng.Between(1, 25)}");
    }

    /// <summary>Ward name without its kind: "Việt Trì" for "Phường Việt Trì".</summary>
    public static string ShortName(Ward ward) => ward.Kind switch
    {
        WardKind.Ward => ward.Name["Phường ".Length..],
        WardKind.Commune => ward.Name["Xã ".Length..],
        _ => ward.Name["Đặc khu ".Length..],
    };

    /// <summary>Province name without "Tỉnh"/"Thành phố".</summary>
    public static string ShortName(string provinceName) =>
        provinceName.StartsWith("Thành phố ", StringComparison.Ordinal) ? provinceName["Thành phố ".Length..]
        : provinceName.StartsWith("Tỉnh ", StringComparison.Ordinal) ? provinceName["Tỉnh ".Length..]
        : provinceName;

    private static string Hamlet(DeterministicRandom rng)
    {
        var first = rng.Pick(PlaceNames.HamletWords);
        string second;
        do
        {
            second = rng.Pick(PlaceNames.HamletWords);
        }
        while (second == first);

        return $"{first} {second}";
    }

    private static string? HighlandVillageWord(Ethnicity ethnicity) => ethnicity.Code switch
    {
        "12" => "Buôn",
        "20" or "16" or "28" => "Bon",
        "13" or "14" or "27" => "Làng",
        "10" => "Plei",
        _ => null,
    };

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
