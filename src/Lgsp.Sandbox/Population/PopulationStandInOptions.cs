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

    /// <summary>The only <c>MaTichHop</c> (integration code the ministry issues to a connected LGSP) accepted.</summary>
    [Required(AllowEmptyStrings = false)]
    public string IntegrationCode { get; init; } = DevelopmentIntegrationCode;
}
