using System.Globalization;
using Lgsp.Sandbox.Data.Records;
using Lgsp.Sandbox.Data.Reference;

namespace Lgsp.Sandbox.Data.Generation;

/// <summary>
/// Land parcels owned by living adult citizens, mostly where they live, with married couples often co-owning.
/// Each parcel is unique by ward, map sheet (tờ bản đồ) and parcel number (thửa); nine in ten have a certificate
/// whose serial series follows the issue year (illustrative) and whose issuer is the land authority of the time:
/// the department of natural resources and environment of the former province, then, from March 2025, of
/// agriculture and environment, and from 1 July 2025 that of the merged province.
/// </summary>
internal sealed class LandGenerator(WorldSpec spec, DeterministicRandom rng, IReadOnlyList<PersonDraft> people)
{
    private static readonly CodedValue UrbanResidential = new("ODT", "Đất ở tại đô thị");
    private static readonly CodedValue RuralResidential = new("ONT", "Đất ở tại nông thôn");
    private static readonly CodedValue Rice = new("LUC", "Đất chuyên trồng lúa");
    private static readonly CodedValue Perennial = new("CLN", "Đất trồng cây lâu năm");
    private static readonly CodedValue Annual = new("HNK", "Đất trồng cây hằng năm khác");
    private static readonly CodedValue Aquaculture = new("NTS", "Đất nuôi trồng thủy sản");
    private static readonly CodedValue ProductionForest = new("RSX", "Đất rừng sản xuất");

    private static readonly Weighted<CodedValue> HighlandUses =
        Weighted.Of((RuralResidential, 40), (Perennial, 35), (Annual, 15), (ProductionForest, 10));

    private static readonly Weighted<CodedValue> CoastUses =
        Weighted.Of((RuralResidential, 45), (Rice, 25), (Annual, 15), (Aquaculture, 10), (ProductionForest, 5));

    private static readonly Weighted<CodedValue> LowlandUses =
        Weighted.Of((RuralResidential, 45), (Rice, 30), (Perennial, 10), (Annual, 10), (Aquaculture, 5));

    private static readonly DateOnly AgricultureAndEnvironment = new(2025, 3, 1);

    private readonly HashSet<(string Ward, int Sheet, int Parcel)> _parcels = [];
    private readonly HashSet<string> _serials = new(StringComparer.Ordinal);

    public IReadOnlyList<ThuaDat> Generate()
    {
        var owners = people.Where(p => p.IsAlive && p.AgeOn(spec.AsOf) >= 20).ToList();
        var result = new List<ThuaDat>();
        if (owners.Count == 0)
        {
            return result;
        }

        var bookNumbers = 0;
        for (var i = 0; i < spec.Parcels; i++)
        {
            var owner = rng.Pick(owners);
            var ward = rng.Percent(65) ? owner.HomeWard
                : rng.Percent(70) ? Places.PickWardIn(owner.HomeWard.Province, rng)
                : Places.PickWard(rng);

            int sheet, parcel;
            var attempts = 0;
            do
            {
                // A ward whose map sheets are (nearly) full sends the parcel elsewhere, so large sizes still finish.
                if (++attempts % 32 == 0)
                {
                    ward = Places.PickWard(rng);
                }

                sheet = rng.Between(1, ward.IsUrban ? 45 : 80);
                parcel = rng.Between(1, ward.IsUrban ? 350 : 900);
            }
            while (!_parcels.Add((ward.Code, sheet, parcel)));

            var use = LandUse(ward);
            var residential = use == UrbanResidential || use == RuralResidential;

            var coOwner = owner.Spouse is { IsAlive: true } spouse && rng.Percent(60) ? spouse : null;
            var holders = coOwner is null ? new[] { owner } : owner.Gender == GioiTinh.Nam ? [owner, coOwner] : [coOwner, owner];

            var latest = spec.AsOf.AddDays(-10);
            var acquired = rng.DateBetween(Min(Max(owner.BirthDate.AddYears(20), new DateOnly(1994, 1, 1)), latest), latest);
            GiayChungNhan? certificate = null;
            if (rng.Percent(90))
            {
                bookNumbers++;
                certificate = Certificate(ward, acquired, bookNumbers);
            }

            var term = residential
                ? "Lâu dài"
                : "Đến ngày " + acquired.AddYears(50).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

            result.Add(new ThuaDat(
                ward.Province.Code,
                ward.Code,
                ward.Name,
                sheet,
                parcel,
                Area(use, ward),
                use,
                term,
                residential ? Places.HomeDetail(rng, ward, owner.Ethnicity) : $"Xứ đồng {rng.Pick(PlaceNames.FieldNames)}",
                certificate,
                holders.Select(h => new ChuSuDung(h.Name.DayDu, h.PersonalId, h.BirthDate.Year)).ToList()));
        }

        return result;
    }

    private CodedValue LandUse(Ward ward)
    {
        if (ward.IsUrban)
        {
            return rng.Percent(88) ? UrbanResidential : rng.Percent(60) ? Perennial : Annual;
        }

        return ward.Region switch
        {
            Region.CentralHighlands => HighlandUses.Pick(rng),
            Region.SouthCentralCoast => CoastUses.Pick(rng),
            _ => LowlandUses.Pick(rng),
        };
    }

    /// <summary>Square metres to one decimal place (decimal arithmetic: exact and the same everywhere).</summary>
    private decimal Area(CodedValue use, Ward ward)
    {
        var tenths = use.Code switch
        {
            "ODT" => rng.Between(300, ward.Region == Region.Southeast ? 1200 : 2000),
            "ONT" => rng.Between(1000, 8000),
            "RSX" => rng.Between(20_000, 200_000),
            _ => rng.Between(3000, 60_000),
        };
        return tenths / 10m;
    }

    private GiayChungNhan Certificate(Ward ward, DateOnly acquired, int bookNumber)
    {
        var issued = rng.DateBetween(acquired, Min(acquired.AddDays(400), spec.AsOf.AddDays(-1)));
        var series = issued.Year switch
        {
            < 2009 => new[] { "AB", "AC", "AD", "AE", "AG", "AH", "AK", "AL" },
            < 2014 => ["BA", "BB", "BC", "BD", "BE", "BG", "BH", "BK", "BL", "BM", "BN", "BO", "BP", "BQ", "BR", "BS", "BT", "BU", "BV", "BX"],
            < 2018 => ["BY", "BZ", "CA", "CB", "CC", "CD", "CE", "CG", "CH", "CI"],
            _ => ["CK", "CL", "CM", "CN", "CO", "CP", "CQ", "CR", "CS", "CT", "CU", "CV", "CX", "CY", "CZ", "DA", "DB", "DC", "DD", "DE"],
        };
        string serial;
        do
        {
            serial = $"{rng.Pick(series)} {rng.Digits(6)}";
        }
        while (!_serials.Add(serial));

        var book = string.Create(CultureInfo.InvariantCulture, $"{(issued.Year < 2014 ? "CH" : "CS")}{bookNumber:D5}");
        var issuer = issued >= AdministrativeUnits.MergerDate ? $"Sở Nông nghiệp và Môi trường {ward.Province.Name}"
            : issued >= AgricultureAndEnvironment ? $"Sở Nông nghiệp và Môi trường {ward.Former.Name}"
            : $"Sở Tài nguyên và Môi trường {ward.Former.Name}";
        return new GiayChungNhan(serial, book, issued, issuer);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
