using System.Globalization;
using Lgsp.Sandbox.Data.Records;
using Lgsp.Sandbox.Data.Reference;

namespace Lgsp.Sandbox.Data.Generation;

/// <summary>
/// Builds the population household by household, so every relation is real: spouses marry at legal ages
/// (husband 20, wife 18) before their children are born; mothers are 18–43 at each birth; some heads are grown
/// children of an earlier couple, some live with a widowed parent; widows' and widowers' spouses are
/// deceased citizens (who will get a death record). Blood groups are inherited through ABO alleles.
/// </summary>
internal sealed class PopulationGenerator(WorldSpec spec, DeterministicRandom rng)
{
    /// <summary>The population database and the digital civil registry date from about here; earlier deaths are not in them.</summary>
    private static readonly DateOnly EarliestDeath = new(2016, 1, 1);

    private static readonly Weighted<(int From, int To)> HeadAges = Weighted.Of(
        ((20, 29), 15), ((30, 39), 25), ((40, 49), 22), ((50, 59), 18), ((60, 69), 12), ((70, 88), 8));

    /// <summary>ABO allele frequencies giving about O 42%, B 30%, A 22%, AB 6%, as reported for Việt Nam.</summary>
    private static readonly Weighted<char> Alleles = Weighted.Of(('O', 65), ('A', 15), ('B', 20));

    private readonly DateOnly _asOf = spec.AsOf;
    private readonly List<PersonDraft> _people = [];
    private readonly List<HouseholdDraft> _households = [];

    /// <summary>Wives whose husband is also a citizen: candidate parents for later household heads.</summary>
    private readonly List<PersonDraft> _mothers = [];

    public (IReadOnlyList<PersonDraft> People, IReadOnlyList<HouseholdDraft> Households) Generate()
    {
        while (_people.Count < spec.Citizens)
        {
            CreateHousehold();
        }

        AssignTemporaryResidence();
        return (_people, _households);
    }

    private int Room => spec.Citizens - _people.Count;

    private void CreateHousehold()
    {
        var headGender = rng.Percent(70) ? GioiTinh.Nam : GioiTinh.Nu;
        Ward ward;
        Ethnicity ethnicity;
        PersonDraft head;

        if (_mothers.Count > 0 && rng.Percent(30) && TryChildOfExistingCouple(out var mother, out var childBirth))
        {
            // A grown child who left home: often in the parents' province, sometimes anywhere.
            ward = rng.Percent(55) ? Places.PickWardIn(mother.HomeWard.Province, rng) : Places.PickWard(rng);
            ethnicity = mother.Spouse!.Ethnicity;
            var household = NewHousehold(ward, ethnicity);
            head = NewPerson(headGender, childBirth, ethnicity, mother.Spouse, mother, mother.HomeWard, household, "Chủ hộ");
        }
        else
        {
            ward = Places.PickWard(rng);
            ethnicity = ward.Former.EthnicMix.Pick(rng);
            var (from, to) = HeadAges.Pick(rng);
            var birth = BirthForAge(rng.Between(from, to));
            var household = NewHousehold(ward, ethnicity);
            head = Room >= 3 && Ages.On(birth, _asOf) is >= 28 and <= 55 && rng.Percent(15)
                ? NewHeadWithWidowedParent(headGender, birth, ethnicity, household)
                : NewPerson(headGender, birth, ethnicity, null, null, PickBirthWard(ward), household, "Chủ hộ");
        }

        var age = head.AgeOn(_asOf);
        if (Room > 0 && rng.Percent(MarriedPercent(age)))
        {
            Marry(head);
        }
        else if (head.Gender == GioiTinh.Nu && age is >= 22 and <= 45 && Room > 0 && rng.Percent(25))
        {
            // A single mother; the father is not established (the birth record has no cha* part).
            AddChildren(head.Household!, mother: head, father: null, head.BirthDate.AddDays(rng.Between(20 * 365, 38 * 365)), count: 1);
        }
    }

    private static int MarriedPercent(int age) => age switch
    {
        < 22 => 8,
        < 25 => 30,
        < 30 => 60,
        < 40 => 84,
        _ => 88,
    };

