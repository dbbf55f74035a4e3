using System.ComponentModel.DataAnnotations;

namespace Lgsp.Hub.Identity;

/// <summary>
/// Bound from the <c>Identity</c> section (the hub's appsettings plus <c>config/identity.json</c>); validated on
/// start. Never a secret here: certificate passwords and client secrets live in environment variables this
/// section names.
/// </summary>
public sealed class HubIdentityOptions
{
    public const string SectionName = "Identity";

    public const string DefaultDevelopmentDirectory = ".data/identity";

    /// <summary>The clock skew token validation allows: tokens come from this hub's own clock, a small allowance is enough.</summary>
    internal static readonly TimeSpan TokenClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The issuer (<c>iss</c>) of every token, the public base URL of the hub's sign-in. Every instance behind the
    /// load balancer must have the same one, or one instance's tokens are refused by the others. Required in
    /// production; a development hub uses the URL it was called on.
    /// </summary>
    public Uri? Issuer { get; set; }

    /// <summary>Signs tokens (ES256 with an EC P-256 key is recommended; RSA-2048+ is accepted).</summary>
    public CertificateSettings SigningCertificate { get; } = new();

    /// <summary>Encrypts access tokens, codes and refresh tokens (RSA-2048+, key usage KeyEncipherment).</summary>
    public CertificateSettings EncryptionCertificate { get; } = new();

    /// <summary>
    /// Protects the ASP.NET Data Protection key ring at rest in the database (RSA-2048+, KeyEncipherment): the keys
    /// behind the sign-in session, antiforgery and federation cookies, shared by every instance.
    /// </summary>
    public CertificateSettings DataProtectionCertificate { get; } = new();

    /// <summary>
    /// Where a development or embedded hub keeps its generated token certificates, development secrets and demo
    /// credentials (relative to the content root). Created on first start, reused after.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string DevelopmentDirectory { get; set; } = DefaultDevelopmentDirectory;

    /// <summary>Plain HTTP for the endpoints and cookies without the Secure flag. Development only; refused in production.</summary>
    public bool AllowInsecureHttp { get; set; }

    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan IdentityTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    [Range(typeof(TimeSpan), "00:00:10", "00:10:00")]
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Absolute lifetime of a refresh-token family: rotation does not extend it (a working day by default).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(10);

    /// <summary>
    /// How long a rotated refresh token may still be redeemed, for a client that sent two refresh requests at once.
    /// After it, presenting a redeemed refresh token is treated as theft: every token of the family is revoked.
    /// Zero disables the leeway.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// APIs also look each access token up in the database, so revoking a token's family or its authorization (logout)
    /// ends its access tokens at once instead of at their expiry; costs a database read per API call. Off by default:
    /// access tokens revoked at <c>/connect/revoke</c> are refused anyway, through the revocation list
    /// (<see cref="RevocationRefreshInterval"/>).
    /// </summary>
    public bool ValidateTokenEntries { get; set; }

    /// <summary>
    /// How often every instance reloads the access-token revocation list from the database (<see cref="RevokedAccessTokens"/>):
    /// a token revoked at one instance is refused by the others' APIs within this time (at once by the one that
    /// revoked it). One small read per instance per interval, none per API call.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan RevocationRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Also encrypt client-credentials access tokens (a system's token, with no personal claims). Off by default: they
    /// are signed JWTs, which saves every API call an RSA private-key operation. Tokens issued for a person are always
    /// encrypted.
    /// </summary>
    public bool EncryptClientCredentialsTokens { get; set; }

    /// <summary>
    /// How long a client secret that passed the full PBKDF2 check is remembered (keyed by a SHA-256 of the stored
    /// hash and the presented secret), so client-credentials calls do not pay 10,000 PBKDF2 rounds each. Zero disables it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ClientSecretCacheLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The lowest level of assurance (<see cref="AssuranceLevels"/>: 1 a password or VNeID mức 1, 2 VNeID mức 2) a
    /// person's sign-in needs to receive <c>lgsp.admin</c>; a lower session asking for it is refused
    /// (<c>access_denied</c>). Level 2 by default: an operator signs in through the national provider at level 2.
    /// A local password is level 1, so lowering this to 1 lets password-only operators administer (development).
    /// </summary>
    [Range(AssuranceLevels.Low, AssuranceLevels.Substantial)]
    public int MinimumAdminLevel { get; set; } = AssuranceLevels.Substantial;

