using Lgsp.Core.Codes;
using Lgsp.Core.Packets;

namespace Lgsp.Core.Lookups;

// The hub's canonical records of the five national databases (DOMAIN.md §8), each a packet body. Adapters map
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

/// <summary>A legal representative of an enterprise.</summary>
public sealed record LegalRepresentative
{
    public required string FullName { get; init; }

    public string? Position { get; init; }

    public PersonalId? PersonalId { get; init; }
}

/// <summary>An enterprise or branch of the national business registry (<c>chiTietDoanhNghiep</c>).</summary>
public sealed record Enterprise : PacketBody
{
    public required EnterpriseCode Code { get; init; }

    public string? Name { get; init; }

    public string? ForeignName { get; init; }

    public string? ShortName { get; init; }

    public string? TypeName { get; init; }

    public string? StatusName { get; init; }

    public DateOnly? FoundedOn { get; init; }

    public Address? HeadOffice { get; init; }

    [PacketXmlItem("Representative")]
    public IReadOnlyList<LegalRepresentative>? Representatives { get; init; }

    /// <summary>In VND; absent for branches.</summary>
    public long? CharterCapital { get; init; }
}

/// <summary>The land-use right certificate (GCN) of a parcel.</summary>
public sealed record LandCertificate
{
    /// <summary>The printed serial (<c>CS 123456</c>), the usual certificate number.</summary>
    public required string Serial { get; init; }

    public string? EntryNo { get; init; }

    public DateOnly? IssuedOn { get; init; }

    public string? Issuer { get; init; }
}

/// <summary>A land user (owner) of a parcel.</summary>
public sealed record LandOwner
{
    public required string FullName { get; init; }

    public PersonalId? PersonalId { get; init; }

    public int? BirthYear { get; init; }
}

/// <summary>A land parcel of the land database, identified in a ward by map sheet and parcel number.</summary>
public sealed record LandParcel : PacketBody
{
    public required string ProvinceCode { get; init; }

    public required string WardCode { get; init; }

    public string? WardName { get; init; }

    /// <summary>Số hiệu tờ bản đồ.</summary>
    public required int MapSheetNo { get; init; }

    /// <summary>Số thứ tự thửa.</summary>
    public required int ParcelNo { get; init; }

    /// <summary>In square metres.</summary>
    public decimal? Area { get; init; }

    /// <summary>Land-use purpose code (<c>ODT</c>, <c>LUC</c>, …).</summary>
    public string? LandUseCode { get; init; }

    public string? LandUseName { get; init; }

    public string? UseTerm { get; init; }

    public string? Address { get; init; }

    public LandCertificate? Certificate { get; init; }

    [PacketXmlItem("Owner")]
    public IReadOnlyList<LandOwner>? Owners { get; init; }
}

/// <summary>One social-insurance contribution period.</summary>
public sealed record ContributionPeriod
{
    /// <summary>First month, <c>yyyy-MM</c>.</summary>
    public required string From { get; init; }

    /// <summary>Last month, <c>yyyy-MM</c>; absent while still contributing.</summary>
    public string? To { get; init; }

    public string? EmployerCode { get; init; }

    public string? EmployerName { get; init; }

    public string? Position { get; init; }

    /// <summary>Monthly salary base in VND.</summary>
    public long? Salary { get; init; }
}

/// <summary>A participant of the social-insurance database (BHXH).</summary>
public sealed record SocialInsuranceRecord : PacketBody
{
    public required SocialInsuranceCode Code { get; init; }

    public string? FullName { get; init; }

    public DateOnly? DateOfBirth { get; init; }

    public string? Gender { get; init; }

    public PersonalId? PersonalId { get; init; }

    public string? ProvinceCode { get; init; }

    [PacketXmlItem("Period")]
    public IReadOnlyList<ContributionPeriod>? Periods { get; init; }
}

/// <summary>Values of <c>kind</c> in civil registrations (the civil registry's module codes).</summary>
public static class CivilRegistrationKinds
{
    public const string Birth = "KS";
    public const string Death = "KT";
    public const string Marriage = "KH";
}

/// <summary>A person as a civil-registry entry names them.</summary>
public sealed record RegisteredPerson
{
    public required string FullName { get; init; }

    public PersonalId? PersonalId { get; init; }

    public string? Gender { get; init; }

    public DateOnly? DateOfBirth { get; init; }

    public string? Nationality { get; init; }
}

/// <summary>
/// One civil-registry entry: birth (KS), death (KT) or marriage (KH), filed at an office (commune code) in a
/// book under a number. The people and facts present depend on the kind.
/// </summary>
public sealed record CivilRegistration : PacketBody
{
    public required string Kind { get; init; }

    /// <summary>The registering office (ward/commune code, <c>maDonVi</c>).</summary>
    public required string OfficeCode { get; init; }

    public string? OfficeName { get; init; }

    /// <summary><c>quyenSo</c>, e.g. <c>01/2019</c>.</summary>
    public required string BookNo { get; init; }

    /// <summary><c>soDangKy</c>.</summary>
    public required int RegistrationNo { get; init; }

    public int? PageNo { get; init; }

    public DateOnly? RegisteredOn { get; init; }

    /// <summary>The result document's code (<c>KQ.G15.000031</c> for a birth certificate).</summary>
    public ResultCode? ResultCode { get; init; }

    /// <summary>The child (KS) or the deceased (KT).</summary>
    public RegisteredPerson? Subject { get; init; }

    public RegisteredPerson? Mother { get; init; }

    public RegisteredPerson? Father { get; init; }

    public RegisteredPerson? Husband { get; init; }

    public RegisteredPerson? Wife { get; init; }

    public string? PlaceOfBirth { get; init; }

    public DateOnly? DateOfDeath { get; init; }

    public string? PlaceOfDeath { get; init; }

    public string? CauseOfDeath { get; init; }
}

/// <summary>Every civil-registry entry about one person (lookup by the subject's personal id).</summary>
public sealed record CivilRegistrationList : PacketBody
{
    [PacketXmlItem("Registration")]
    public required IReadOnlyList<CivilRegistration> Registrations { get; init; }
}