    private HouseholdDraft NewHousehold(Ward ward, Ethnicity ethnicity)
    {
        var household = new HouseholdDraft { Ward = ward, Detail = Places.HomeDetail(rng, ward, ethnicity) };
        _households.Add(household);
        return household;
    }

    private void Marry(PersonDraft head)
    {
        var household = head.Household!;
        var husbandFirst = head.Gender == GioiTinh.Nam;

        // Husbands are usually a little older; about one wife in six is older than her husband.
        var gapDays = rng.Between(-3 * 365 / 2, 7 * 365);
        var spouseBirth = husbandFirst ? head.BirthDate.AddDays(gapDays) : head.BirthDate.AddDays(-gapDays);
        var husbandBirth = husbandFirst ? head.BirthDate : spouseBirth;
        var wifeBirth = husbandFirst ? spouseBirth : head.BirthDate;

        var earliest = Max(wifeBirth.AddYears(18), husbandBirth.AddYears(20));
        var latest = _asOf.AddDays(-90);
        if (earliest > latest)
        {
            return;
        }

        var married = Clamp(wifeBirth.AddYears(rng.Between(19, 29)).AddDays(rng.Next(365)), earliest, latest);

        var ethnicity = rng.Percent(88) ? head.Ethnicity : household.Ward.Former.EthnicMix.Pick(rng);
        var spouseBirthWard = rng.Percent(50) ? Places.PickWardIn(head.BirthWard.Province, rng) : PickBirthWard(household.Ward);

        // Widowhood: the spouse died (a death record follows). Deaths before the digital era are not modelled.
        DateOnly? death = null;
        var headAge = head.AgeOn(_asOf);
        var widowPercent = headAge switch { < 45 => 0, < 60 => 6, < 70 => 15, _ => 35 };
        if (rng.Percent(widowPercent))
        {
            var from = Max(Max(married.AddYears(3), spouseBirth.AddYears(40)), EarliestDeath);
            var to = _asOf.AddDays(-30);
            if (from <= to)
            {
                death = rng.DateBetween(from, to);
            }
        }

        var spouse = NewPerson(husbandFirst ? GioiTinh.Nu : GioiTinh.Nam, spouseBirth, ethnicity, null, null, spouseBirthWard,
            death is null ? household : null, death is null ? (husbandFirst ? "Vợ" : "Chồng") : null);
        if (death is not null)
        {
            spouse.DeathDate = death;
            spouse.HomeWard = household.Ward;
            spouse.HomeDetail = household.Detail;
        }

        Wed(head, spouse, married);

        var wife = husbandFirst ? spouse : head;
        var husband = husbandFirst ? head : spouse;
        var count = ChildrenWanted(wife.BirthDate.Year);
        AddChildren(household, wife, husband, married.AddDays(rng.Between(300, 900)), count);
    }

    private void Wed(PersonDraft a, PersonDraft b, DateOnly on)
    {
        a.Spouse = b;
        b.Spouse = a;
        a.MarriageDate = on;
        b.MarriageDate = on;
        _mothers.Add(a.Gender == GioiTinh.Nu ? a : b);
    }

    private int ChildrenWanted(int motherBirthYear)
    {
        var weights = motherBirthYear switch
        {
            < 1965 => Weighted.Of((0, 3), (1, 7), (2, 25), (3, 30), (4, 25), (5, 10)),
            < 1985 => Weighted.Of((0, 5), (1, 15), (2, 50), (3, 25), (4, 5)),
            _ => Weighted.Of((0, 12), (1, 30), (2, 45), (3, 13)),
        };
        return weights.Pick(rng);
    }

