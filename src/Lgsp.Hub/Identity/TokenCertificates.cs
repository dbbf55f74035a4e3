using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lgsp.Hub.Keys;
using Lgsp.Hub.Storage;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Lgsp.Hub.Identity;

/// <summary>
/// The token-signing and token-encryption certificates, and the one protecting the Data Protection key ring.
/// Configured ones (Identity:SigningCertificate, Identity:EncryptionCertificate, Identity:DataProtectionCertificate)
/// are required in production; a development or embedded hub without them creates each once under
/// Identity:DevelopmentDirectory and reuses it, so every instance sharing that folder (and its database) accepts the
/// others' tokens and sessions.
/// </summary>
/// <remarks>
/// Key types follow the cost of a token on a 2-core machine (bench/README.md): the development signing key is
/// EC P-256 (ES256, ~0.02 ms a signature against ~1.9 ms for RSA-3072), the encryption key RSA-2048 (RSA-OAEP:
/// encrypting is a cheap public-key operation; each API call decrypts once, ~0.25 ms against ~1.8 ms for RSA-3072).
/// </remarks>
internal sealed partial class TokenCertificates(
    IOptions<HubIdentityOptions> options,
    IOptions<StorageOptions> storage,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<TokenCertificates> logger)
{
    public const string SigningFileName = "token-signing.pfx";
    public const string EncryptionFileName = "token-encryption.pfx";
    public const string DataProtectionFileName = "data-protection.pfx";
    public const string DevelopmentDataProtectionSubject = "CN=LGSP hub development data protection, O=LGSP (development only)";
    public const string DevelopmentSigningSubject = "CN=LGSP hub development token signing, O=LGSP (development only)";
    public const string DevelopmentEncryptionSubject = "CN=LGSP hub development token encryption, O=LGSP (development only)";

    /// <summary>
    /// ES256/384/512 for an EC certificate (IdentityModel signs EC keys only as <see cref="ECDsaSecurityKey"/>, keyed
    /// by the certificate's thumbprint), RS256 for an RSA one.
    /// </summary>
    internal static SigningCredentials SigningCredentialsOf(X509Certificate2 certificate)
    {
        if (certificate.GetECDsaPrivateKey() is not { } ec)
        {
            return new SigningCredentials(new X509SecurityKey(certificate), SecurityAlgorithms.RsaSha256);
        }

        var algorithm = ec.KeySize switch
        {
            256 => SecurityAlgorithms.EcdsaSha256,
            384 => SecurityAlgorithms.EcdsaSha384,
            _ => SecurityAlgorithms.EcdsaSha512,
        };
        return new SigningCredentials(new ECDsaSecurityKey(ec) { KeyId = certificate.Thumbprint }, algorithm);
    }

    public X509Certificate2 LoadSigning() =>
        Load("Identity:SigningCertificate", options.Value.SigningCertificate, SigningFileName, "sign tokens",
            () => DevelopmentCertificates.CreateEcdsa(DevelopmentSigningSubject, ECCurve.NamedCurves.nistP256, time.GetUtcNow()),
            CheckSigningKey);

    public X509Certificate2 LoadEncryption() =>
        Load("Identity:EncryptionCertificate", options.Value.EncryptionCertificate, EncryptionFileName, "decrypt tokens",
            () => DevelopmentCertificates.CreateRsa(DevelopmentEncryptionSubject, 2048, X509KeyUsageFlags.KeyEncipherment, time.GetUtcNow()),
            CheckEncryptionKey);

    /// <summary>The certificate the Data Protection key ring is encrypted with in the database (see <see cref="HubIdentityOptions.DataProtectionCertificate"/>).</summary>
    public X509Certificate2 LoadDataProtection() =>
        Load("Identity:DataProtectionCertificate", options.Value.DataProtectionCertificate, DataProtectionFileName, "protect the session key ring",
            () => DevelopmentCertificates.CreateRsa(DevelopmentDataProtectionSubject, 2048, X509KeyUsageFlags.KeyEncipherment, time.GetUtcNow()),
            CheckEncryptionKey);

    private X509Certificate2 Load(string section, CertificateSettings settings, string fileName, string purpose,
        Func<X509Certificate2> create, Action<CertificateFiles, X509Certificate2, string> checkKey)
    {
        var files = new CertificateFiles("Identity", section);
        X509Certificate2 certificate;
        string what;
        if (!string.IsNullOrWhiteSpace(settings.CertificatePath))
        {
            var path = Resolve(settings.CertificatePath);
            var keyPath = string.IsNullOrWhiteSpace(settings.PrivateKeyPath) ? null : Resolve(settings.PrivateKeyPath);
            certificate = files.LoadConfigured(path, keyPath, settings.PasswordEnvironmentVariable);
            what = $"{section}:CertificatePath '{path}'";
        }
        else
        {
            if (IdentityMode.IsProduction(environment, storage.Value))
            {
                throw files.Fail(
                    $"{section}:CertificatePath is not set. A production hub (storage {storage.Value.Provider}, environment '{environment.EnvironmentName}') " +
                    $"protects tokens only with configured certificates, the same file on every instance: set {section}:CertificatePath " +
                    $"(password in the environment variable named by {section}:PasswordEnvironmentVariable).");
            }

            var path = Path.Combine(Resolve(options.Value.DevelopmentDirectory), fileName);
            (certificate, var created) = files.LoadOrCreateDevelopment(path, "Identity:DevelopmentDirectory", create);
            what = $"the development certificate '{path}' (delete the file to have a new one created)";
            if (created)
            {
                LogDevelopmentCertificateCreated(logger, purpose, certificate.Thumbprint, path);
            }
        }

        try
        {
            files.CheckPrivateKey(certificate, what, purpose);
            checkKey(files, certificate, what);
            files.CheckValidNow(certificate, what, time.GetUtcNow());
        }
        catch
        {
            certificate.Dispose();
            throw;
        }

        LogCertificateInUse(logger, purpose, certificate.Thumbprint, certificate.NotAfter.ToUniversalTime());
        return certificate;
    }

    private static void CheckSigningKey(CertificateFiles files, X509Certificate2 certificate, string what)
    {
        CheckUsage(files, certificate, what, X509KeyUsageFlags.DigitalSignature, "DigitalSignature");
        using var ec = certificate.GetECDsaPublicKey();
        if (ec is not null)
        {
            if (ec.KeySize is not (256 or 384 or 521))
            {
                throw files.Fail($"{what} has an EC key of {ec.KeySize} bits; use P-256, P-384 or P-521.");
            }

            return;
        }

        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is null)
        {
            throw files.Fail($"{what} has neither an EC nor an RSA key ({certificate.PublicKey.Oid.FriendlyName}).");
        }

        if (rsa.KeySize < 2048)
        {
            throw files.Fail($"{what} has an RSA-{rsa.KeySize} key; at least 2048 bits are required.");
        }
    }

    private static void CheckEncryptionKey(CertificateFiles files, X509Certificate2 certificate, string what)
    {
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is null)
        {
            throw files.Fail($"{what} does not have an RSA key ({certificate.PublicKey.Oid.FriendlyName}); tokens are encrypted with RSA-OAEP.");
        }

        if (rsa.KeySize < 2048)
        {
            throw files.Fail($"{what} has an RSA-{rsa.KeySize} key; at least 2048 bits are required.");
        }

        CheckUsage(files, certificate, what, X509KeyUsageFlags.KeyEncipherment, "KeyEncipherment");
    }

    private static void CheckUsage(CertificateFiles files, X509Certificate2 certificate, string what, X509KeyUsageFlags flag, string name)
    {
        var usages = certificate.Extensions.OfType<X509KeyUsageExtension>().ToList();
        if (usages.Count > 0 && !usages.Exists(u => u.KeyUsages.HasFlag(flag)))
        {
            throw files.Fail($"{what} does not allow {name} in its key usage.");
        }
    }

    private string Resolve(string path) => Path.GetFullPath(path, environment.ContentRootPath);

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Token certificate to {Purpose}: {Thumbprint}, valid until {NotAfter:u}")]
    private static partial void LogCertificateInUse(ILogger logger, string purpose, string thumbprint, DateTime notAfter);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning,
        Message = "Created the development certificate to {Purpose} {Thumbprint} at {Path}; it is reused on every later start. Never use it in production")]
    private static partial void LogDevelopmentCertificateCreated(ILogger logger, string purpose, string thumbprint, string path);
}
