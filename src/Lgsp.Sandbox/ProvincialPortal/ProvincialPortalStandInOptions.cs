using System.ComponentModel.DataAnnotations;

namespace Lgsp.Sandbox.ProvincialPortal;

/// <summary>
/// The provincial one-stop system stand-in (<c>Sandbox:ProvincialPortal</c>). The account is a fake development
/// default that <c>run.sh</c> gives the hub too; it protects nothing but synthetic data.
/// </summary>
internal sealed record ProvincialPortalStandInOptions
{
    public const string SectionName = "Sandbox:ProvincialPortal";

    public const string DevelopmentUsername = "lgsp-dongbo";
    public const string DevelopmentPassword = "sandbox-motcua-password-NOT-A-SECRET";

    [Required]
    public string Username { get; init; } = DevelopmentUsername;

    [Required]
    public string Password { get; init; } = DevelopmentPassword;

    /// <summary>The tenant the hub's account belongs to (the <c>tenant</c> header of a multi-tenant one-stop system).</summary>
    [Required]
    public string Tenant { get; init; } = "root";

    /// <summary>Lifetime of the JWTs it issues; the hub renews before the <c>exp</c> claim.</summary>
    [Range(1, 86_400)]
    public int TokenLifetimeSeconds { get; init; } = 3600;

    /// <summary>Dossiers it holds from the start (submitted on DVCQG earlier), to look up.</summary>
    [Range(0, 1000)]
    public int SeedDossiers { get; init; } = 6;
}
