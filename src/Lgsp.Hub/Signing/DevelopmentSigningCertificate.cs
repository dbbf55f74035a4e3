using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lgsp.Hub.Keys;

namespace Lgsp.Hub.Signing;

/// <summary>The self-signed certificate a development or embedded hub signs packets with when none is configured.</summary>
internal static class DevelopmentSigningCertificate
{
    public const string Subject = "CN=LGSP hub development signing, O=LGSP (development only)";

    /// <summary>
    /// EC P-256: packets are ES256 (JWS) and ecdsa-sha256 (XML-DSig), the default for new installs
    /// (<c>src/Lgsp.Core/Signing/README.md</c>, "Packet keys": an ECDSA signature costs a fraction of an RSA-2048 one).
    /// A development certificate created before (RSA-2048) is kept until its file is deleted.
    /// </summary>
    public static X509Certificate2 Create(DateTimeOffset now) =>
        DevelopmentCertificates.CreateEcdsa(Subject, ECCurve.NamedCurves.nistP256, now);
}
