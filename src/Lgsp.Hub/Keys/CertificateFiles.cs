using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lgsp.Hub.Keys;

/// <summary>
/// Reads certificates from the files a settings section names: PKCS#12, or PEM with the private key in the same
/// file or in <c>PrivateKeyPath</c>, the password taken from the environment variable the section names. Shared by
/// packet signing (<c>Signing</c>) and the token keys (<c>Identity:SigningCertificate</c>, …). Every failure is an
/// <see cref="InvalidOperationException"/> starting with the component's name and naming the setting and the file,
/// never a secret.
/// </summary>
/// <param name="component">Prefix of every failure message, e.g. <c>Signing</c>.</param>
/// <param name="section">The section holding <c>CertificatePath</c>, <c>PrivateKeyPath</c>, <c>PasswordEnvironmentVariable</c>.</param>
internal sealed class CertificateFiles(string component, string section)
{
    private const int MaxCertificateFileBytes = 1024 * 1024;

    public string CertificatePathSetting => $"{section}:CertificatePath";

    /// <summary>The configured certificate with its private key (absolute paths); the caller owns it.</summary>
    public X509Certificate2 LoadConfigured(string path, string? keyPath, string? passwordVariable)
    {
        var setting = $"{CertificatePathSetting} '{path}'";
        var password = ReadPassword(passwordVariable);
        var content = ReadFile(setting, path);
        if (keyPath is not null)
        {
            ReadFile($"{section}:PrivateKeyPath '{keyPath}'", keyPath);
        }

        try
        {
            return keyPath is not null || IsPem(content)
                ? LoadPem(setting, path, keyPath, password)
                : X509CertificateLoader.LoadPkcs12(content, password, KeyStorageFlags);
        }
        catch (CryptographicException ex)
        {
            throw Fail($"{setting} could not be opened: wrong password ({section}:PasswordEnvironmentVariable), or not a PKCS#12 or PEM certificate with its key. {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The development certificate at <paramref name="path"/>, made with <paramref name="create"/> on the first start
    /// (owner-only, one writer among concurrent instances). Always what is on disk, also right after creating it: the
    /// file is the single truth across restarts and across instances sharing the content root.
    /// </summary>
    /// <param name="pathSetting">The setting that chooses <paramref name="path"/>, named when it is not writable.</param>
    public (X509Certificate2 Certificate, bool Created) LoadOrCreateDevelopment(string path, string pathSetting, Func<X509Certificate2> create)
    {
        var created = false;
        if (!File.Exists(path))
        {
            using var fresh = create();
            try
            {
                created = OwnerOnlyFile.TryCreate(path, fresh.Export(X509ContentType.Pkcs12));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Fail($"the development certificate could not be written to '{path}' ({ex.Message}); point {pathSetting} to a writable place or set {CertificatePathSetting}.", ex);
            }
        }

        var setting = $"the development certificate '{path}'";
        try
        {
            return (X509CertificateLoader.LoadPkcs12(ReadFile(setting, path), password: null, KeyStorageFlags), created);
        }
        catch (CryptographicException ex)
        {
            throw Fail($"{setting} could not be opened ({ex.Message}); delete it to have a new one created.", ex);
        }
    }

    /// <summary>Public certificates (PEM, possibly several, or DER) from <paramref name="path"/>; the caller owns them.</summary>
    public IEnumerable<X509Certificate2> ReadPublicCertificates(string setting, string path)
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

    /// <summary>Throws unless <paramref name="certificate"/> has its private key.</summary>
    public void CheckPrivateKey(X509Certificate2 certificate, string what, string purpose)
    {
        if (!certificate.HasPrivateKey)
        {
            throw Fail($"{what} has no private key; the hub needs it to {purpose}.");
        }
    }

    /// <summary>Throws unless <paramref name="certificate"/> is valid at <paramref name="now"/>.</summary>
    public void CheckValidNow(X509Certificate2 certificate, string what, DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        if (utc < certificate.NotBefore.ToUniversalTime() || utc > certificate.NotAfter.ToUniversalTime())
        {
            throw Fail($"{what} is not valid now: valid from {certificate.NotBefore.ToUniversalTime():u} to {certificate.NotAfter.ToUniversalTime():u}.");
        }
    }

    public InvalidOperationException Fail(string message, Exception? inner = null) => new($"{component}: {message}", inner);

    private X509Certificate2 LoadPem(string setting, string path, string? keyPath, string? password)
    {
        var keySource = keyPath ?? path;
        if (!File.ReadAllText(keySource).Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw Fail(keyPath is null
                ? $"{setting} is a PEM certificate without a private key; put the key in the same file or set {section}:PrivateKeyPath."
                : $"{section}:PrivateKeyPath '{keyPath}' contains no PEM private key.");
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
            throw Fail($"{setting}: the PEM private key could not be read; an encrypted key needs {section}:PasswordEnvironmentVariable. {ex.Message}", ex);
        }
    }

    private byte[] ReadFile(string setting, string path)
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

    private string? ReadPassword(string? variable)
    {
        if (string.IsNullOrEmpty(variable))
        {
            return null;
        }

        return Environment.GetEnvironmentVariable(variable)
            ?? throw Fail($"{section}:PasswordEnvironmentVariable names '{variable}', which is not set in the hub's environment.");
    }

    private static bool IsPem(ReadOnlySpan<byte> content) => content.IndexOf("-----BEGIN "u8) >= 0;

    // Keys stay in memory only (no per-user key store files); macOS has no ephemeral key sets.
    private static X509KeyStorageFlags KeyStorageFlags =>
        OperatingSystem.IsMacOS() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet;
}
