using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lgsp.Hub.Storage;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Signing;

internal enum SigningCertificateSource
{
    /// <summary>Signing:CertificatePath.</summary>
    Configured,

    /// <summary>The development certificate, created on this start.</summary>
    DevelopmentCreated,

    /// <summary>The development certificate created on an earlier start.</summary>
    DevelopmentExisting,
}

/// <summary>
/// Reads the hub's signing certificate and the trust list from the files <see cref="SigningOptions"/> names.
/// Every way that can go wrong stops the start with an <see cref="InvalidOperationException"/> naming the
/// setting and the file, never a secret.
/// </summary>
internal sealed partial class SigningCertificateLoader(
    IOptions<SigningOptions> options,
    IOptions<StorageOptions> storage,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<SigningCertificateLoader> logger)
{
    private const int MaxCertificateFileBytes = 1024 * 1024;

    /// <summary>The hub's certificate with its private key; the caller owns it (it goes straight into the signer).</summary>
    public X509Certificate2 LoadHubCertificate()
    {
        var settings = options.Value;
        var (certificate, source, path) = string.IsNullOrWhiteSpace(settings.CertificatePath)
            ? LoadDevelopment(settings)
            : LoadConfigured(settings);
        try
        {
            CheckUsable(certificate, source == SigningCertificateSource.Configured
                ? $"Signing:CertificatePath '{path}'"
                : $"the development certificate '{path}' (delete the file to have a new one created)");
        }
        catch
        {
            certificate.Dispose();
            throw;
        }

        LogCertificateInUse(logger, certificate.Thumbprint, certificate.Subject, certificate.NotAfter.ToUniversalTime(), source, path);
        var left = certificate.NotAfter.ToUniversalTime() - time.GetUtcNow().UtcDateTime;
        if (left < TimeSpan.FromDays(30))
        {
            LogCertificateExpiresSoon(logger, certificate.Thumbprint, (int)left.TotalDays);
        }

        return certificate;
    }

    /// <summary>The certificates of Signing:TrustedCertificatePaths (public parts); the caller owns them.</summary>
    public IReadOnlyList<X509Certificate2> LoadTrustedCertificates()
    {
        var settings = options.Value;
        var trusted = new List<X509Certificate2>();
        try
        {
            for (var i = 0; i < settings.TrustedCertificatePaths.Count; i++)
            {
                var setting = $"Signing:TrustedCertificatePaths:{i}";
                var path = Resolve(settings.TrustedCertificatePaths[i]);
                foreach (var certificate in ReadCertificates(setting, path))
                {
                    trusted.Add(certificate);
                    CheckRsaKey(certificate, $"{setting} '{path}' ({certificate.Subject})", certificate.GetRSAPublicKey());
                    var now = time.GetUtcNow().UtcDateTime;
                    if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
                    {
                        // Kept: it may be renewed soon, and the verifier refuses its signatures meanwhile.
                        LogTrustedCertificateNotValid(logger, certificate.Thumbprint, certificate.Subject, path);
                    }
                }
            }
        }
        catch
        {
            trusted.ForEach(c => c.Dispose());
            throw;
        }

        return trusted;
    }

    private (X509Certificate2, SigningCertificateSource, string) LoadConfigured(SigningOptions settings)
    {
        var path = Resolve(settings.CertificatePath!);
        var setting = $"Signing:CertificatePath '{path}'";
        var keyPath = string.IsNullOrWhiteSpace(settings.PrivateKeyPath) ? null : Resolve(settings.PrivateKeyPath);
        var password = ReadPassword(settings.PasswordEnvironmentVariable);
        var content = ReadFile(setting, path);
        if (keyPath is not null)
        {
            ReadFile($"Signing:PrivateKeyPath '{keyPath}'", keyPath);
        }

        try
        {
            var certificate = keyPath is not null || IsPem(content)
                ? LoadPem(setting, path, keyPath, password)
                : X509CertificateLoader.LoadPkcs12(content, password, KeyStorageFlags);
            return (certificate, SigningCertificateSource.Configured, path);
        }
        catch (CryptographicException ex)
        {
            throw Fail($"{setting} could not be opened: wrong password (Signing:PasswordEnvironmentVariable), or not a PKCS#12 or PEM certificate with its key. {ex.Message}", ex);
        }
    }

    private (X509Certificate2, SigningCertificateSource, string) LoadDevelopment(SigningOptions settings)
    {
        var path = Resolve(settings.DevelopmentCertificatePath);
        var embedded = storage.Value.Provider == StorageProvider.Sqlite;
        if (!environment.IsDevelopment() && !embedded)
        {
            throw Fail(
                $"Signing:CertificatePath is not set. A production hub (storage {storage.Value.Provider}, environment '{environment.EnvironmentName}') " +
                "signs only with a configured certificate: set Signing:CertificatePath to a PFX (password in the environment variable named by " +
                "Signing:PasswordEnvironmentVariable) or to a PEM certificate with Signing:PrivateKeyPath.");
        }

        var source = SigningCertificateSource.DevelopmentExisting;
        if (!File.Exists(path))
        {
            using var created = DevelopmentSigningCertificate.Create(time.GetUtcNow());
            bool persisted;
            try
            {
                persisted = DevelopmentSigningCertificate.TryPersist(created, path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Fail($"the development certificate could not be written to '{path}' ({ex.Message}); point Signing:DevelopmentCertificatePath to a writable place or set Signing:CertificatePath.", ex);
            }

            if (persisted)
            {
                source = SigningCertificateSource.DevelopmentCreated;
                LogDevelopmentCertificateCreated(logger, created.Thumbprint, path);
            }
        }

        // Always what is on disk, also right after creating it: the file is the single truth across restarts
        // and across instances sharing the content root.
        var setting = $"the development certificate '{path}'";
        try
        {
            return (X509CertificateLoader.LoadPkcs12(ReadFile(setting, path), password: null, KeyStorageFlags), source, path);
        }
        catch (CryptographicException ex)
        {
            throw Fail($"{setting} could not be opened ({ex.Message}); delete it to have a new one created.", ex);
        }
    }

    private static X509Certificate2 LoadPem(string setting, string path, string? keyPath, string? password)
    {
        var keySource = keyPath ?? path;
        if (!File.ReadAllText(keySource).Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw Fail(keyPath is null
                ? $"{setting} is a PEM certificate without a private key; put the key in the same file or set Signing:PrivateKeyPath."
                : $"Signing:PrivateKeyPath '{keyPath}' contains no PEM private key.");
        }

        try
        {
            return password is null
                ? X509Certificate2.CreateFromPemFile(path, keyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
        }
        catch (ArgumentException ex)
        {
            // An encrypted key without a password (or the reverse) is reported by the PEM reader as a bad argument.
            throw Fail($"{setting}: the PEM private key could not be read; an encrypted key needs Signing:PasswordEnvironmentVariable. {ex.Message}", ex);
        }
    }

    private void CheckUsable(X509Certificate2 certificate, string what)
    {
        if (!certificate.HasPrivateKey)
        {
            throw Fail($"{what} has no private key; the hub needs it to sign.");
        }

        CheckRsaKey(certificate, what, certificate.GetRSAPrivateKey());

        var now = time.GetUtcNow().UtcDateTime;
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            throw Fail($"{what} is not valid now: valid from {certificate.NotBefore.ToUniversalTime():u} to {certificate.NotAfter.ToUniversalTime():u}.");
        }
    }

    private static void CheckRsaKey(X509Certificate2 certificate, string what, RSA? key)
    {
        using (key)
        {
            if (key is null)
            {
                throw Fail($"{what} does not have an RSA key ({certificate.PublicKey.Oid.FriendlyName}); packet signatures are RSA.");
            }

            if (key.KeySize < 2048)
            {
                throw Fail($"{what} has an RSA-{key.KeySize} key; at least 2048 bits are required.");
            }
        }
    }

    private static IEnumerable<X509Certificate2> ReadCertificates(string setting, string path)
    {
        var content = ReadFile($"{setting} '{path}'", path);
        try
        {
            if (!IsPem(content))
            {
                return [X509CertificateLoader.LoadCertificate(content)];
            }

            var collection = new X509Certificate2Collection();
            collection.ImportFromPemFile(path);
            return collection.Count > 0
                ? collection
                : throw Fail($"{setting} '{path}' contains no PEM certificate.");
        }
        catch (CryptographicException ex)
        {
            throw Fail($"{setting} '{path}' is not an X.509 certificate (PEM or DER). {ex.Message}", ex);
        }
    }

    private static byte[] ReadFile(string setting, string path)
    {
        if (!File.Exists(path))
        {
            throw Fail($"{setting} does not exist.");
        }

        try
        {
            var length = new FileInfo(path).Length;
            return length <= MaxCertificateFileBytes
                ? File.ReadAllBytes(path)
                : throw Fail($"{setting} is {length} bytes; a certificate file is far smaller.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Fail($"{setting} cannot be read: {ex.Message}", ex);
        }
    }

    private static string? ReadPassword(string? variable)
    {
        if (string.IsNullOrEmpty(variable))
        {
            return null;
        }

        return Environment.GetEnvironmentVariable(variable)
            ?? throw Fail($"Signing:PasswordEnvironmentVariable names '{variable}', which is not set in the hub's environment.");
    }

    private static bool IsPem(ReadOnlySpan<byte> content) => content.IndexOf("-----BEGIN "u8) >= 0;

    private string Resolve(string path) => Path.GetFullPath(path, environment.ContentRootPath);

    // Keys stay in memory only (no per-user key store files); macOS has no ephemeral key sets.
    private static X509KeyStorageFlags KeyStorageFlags =>
        OperatingSystem.IsMacOS() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet;

    private static InvalidOperationException Fail(string message, Exception? inner = null) =>
        new("Signing: " + message, inner);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information,
        Message = "Signing with certificate {Thumbprint} ({Subject}), valid until {NotAfter:u}; source {Source}, file {Path}")]
    private static partial void LogCertificateInUse(ILogger logger, string thumbprint, string subject, DateTime notAfter, SigningCertificateSource source, string path);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning,
        Message = "Created the development signing certificate {Thumbprint} at {Path}; it is reused on every later start. Never use it in production")]
    private static partial void LogDevelopmentCertificateCreated(ILogger logger, string thumbprint, string path);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "The signing certificate {Thumbprint} expires in {Days} days; renew it")]
    private static partial void LogCertificateExpiresSoon(ILogger logger, string thumbprint, int days);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning,
        Message = "Trusted certificate {Thumbprint} ({Subject}) from {Path} is not valid now; its signatures are refused")]
    private static partial void LogTrustedCertificateNotValid(ILogger logger, string thumbprint, string subject, string path);
}