    /// <summary>
    /// Children born from <paramref name="firstPossible"/> on, spaced 15 months to 6 years; most grown children under
    /// 32 still live at home, the others have left and are not generated here (some come back as heads of their own
    /// household through <see cref="TryChildOfExistingCouple"/>).
    /// </summary>
    private void AddChildren(HouseholdDraft household, PersonDraft mother, PersonDraft? father, DateOnly firstPossible, int count)
    {
        var birth = firstPossible;
        var latestBirth = Min(mother.BirthDate.AddYears(43), _asOf.AddDays(-60));
        if (mother.DeathDate is { } motherDeath)
        {
            latestBirth = Min(latestBirth, motherDeath.AddDays(-1));
        }

        if (father?.DeathDate is { } fatherDeath)
        {
            latestBirth = Min(latestBirth, fatherDeath.AddDays(270));
        }

        for (var i = 0; i < count && Room > 0 && birth <= latestBirth; i++)
        {
            if (birth >= mother.BirthDate.AddYears(18))
            {
                var age = Ages.On(birth, _asOf);
                var atHome = age < 18 || (age < 32 && rng.Percent(75));
                if (atHome)
                {
                    var gender = rng.PerMille(512) ? GioiTinh.Nam : GioiTinh.Nu;
                    var ethnicity = father is not null && rng.Percent(85) ? father.Ethnicity : mother.Ethnicity;
                    NewPerson(gender, birth, ethnicity, father, mother, household.Ward, household, "Con");
                }
            }

            birth = birth.AddDays(rng.Between(450, 2200));
        }
    }

    /// <summary>
    /// A head aged 28–55 living with a widowed parent; the other parent is a deceased citizen. The parents are
    /// created first so the head can carry the father's family name and home town.
    /// </summary>
    private PersonDraft NewHeadWithWidowedParent(GioiTinh headGender, DateOnly headBirth, Ethnicity ethnicity, HouseholdDraft household)
    {
        var motherBirth = headBirth.AddDays(-rng.Between(20 * 365, 36 * 365));
        var fatherBirth = motherBirth.AddDays(-rng.Between(0, 7 * 365));
        var earliestMarriage = Max(motherBirth.AddYears(18), fatherBirth.AddYears(20));
        var latestMarriage = headBirth.AddDays(-280);
        var fatherDies = rng.Percent(70);
        var survivorBirth = fatherDies ? motherBirth : fatherBirth;
        var deceasedBirth = fatherDies ? fatherBirth : motherBirth;
        var deathFrom = Max(Max(headBirth.AddYears(1), deceasedBirth.AddYears(45)), EarliestDeath);
        var deathTo = _asOf.AddDays(-30);

        if (earliestMarriage > latestMarriage || deathFrom > deathTo || Ages.On(survivorBirth, _asOf) > 95)
        {
            return NewPerson(headGender, headBirth, ethnicity, null, null, PickBirthWard(household.Ward), household, "Chủ hộ");
        }

        var married = Max(earliestMarriage, headBirth.AddDays(-rng.Between(300, 1500)));
        var death = rng.DateBetween(deathFrom, deathTo);
        var hometown = PickBirthWard(household.Ward);

        // Created in household order: the head must be the first member, so the parents join afterwards.
        var father = NewPerson(GioiTinh.Nam, fatherBirth, ethnicity, null, null, Places.PickWardIn(hometown.Province, rng), null, null, hometown);
        var mother = NewPerson(GioiTinh.Nu, motherBirth, rng.Percent(90) ? ethnicity : Ethnicities.Kinh, null, null,
            Places.PickWardIn(hometown.Province, rng), null, null);
        Wed(father, mother, married);

        var headBirthWard = rng.Percent(50) ? hometown : household.Ward;
        var head = NewPerson(headGender, headBirth, ethnicity, father, mother, headBirthWard, household, "Chủ hộ");

        var (survivor, deceased) = fatherDies ? (mother, father) : (father, mother);
        deceased.DeathDate = death;
        foreach (var parent in new[] { father, mother })
        {
            parent.HomeWard = household.Ward;
            parent.HomeDetail = household.Detail;
        }

        survivor.Household = household;
        survivor.Relation = survivor.Gender == GioiTinh.Nam ? "Cha" : "Mẹ";
        household.Members.Add(survivor);
        return head;
    }

