using System.Security.Cryptography.X509Certificates;
using Lgsp.Hub.Keys;

namespace Lgsp.Hub.Signing;

/// <summary>The self-signed certificate a development or embedded hub signs packets with when none is configured.</summary>
internal static class DevelopmentSigningCertificate
{
    public const string Subject = "CN=LGSP hub development signing, O=LGSP (development only)";
    // RSA-2048, the size the certificates Vietnamese CAs issue to agencies mostly have, so a development hub and its
    // benchmarks pay what production pays: signing costs ~0.3 ms against ~1.9 ms for RSA-3072 (bench/README.md).
    public const int KeySize = 2048;

    public static X509Certificate2 Create(DateTimeOffset now) =>
        DevelopmentCertificates.CreateRsa(Subject, KeySize, X509KeyUsageFlags.DigitalSignature, now);
}
