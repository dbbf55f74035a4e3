using Lgsp.Sandbox.Data.Records;
using Lgsp.Sandbox.Data.Reference;

namespace Lgsp.Sandbox.Data.Generation;

/// <summary>
/// A person while the world is being built: mutable, with direct links to relatives. The frozen
/// <see cref="CongDan"/> and the other upstream records are made from these once everything is decided.
/// </summary>
internal sealed class PersonDraft
{
    public required int Index { get; init; }

    public required GioiTinh Gender { get; init; }

    public required DateOnly BirthDate { get; init; }

    /// <summary>Only the year of birth is on record (some people born before 1950).</summary>
    public bool BirthYearOnly { get; set; }

    public required Ethnicity Ethnicity { get; init; }

    public required CodedValue Religion { get; init; }

    public required HoVaTen Name { get; init; }

    /// <summary>Where the birth was registered (the civil-registry office of a KS entry).</summary>
    public required Ward BirthWard { get; init; }

    public required Ward HometownWard { get; init; }

    public required Ward HomeWard { get; set; }

    public required string HomeDetail { get; set; }

    public Ward? CurrentWard { get; set; }

    public string? CurrentDetail { get; set; }

    public PersonDraft? Father { get; init; }

    public PersonDraft? Mother { get; init; }

    public PersonDraft? Spouse { get; set; }

    public DateOnly? MarriageDate { get; set; }

    public DateOnly? DeathDate { get; set; }

    public HouseholdDraft? Household { get; set; }

    /// <summary>Relation to the household head (<c>Chủ hộ</c>, <c>Vợ</c>, <c>Con</c>, <c>Mẹ</c>…).</summary>
    public string? Relation { get; set; }

    /// <summary>ABO alleles ('A', 'B', 'O'); the blood group follows from them, so children agree with parents.</summary>
    public required (char First, char Second) BloodAlleles { get; init; }

    public bool BloodGroupOnRecord { get; init; }

    /// <summary>The ABO group the alleles give (A and O give A; A and B give AB).</summary>
    public string BloodGroup => BloodAlleles switch
    {
        ('O', 'O') => "O",
        ('A', 'B') or ('B', 'A') => "AB",
        ('A', _) or (_, 'A') => "A",
        _ => "B",
    };

    public List<PersonDraft> Children { get; } = [];

    public string PersonalId { get; set; } = "";

    public string? OldId { get; set; }

    public bool IsAlive => DeathDate is null;

    public int AgeOn(DateOnly day) => Ages.On(BirthDate, day);
}

internal sealed class HouseholdDraft
{
    public required Ward Ward { get; init; }

    public required string Detail { get; init; }

    public List<PersonDraft> Members { get; } = [];

    public string Number { get; set; } = "";

    public PersonDraft Head => Members[0];
}

internal static class Ages
{
    public static int On(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        return birth.AddYears(age) > day ? age - 1 : age;
    }
}
