using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lgsp.Hub.Keys;

/// <summary>
/// Self-signed certificates for a development or embedded hub that has none configured. Each is made once and
/// kept on disk (<see cref="OwnerOnlyFile"/>), so what was signed or encrypted yesterday still verifies today and
/// every instance sharing the content root uses the same key.
/// </summary>
internal static class DevelopmentCertificates
{
    public static readonly TimeSpan Validity = TimeSpan.FromDays(5 * 365);

    public static X509Certificate2 CreateRsa(string subject, int keySize, X509KeyUsageFlags usage, DateTimeOffset now)
    {
        using var rsa = RSA.Create(keySize);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return SelfSign(request, usage, now);
    }

    public static X509Certificate2 CreateEcdsa(string subject, ECCurve curve, DateTimeOffset now)
    {
        using var ec = ECDsa.Create(curve);
        var request = new CertificateRequest(subject, ec, HashAlgorithmName.SHA256);
        return SelfSign(request, X509KeyUsageFlags.DigitalSignature, now);
    }

    private static X509Certificate2 SelfSign(CertificateRequest request, X509KeyUsageFlags usage, DateTimeOffset now)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        // A few minutes back so a verifier whose clock is slightly behind accepts it straight away.
        return request.CreateSelfSigned(now.AddMinutes(-5), now.Add(Validity));
    }
}
