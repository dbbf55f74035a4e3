using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Lgsp.Core.Signing;
using Microsoft.Extensions.Options;

namespace Lgsp.Sandbox.Population;

/// <summary>
/// The stand-in's own signature on its answers (the source signs, the hub verifies): the hub's signer over the
/// source's certificate, so the profile is exactly the one the verifier accepts. The certificate is made once and
/// kept at <see cref="PopulationStandInOptions.SigningCertificatePath"/> (owner-only), or held in memory when that is
/// empty; its public part is served at <c>/_sandbox/population/certificate</c> for the hub to pin.
/// </summary>
internal sealed partial class PopulationSigner : IDisposable
{
    public const string Subject = "CN=CSDLQG ve dan cu (sandbox stand-in), O=LGSP sandbox (development only)";

    private readonly X509PacketSigner _signer;

    public PopulationSigner(IOptions<PopulationStandInOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<PopulationSigner> logger)
    {
        var setting = options.Value.SigningCertificatePath;
        X509Certificate2 certificate;
        if (string.IsNullOrWhiteSpace(setting))
        {
            certificate = Create(time.GetUtcNow());
            CertificateInMemory(logger, certificate.Thumbprint);
        }
        else
        {
            var path = Path.GetFullPath(setting, environment.ContentRootPath);
            certificate = LoadOrCreate(path, time.GetUtcNow(), out var created);
            CertificateOnDisk(logger, certificate.Thumbprint, path, created);
        }

        _signer = new X509PacketSigner(certificate);
    }

    /// <summary>The public certificate (owned by the signer).</summary>
    public X509Certificate2 Certificate => _signer.Certificate;

    /// <summary>The public certificate as PEM, for the hub's trust list.</summary>
    public string CertificatePem => _signer.Certificate.ExportCertificatePem();

    /// <summary>Signs <paramref name="element"/> (which carries a unique <c>Id</c>) with an enveloped signature.</summary>
    public void Sign(XmlElement element) => _signer.SignXml(element);

    public void Dispose() => _signer.Dispose();

    private static X509Certificate2 Create(DateTimeOffset now)
    {
        // RSA-2048 like the agency certificates the national database signs with; RSA-3072 made the stand-in's
        // signing, not the hub, the limit of the population benchmark.
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(Subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(5));

        // Through PKCS#12 so the key is usable for signing on every platform (an ephemeral key is not on all).
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>The kept certificate, or a new one written aside and moved into place (a reader never sees half a file).</summary>
    private static X509Certificate2 LoadOrCreate(string path, DateTimeOffset now, out bool created)
    {
        if (File.Exists(path))
        {
            var existing = X509CertificateLoader.LoadPkcs12FromFile(path, null, X509KeyStorageFlags.Exportable);
            if (now > existing.NotBefore.ToUniversalTime() && now < existing.NotAfter.ToUniversalTime())
            {
                created = false;
                return existing;
            }

            // Expired (or not yet valid on this clock): a development certificate is simply replaced.
            existing.Dispose();
            File.Delete(path);
        }

        var certificate = Create(now);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var write = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                write.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, write))
            {
                stream.Write(certificate.Export(X509ContentType.Pkcs12));
            }

            File.Move(temporary, path, overwrite: false);
            created = true;
            return certificate;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another sandbox started at the same moment and wrote its certificate first: use that one.
            certificate.Dispose();
            created = false;
            return X509CertificateLoader.LoadPkcs12FromFile(path, null, X509KeyStorageFlags.Exportable);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Population stand-in signs with an in-memory development certificate {Thumbprint}")]
    private static partial void CertificateInMemory(ILogger logger, string thumbprint);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Population stand-in signs with development certificate {Thumbprint} kept at {Path} (created now: {Created})")]
    private static partial void CertificateOnDisk(ILogger logger, string thumbprint, string path, bool created);
}
