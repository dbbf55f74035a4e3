using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lgsp.Core.Signing;

/// <summary>
/// How a signing certificate is named on the wire: BASE64URL(SHA-256(DER certificate)), which is also the
/// RFC 7515 <c>x5t#S256</c> value. The JWS <c>kid</c> is the same string, so a published JWKS and a trust list
/// agree on names without a registry of their own.
/// </summary>
public static class SigningKeyId
{
    public static string For(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Base64Url.EncodeToString(certificate.GetCertHash(HashAlgorithmName.SHA256));
    }
}
