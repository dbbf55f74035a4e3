using Lgsp.Core.Codes;
using Lgsp.Core.Packets;

namespace Lgsp.Core.Lookups;

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
