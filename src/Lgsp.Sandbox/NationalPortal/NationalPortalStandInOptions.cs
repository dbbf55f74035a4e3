using System.ComponentModel.DataAnnotations;
using Lgsp.Sandbox.Control.Gateway;

namespace Lgsp.Sandbox.NationalPortal;

/// <summary>
/// The DVCQG stand-in (<c>Sandbox:NationalPortal</c>). The client id and secret are fake development defaults that
/// <c>run.sh</c> gives the hub too; they protect nothing but synthetic data.
/// </summary>
internal sealed record NationalPortalStandInOptions
{
    public const string SectionName = "Sandbox:NationalPortal";

    public const string DevelopmentClientId = "sandbox-dvcqg-client";
    public const string DevelopmentClientSecret = "sandbox-dvcqg-secret-NOT-A-SECRET";
    public const string DevelopmentUsername = "sandbox-dvcqg-user";
    public const string DevelopmentPassword = "sandbox-dvcqg-password-NOT-A-SECRET";
    public const string DevelopmentDstCode = "DVCQG";

    [Required]
    public string ClientId { get; init; } = DevelopmentClientId;

    [Required]
    public string ClientSecret { get; init; } = DevelopmentClientSecret;

    /// <summary>The login of the session profile (OpenCPS: <c>POST auth {"username","password"}</c> with <c>dstcode</c>).</summary>
    [Required]
    public string Username { get; init; } = DevelopmentUsername;

    [Required]
    public string Password { get; init; } = DevelopmentPassword;

    /// <summary>The <c>dstcode</c> header the session profile must send on its login and every call.</summary>
    [Required]
    public string DstCode { get; init; } = DevelopmentDstCode;

    [Range(1, 86_400)]
    public int TokenLifetimeSeconds { get; init; } = 3600;

    /// <summary>The gateway's throttling tier in front of DVCQG: calls per second before 429.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerSecond { get; init; } = 1000;

    /// <summary>
    /// The province whose dossiers this DVCQG accepts (<c>MaDinhDanhTinh</c>): the first segment of every MaHoSo
    /// must contain it (DOMAIN.md §1.2).
    /// </summary>
    [Required]
    [RegularExpression("^[A-Z][0-9]{2}$")]
    public string ProvinceCode { get; init; } = "H56";

    /// <summary>Dossiers DVCQG already holds at start (with a few progress rows each), to look up.</summary>
    [Range(0, 1000)]
    public int SeedDossiers { get; init; } = 12;

    /// <summary>
    /// The hub, for <c>POST /_sandbox/dvcqg/submit</c> (DVCQG handing a dossier submitted on the portal to the
    /// province). <c>run.sh</c> sets it; unset, submitting answers 409.
    /// </summary>
    public Uri? HubBaseUrl { get; init; }

    /// <summary>DVCQG's client id at the hub's single sign-on (<c>config/identity.json</c>).</summary>
    [Required]
    public string HubClientId { get; init; } = "national-portal";

    /// <summary>
    /// The <em>name</em> of the environment variable holding that client's secret (the hub reads the same one). Unset
    /// or empty: the hand-over is sent without a token.
    /// </summary>
    [Required]
    public string HubClientSecretVariable { get; init; } = "LGSP_NATIONAL_PORTAL_SECRET";

    /// <summary>The agency dossiers submitted on DVCQG are addressed to (canonical QCVN 102 form).</summary>
    [Required]
    public string SubmitAgencyCode { get; init; } = "000.00.14.H56";

    public GatewayTier Tier => new(ClientId, ClientSecret, TokenLifetimeSeconds, RequestsPerSecond);
}
