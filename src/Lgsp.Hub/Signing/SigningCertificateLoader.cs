using System.Security.Cryptography.X509Certificates;
using Lgsp.Core.Signing;
using Lgsp.Hub.Keys;
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
    private readonly CertificateFiles _files = new("Signing", SigningOptions.SectionName);

    /// <summary>The hub's certificate with its private key; the caller owns it (it goes straight into the signer).</summary>
    public X509Certificate2 LoadHubCertificate()
    {
        var settings = options.Value;
        var (certificate, source, path) = string.IsNullOrWhiteSpace(settings.CertificatePath)
            ? LoadDevelopment(settings)
            : LoadConfigured(settings);
        try
        {
            var what = source == SigningCertificateSource.Configured
                ? $"Signing:CertificatePath '{path}'"
                : $"the development certificate '{path}' (delete the file to have a new one created)";
            _files.CheckPrivateKey(certificate, what, "sign");
            CheckPacketKey(certificate, what);
            _files.CheckValidNow(certificate, what, time.GetUtcNow());
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
    public IReadOnlyList<X509Certificate2> LoadTrustedCertificates() =>
        LoadPublicCertificates("TrustedCertificatePaths", options.Value.TrustedCertificatePaths);

    /// <summary>The certificates of Signing:RolloverCertificatePaths (public parts), the hub's other keys during a rollover; the caller owns them.</summary>
    public IReadOnlyList<X509Certificate2> LoadRolloverCertificates() =>
        LoadPublicCertificates("RolloverCertificatePaths", options.Value.RolloverCertificatePaths);

    private List<X509Certificate2> LoadPublicCertificates(string key, IList<string> paths)
    {
        var trusted = new List<X509Certificate2>();
        try
        {
            for (var i = 0; i < paths.Count; i++)
            {
                var setting = $"Signing:{key}:{i}";
                var path = Resolve(paths[i]);
                foreach (var certificate in _files.ReadPublicCertificates(setting, path))
                {
                    trusted.Add(certificate);
                    CheckPacketKey(certificate, $"{setting} '{path}' ({certificate.Subject})");
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
        var keyPath = string.IsNullOrWhiteSpace(settings.PrivateKeyPath) ? null : Resolve(settings.PrivateKeyPath);
        return (_files.LoadConfigured(path, keyPath, settings.PasswordEnvironmentVariable), SigningCertificateSource.Configured, path);
    }

    private (X509Certificate2, SigningCertificateSource, string) LoadDevelopment(SigningOptions settings)
    {
        var path = Resolve(settings.DevelopmentCertificatePath);
        if (Lgsp.Hub.Identity.IdentityMode.IsProduction(environment, storage.Value))
        {
            throw _files.Fail(
                $"Signing:CertificatePath is not set. A production hub (storage {storage.Value.Provider}, environment '{environment.EnvironmentName}') " +
                "signs only with a configured certificate: set Signing:CertificatePath to a PFX (password in the environment variable named by " +
                "Signing:PasswordEnvironmentVariable) or to a PEM certificate with Signing:PrivateKeyPath.");
        }

        var (certificate, created) = _files.LoadOrCreateDevelopment(path, "Signing:DevelopmentCertificatePath",
            () => DevelopmentSigningCertificate.Create(time.GetUtcNow()));
        if (created)
        {
            LogDevelopmentCertificateCreated(logger, certificate.Thumbprint, path);
        }

        return (certificate, created ? SigningCertificateSource.DevelopmentCreated : SigningCertificateSource.DevelopmentExisting, path);
    }

    private void CheckPacketKey(X509Certificate2 certificate, string what)
    {
        if (PacketKeys.TypeOf(certificate, out var problem, out _) is null)
        {
            throw _files.Fail($"{what} has {problem}.");
        }
    }

    private string Resolve(string path) => Path.GetFullPath(path, environment.ContentRootPath);

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
