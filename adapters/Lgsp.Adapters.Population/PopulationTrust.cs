using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Lgsp.Core.Errors;
using Lgsp.Core.Signing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.Population;

/// <summary>
/// The verifier of the source's answers, pinned to the certificate(s) in
/// <see cref="PopulationOptions.TrustedCertificatePath"/> and nothing else. The file is read when first needed and
/// again when it changes (path, time or size), so a certificate rollover needs no restart and the sandbox's
/// certificate can be fetched after the hub started. A file that cannot be used is the hub's misconfiguration
/// (<c>hub.internal</c> naming the key and the file): no answer is accepted without pinned trust.
/// </summary>
internal sealed partial class PopulationTrust(IOptionsMonitor<PopulationOptions> options, TimeProvider time, ILogger<PopulationTrust> logger) : IDisposable
{
    private const string Key = PopulationOptions.SectionName + ":TrustedCertificatePath";
    private const int MaxFileBytes = 1024 * 1024;

    private readonly Lock _lock = new();

    // Replaced verifiers are kept until disposal: a lookup in flight may still be using one.
    private readonly List<PacketSignatureVerifier> _retired = [];
    private Loaded? _current;

    public PacketSignatureVerifier Verifier()
    {
        var path = Path.GetFullPath(options.CurrentValue.TrustedCertificatePath
            ?? throw new LgspException(ErrorCatalogue.Internal, new($"Chưa đặt {Key}.", $"{Key} is not set.")));
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw Unusable(path, "tệp không tồn tại", "the file does not exist");
        }

        var stamp = (path, file.LastWriteTimeUtc, file.Length);
        lock (_lock)
        {
            if (_current is { } current && current.Stamp == stamp)
            {
                return current.Verifier;
            }

            var verifier = Load(path);
            if (_current is { } previous)
            {
                _retired.Add(previous.Verifier);
            }

            _current = new Loaded(stamp, verifier);
            foreach (var certificate in verifier.TrustedCertificates)
            {
                Pinned(logger, certificate.Thumbprint, certificate.NotAfter.ToUniversalTime(), path);
            }

            return verifier;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _current?.Verifier.Dispose();
            _retired.ForEach(v => v.Dispose());
        }
    }

    private PacketSignatureVerifier Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unusable(path, "không đọc được tệp", "the file cannot be read", ex);
        }

        if (bytes.Length > MaxFileBytes)
        {
            throw Unusable(path, "tệp lớn hơn 1 MiB", "the file is larger than 1 MiB");
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            var text = Encoding.ASCII.GetString(bytes);
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                certificates.ImportFromPem(text);
            }
            else
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(bytes));
            }

            if (certificates.Count == 0)
            {
                throw Unusable(path, "tệp không chứa chứng thư nào", "it holds no certificate");
            }

            return new PacketSignatureVerifier(certificates, time);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw Unusable(path, "tệp không phải chứng thư PEM hoặc DER có khóa RSA tối thiểu 2048 bit", "it is not a PEM or DER certificate with an RSA key of at least 2048 bits", ex);
        }
        finally
        {
            // The verifier keeps its own copies.
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    private static LgspException Unusable(string path, string whyVi, string why, Exception? inner = null) =>
        new(ErrorCatalogue.Internal, new($"Không dùng được {Key} '{path}': {whyVi}.", $"{Key} '{path}' cannot be used: {why}."), inner: inner);

    private sealed record Loaded((string Path, DateTime Written, long Length) Stamp, PacketSignatureVerifier Verifier);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Information, Message = "Population answers are verified against pinned certificate {Thumbprint} (valid until {NotAfter:u}) from {Path}")]
    private static partial void Pinned(ILogger logger, string thumbprint, DateTime notAfter, string path);
}
