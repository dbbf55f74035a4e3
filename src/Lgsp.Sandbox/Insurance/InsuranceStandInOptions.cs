using System.ComponentModel.DataAnnotations;

namespace Lgsp.Sandbox.Insurance;

/// <summary>
/// The BHXH stand-in (<c>Sandbox:Insurance</c>): the one partner it knows (the LGSP connection's <c>AppName</c>,
/// <c>AccessKey</c>, <c>SecretKey</c>, <c>PartnerCode</c>) and whether its <c>lgspaccesstoken</c> is required, and
/// the partner's quota as a token bucket. The credentials are the development defaults <c>run.sh</c> gives the hub
/// too; they are deliberately fake and protect nothing but synthetic data.
/// </summary>
internal sealed record InsuranceStandInOptions
{
    public const string SectionName = "Sandbox:Insurance";

    public const string DevelopmentAppName = "lgsp-sandbox";
    public const string DevelopmentAccessKey = "sandbox-bhxh-access-key";
    public const string DevelopmentSecretKey = "sandbox-bhxh-secret-key-NOT-A-SECRET";
    public const string DevelopmentPartnerCode = "LGSPSANDBOX";

    [Required]
    public string AppName { get; init; } = DevelopmentAppName;

    [Required]
    public string AccessKey { get; init; } = DevelopmentAccessKey;

    [Required]
    public string SecretKey { get; init; } = DevelopmentSecretKey;

    [Required]
    public string PartnerCode { get; init; } = DevelopmentPartnerCode;

    /// <summary>
    /// Whether a request without <c>lgspaccesstoken</c> is refused (401), at start; tests flip it at
    /// <c>/_sandbox/insurance/profile</c>. A header that is present is always checked.
    /// </summary>
    public bool RequireAccessToken { get; init; } = true;

    public LgspGateway.LgspPartner Partner => new(AccessKey, SecretKey, AppName, PartnerCode);

    /// <summary>The partner's sustained quota: tokens added per second.</summary>
    [Range(0.001, 100_000)]
    public double RequestsPerSecond { get; init; } = 10;

    /// <summary>The bucket's size: how many requests may arrive at once after a quiet spell.</summary>
    [Range(1, 100_000)]
    public int Burst { get; init; } = 20;
}