    /// <summary>A birth date for a child of a couple already in the world, away from its siblings' births.</summary>
    private bool TryChildOfExistingCouple(out PersonDraft mother, out DateOnly birth)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            mother = rng.Pick(_mothers);
            var father = mother.Spouse!;
            var candidate = mother.BirthDate.AddDays(rng.Between(20 * 365, 38 * 365));
            var fits = candidate >= mother.MarriageDate!.Value.AddDays(300)
                && candidate <= _asOf.AddYears(-20)
                && candidate >= father.BirthDate.AddYears(18)
                && (mother.DeathDate is null || mother.DeathDate > candidate)
                && (father.DeathDate is null || father.DeathDate.Value.AddDays(270) >= candidate);
            if (fits && mother.Children.TrueForAll(c => Math.Abs(c.BirthDate.DayNumber - candidate.DayNumber) >= 320))
            {
                birth = candidate;
                return true;
            }
        }

        mother = null!;
        birth = default;
        return false;
    }

    private PersonDraft NewPerson(
        GioiTinh gender,
        DateOnly birth,
        Ethnicity ethnicity,
        PersonDraft? father,
        PersonDraft? mother,
        Ward birthWard,
        HouseholdDraft? household,
        string? relation,
        Ward? hometown = null)
    {
        var parent = father ?? mother;
        var familyName = father is not null && father.Ethnicity == ethnicity && ethnicity.Naming.Order == NamingOrder.FamilyFirst
            ? father.Name.Ho
            : null;
        var religion = parent is not null && rng.Percent(85)
            ? parent.Religion
            : Religions.MixFor(ReligionProfileFor(ethnicity, birthWard)).Pick(rng);
        var person = new PersonDraft
        {
            Index = _people.Count,
            Gender = gender,
            BirthDate = birth,
            BirthYearOnly = birth.Year < 1950 && rng.Percent(20),
            Ethnicity = ethnicity,
            Religion = religion,
            Name = Names.Generate(rng, ethnicity, gender, birth.Year, birthWard.Region, familyName),
            BirthWard = birthWard,
            HometownWard = hometown ?? parent?.HometownWard ?? (rng.Percent(70) ? Places.PickWardIn(birthWard.Province, rng) : Places.PickWard(rng)),
            HomeWard = household?.Ward ?? birthWard,
            HomeDetail = household?.Detail ?? "",
            Father = father,
            Mother = mother,
            BloodAlleles = (Inherit(mother), Inherit(father)),
            BloodGroupOnRecord = rng.Percent(75),
            Household = household,
            Relation = relation,
        };
        _people.Add(person);
        household?.Members.Add(person);
        father?.Children.Add(person);
        mother?.Children.Add(person);
        return person;
    }

    private char Inherit(PersonDraft? parent) =>
        parent is null ? Alleles.Pick(rng) : rng.Percent(50) ? parent.BloodAlleles.First : parent.BloodAlleles.Second;

    private static ReligionProfile ReligionProfileFor(Ethnicity ethnicity, Ward ward) =>
        ethnicity.Religion == ReligionProfile.Kinh && ward.Region == Region.Southeast ? ReligionProfile.KinhSouth : ethnicity.Religion;

    /// <summary>Two in three people were born in the province they live in; the rest came from anywhere.</summary>
    private Ward PickBirthWard(Ward residence) =>
        rng.Percent(65) ? Places.PickWardIn(residence.Province, rng) : Places.PickWard(rng);

    private DateOnly BirthForAge(int age) => _asOf.AddYears(-age).AddDays(-rng.Between(1, 364));

    /// <summary>Young adults who study or work away from their permanent residence (tạm trú), mostly in the two big cities.</summary>
    private void AssignTemporaryResidence()
    {
        var cities = AdministrativeUnits.Provinces.Where(p => p.Code is "01" or "79").ToArray();
        foreach (var person in _people)
        {
            if (person.IsAlive && person.AgeOn(_asOf) is >= 18 and <= 35 && person.Household is not null && rng.Percent(12))
            {
                var ward = rng.Percent(70) ? Places.PickWardIn(rng.Pick(cities), rng) : Places.PickWard(rng);
                if (ward != person.HomeWard)
                {
                    person.CurrentWard = ward;
                    var room = rng.Between(1, 30).ToString(CultureInfo.InvariantCulture);
                    person.CurrentDetail = $"Phòng {room}, {Places.StreetAddress(rng, ward, withGroup: true)}";
                }
            }
        }
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Clamp(DateOnly value, DateOnly min, DateOnly max) => value < min ? min : value > max ? max : value;
}
