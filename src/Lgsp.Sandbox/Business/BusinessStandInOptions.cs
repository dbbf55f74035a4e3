using System.ComponentModel.DataAnnotations;
using Lgsp.Sandbox.Control.Gateway;

namespace Lgsp.Sandbox.Business;

/// <summary>
/// The business registry stand-in (<c>Sandbox:Business</c>). The consumer key and secret are the development
/// defaults <c>run.sh</c> gives the hub too; they are deliberately fake and protect nothing but synthetic data.
/// </summary>
internal sealed record BusinessStandInOptions
{
    public const string SectionName = "Sandbox:Business";

    public const string DevelopmentConsumerKey = "sandbox-business-consumer-key";
    public const string DevelopmentConsumerSecret = "sandbox-business-consumer-secret-NOT-A-SECRET";

    [Required]
    public string ConsumerKey { get; init; } = DevelopmentConsumerKey;

    [Required]
    public string ConsumerSecret { get; init; } = DevelopmentConsumerSecret;

    /// <summary><c>expires_in</c> of issued tokens; WSO2's default is an hour.</summary>
    [Range(1, 86_400)]
    public int TokenLifetimeSeconds { get; init; } = 3600;

    /// <summary>The subscription's throttling tier: calls per second per application before 429.</summary>
    [Range(1, 100_000)]
    public int RequestsPerSecond { get; init; } = 200;

    /// <summary>The answer shape at start (<see cref="BusinessProfiles"/>); <c>PUT /_sandbox/business/profile</c> changes it.</summary>
    [Required]
    [AllowedValues(BusinessProfiles.NgspData, BusinessProfiles.ResultCode)]
    public string Profile { get; init; } = BusinessProfiles.NgspData;

    public GatewayTier Tier => new(ConsumerKey, ConsumerSecret, TokenLifetimeSeconds, RequestsPerSecond);
}
