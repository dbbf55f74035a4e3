using Lgsp.Core.Codes;
using Lgsp.Core.Packets;

namespace Lgsp.Core.Lookups;

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
