using System.Security.Cryptography.X509Certificates;
using Lgsp.Hub.Keys;

namespace Lgsp.Hub.Signing;

/// <summary>The self-signed certificate a development or embedded hub signs packets with when none is configured.</summary>
internal static class DevelopmentSigningCertificate
{
    public const string Subject = "CN=LGSP hub development signing, O=LGSP (development only)";
    public const int KeySize = 3072;

    public static X509Certificate2 Create(DateTimeOffset now) =>
        DevelopmentCertificates.CreateRsa(Subject, KeySize, X509KeyUsageFlags.DigitalSignature, now);
}