    /// <summary>
    /// Wrong passwords for one user name from one source address within <see cref="LockoutDuration"/> before that
    /// address may not try that user name for <see cref="LockoutDuration"/> (<c>Throttling/SignInThrottle.cs</c>).
    /// Other addresses are not affected.
    /// </summary>
    [Range(3, 20)]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The ceiling per user name, from all addresses together, within <see cref="LockoutDuration"/>: reaching it refuses
    /// that user name's password sign-in from everywhere for <see cref="AccountLockoutDuration"/> (short, logged as event
    /// 5883). Much higher than <see cref="MaxFailedSignIns"/>: only guessing from many addresses reaches it.
    /// </summary>
    [Range(10, 10_000)]
    public int MaxFailedSignInsPerAccount { get; set; } = 50;

    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan AccountLockoutDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Failed client authentications at the token, introspection and revocation endpoints.</summary>
    public ClientAuthThrottleSettings ClientAuthThrottle { get; } = new();

    /// <summary>Life of the sign-in session cookie, sliding.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The hub's scopes by name (<see cref="HubScopes"/>), from <c>config/identity.json</c>.</summary>
    public IDictionary<string, ScopeSettings> Scopes { get; } = new Dictionary<string, ScopeSettings>(StringComparer.Ordinal);

    /// <summary>The registered clients by client id, from <c>config/identity.json</c>. The database follows this list.</summary>
    public IDictionary<string, ClientSettings> Clients { get; } = new Dictionary<string, ClientSettings>(StringComparer.Ordinal);
}

/// <summary>
/// <c>Identity:ClientAuthThrottle</c> (<c>Throttling/ClientAuthThrottle.cs</c>): more than the limit of failed client
/// authentications within <see cref="Window"/>, per client id or per source address, and that key is answered 429 with
/// <c>Retry-After</c> for <see cref="LockoutDuration"/>.
/// </summary>
public sealed class ClientAuthThrottleSettings
{
    public bool Enabled { get; set; } = true;

    [Range(3, 10_000)]
    public int MaxFailuresPerClient { get; set; } = 20;

    [Range(3, 10_000)]
    public int MaxFailuresPerAddress { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>A certificate file; the same keys as the <c>Signing</c> section.</summary>
public sealed class CertificateSettings
{
    /// <summary>PFX/P12, or a PEM certificate (with its key in the same file or in <see cref="PrivateKeyPath"/>).</summary>
    public string? CertificatePath { get; set; }

    public string? PrivateKeyPath { get; set; }

    /// <summary>The <em>name</em> of the environment variable holding the password.</summary>
    public string? PasswordEnvironmentVariable { get; set; }
}

public sealed class ScopeSettings
{
    /// <summary>Vietnamese display name.</summary>
    public string? DisplayName { get; set; }

    public string? DisplayNameEn { get; set; }

    /// <summary>When set, a person gets this scope in a user-delegated token only if the account has this role.</summary>
    public string? UserRole { get; set; }
}

public enum ClientKind
{
    /// <summary>Has a secret (a server-side application).</summary>
    Confidential,

    /// <summary>Cannot keep a secret (a browser or desktop application): authorization code with PKCE only.</summary>
    Public,
}

public sealed class ClientSettings
{
    public string? DisplayName { get; set; }

    public ClientKind Type { get; set; } = ClientKind.Confidential;

    /// <summary>The <em>name</em> of the environment variable that holds this client's secret (confidential clients).</summary>
    public string? SecretEnvironmentVariable { get; set; }

    /// <summary><c>authorization_code</c>, <c>refresh_token</c>, <c>client_credentials</c>.</summary>
    public IList<string> GrantTypes { get; } = [];

    public IList<Uri> RedirectUris { get; } = [];

    public IList<Uri> PostLogoutRedirectUris { get; } = [];

    /// <summary>Scopes the client may ask for: the hub's (<see cref="HubScopes"/>) and <c>openid</c>, <c>profile</c>, <c>offline_access</c>.</summary>
    public IList<string> Scopes { get; } = [];
}
