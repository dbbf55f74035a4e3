using System.ComponentModel.DataAnnotations;

namespace Lgsp.Sandbox.Population;

/// <summary>
/// The population database stand-in (<c>Sandbox:Population</c>). Its signing certificate is a development one,
/// made on first start and kept (like the hub's), so a hub that pinned it yesterday still trusts it today.
/// </summary>
internal sealed record PopulationStandInOptions
{
    public const string SectionName = "Sandbox:Population";

    public const string DevelopmentIntegrationCode = "LGSP-SANDBOX";

    public const string DefaultCertificatePath = ".data/signing/population-development.pfx";

    /// <summary>
    /// Where the source's signing certificate (with its key) is kept, relative to the content root; created on
    /// first start. Empty: a fresh certificate in memory for each start (the tests do that).
    /// </summary>
    public string SigningCertificatePath { get; init; } = DefaultCertificatePath;

    /// <summary>
    /// The LGSP partner the gateway in front of the service knows (its <c>lgspaccesstoken</c>); the development
    /// defaults are the BHXH stand-in's, as one LGSP partner holds one set of NGSP credentials.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string AccessKey { get; init; } = Insurance.InsuranceStandInOptions.DevelopmentAccessKey;

    [Required(AllowEmptyStrings = false)]
    public string SecretKey { get; init; } = Insurance.InsuranceStandInOptions.DevelopmentSecretKey;

    [Required(AllowEmptyStrings = false)]
    public string AppName { get; init; } = Insurance.InsuranceStandInOptions.DevelopmentAppName;

    [Required(AllowEmptyStrings = false)]
    public string PartnerCode { get; init; } = Insurance.InsuranceStandInOptions.DevelopmentPartnerCode;

    /// <summary>What the stand-in requires at start (tests switch it at <c>/_sandbox/population/profile</c>).</summary>
    public PopulationCredentialsRequired RequireCredentials { get; init; } = PopulationCredentialsRequired.None;

    /// <summary>Whether answers are signed at start (tests switch it at <c>/_sandbox/population/profile</c>).</summary>
    public bool SignAnswers { get; init; } = true;

    public LgspGateway.LgspPartner Partner => new(AccessKey, SecretKey, AppName, PartnerCode);

    /// <summary>The only <c>MaTichHop</c> (integration code the ministry issues to a connected LGSP) accepted.</summary>
    [Required(AllowEmptyStrings = false)]
    public string IntegrationCode { get; init; } = DevelopmentIntegrationCode;
}
