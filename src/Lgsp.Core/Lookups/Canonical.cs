using Lgsp.Core.Codes;
using Lgsp.Core.Packets;

namespace Lgsp.Core.Lookups;

// The hub's canonical records of the five national databases (DOMAIN.md §8), each a packet body, one file per
// database (this one: the population database and the shapes they share). Adapters map
// their source's vocabulary onto these; the gateway answers with them. Apart from the key, every field may be
// absent: a client may be entitled to a narrower field set (data minimisation), and sources leave gaps.

/// <summary>Values of <c>gender</c> in canonical records.</summary>
public static class Genders
{
    public const string Male = "male";
    public const string Female = "female";
}

/// <summary>A Vietnamese name split as the population database splits it: by position, not by meaning.</summary>
public sealed record PersonName
{
    /// <summary>First word (<c>Ho</c>). For some ethnic minorities this is a gender prefix, not a family name.</summary>
    public string? Family { get; init; }

    /// <summary>Middle words (<c>ChuDem</c>).</summary>
    public string? Middle { get; init; }

    /// <summary>Last word (<c>Ten</c>).</summary>
    public string? Given { get; init; }

    /// <summary>The whole name with diacritics, as written.</summary>
    public required string Full { get; init; }
}

/// <summary>An address on the two-level local government (province, ward/commune; no district since 1 July 2025).</summary>
public sealed record Address
{
    public string? ProvinceCode { get; init; }

    public string? ProvinceName { get; init; }

    public string? WardCode { get; init; }

    public string? WardName { get; init; }

    /// <summary>The street-level part ("Số 12, đường Lê Lợi, tổ dân phố 3").</summary>
    public string? Detail { get; init; }

    /// <summary>ISO 3166-1 alpha-2, <c>VN</c> by default.</summary>
    public string? Country { get; init; }

    /// <summary>The whole address on one line, street first.</summary>
    public string? Full { get; init; }
}

/// <summary>A relative named in a citizen's record (father, mother, spouse, legal representative).</summary>
public sealed record Relative
{
    public required string FullName { get; init; }

    public PersonalId? PersonalId { get; init; }

    public string? Nationality { get; init; }
}

/// <summary>The head of the citizen's household and the citizen's relation to them.</summary>
public sealed record HouseholdHead
{
    public required string FullName { get; init; }

    public PersonalId? PersonalId { get; init; }

    public string? Relation { get; init; }
}

/// <summary>A citizen of the national population database (<c>TraCuuThongTinCongDan</c>).</summary>
public sealed record Citizen : PacketBody
{
    public required PersonalId PersonalId { get; init; }

    /// <summary>The old 9-digit CMND, where the record still has one.</summary>
    public PersonalId? OldId { get; init; }

    public PersonName? Name { get; init; }

    public string? Gender { get; init; }

    /// <summary>Absent for older people whose record has only the year.</summary>
    public DateOnly? DateOfBirth { get; init; }

    public int? BirthYear { get; init; }

    public string? Ethnicity { get; init; }

    public string? Religion { get; init; }

    public string? Nationality { get; init; }

    public string? MaritalStatus { get; init; }

    public string? BloodType { get; init; }

    public Address? BirthRegistrationPlace { get; init; }

    public Address? Hometown { get; init; }

    public Address? PermanentAddress { get; init; }

    public Address? CurrentAddress { get; init; }

    public Relative? Father { get; init; }

    public Relative? Mother { get; init; }

    public Relative? Spouse { get; init; }

    public Relative? Representative { get; init; }

    public HouseholdHead? HouseholdHead { get; init; }

    public string? HouseholdBookNo { get; init; }

    public DateOnly? DateOfDeath { get; init; }
}
