using Lgsp.Core.Codes;
using Lgsp.Core.Packets;

namespace Lgsp.Core.Lookups;

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
