using System.ComponentModel.DataAnnotations;

namespace Lgsp.Hub.Signing;

/// <summary>
/// Bound from the <c>Signing</c> section; validated on start. Relative paths are taken from the content root.
/// Never a secret here: the PFX or PEM-key password lives in the environment variable this section names.
/// </summary>
public sealed class SigningOptions
{
    public const string SectionName = "Signing";

    public const string DefaultDevelopmentCertificatePath = ".data/signing/hub-development.pfx";

    /// <summary>
    /// The hub's signing certificate: a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>) or a PEM certificate. Required in
    /// production (the Production environment, or PostgreSQL storage outside Development).
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key for a PEM <see cref="CertificatePath"/>, unless that file holds the key too.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>The <em>name</em> of the environment variable holding the PFX password (or the encrypted PEM key's).</summary>
    public string? PasswordEnvironmentVariable { get; set; }

    /// <summary>Certificates (PEM, possibly several per file, or DER) whose signatures the hub accepts, besides its own.</summary>
    public IList<string> TrustedCertificatePaths { get; } = [];

    /// <summary>
    /// The hub's other packet-signing certificates during a key rollover (PEM, possibly several per file, or DER; public
    /// parts): published in <c>/.well-known/lgsp/keys</c> beside the current one and trusted by the hub's own verifier.
    /// The previous key, so packets and message-log checkpoints it signed still verify; or the next one, so clients pin
    /// it before the hub switches to it. Each is RSA-2048+ or EC P-256 (<c>src/Lgsp.Core/Signing/README.md</c>).
    /// </summary>
    public IList<string> RolloverCertificatePaths { get; } = [];

    /// <summary>
    /// Where the development certificate is kept when no <see cref="CertificatePath"/> is configured on a
    /// development or embedded (SQLite) hub: created once on first start, then reused.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string DevelopmentCertificatePath { get; set; } = DefaultDevelopmentCertificatePath;
}
