using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lgsp.Core.Signing;

/// <summary>The two kinds of packet key the profile knows (see <c>Signing/README.md</c>, "Packet keys").</summary>
public enum PacketKeyType
{
    /// <summary>An RSA key of at least 2048 bits: JWS <c>RS256</c>, XML-DSig <c>rsa-sha256</c>.</summary>
    Rsa,

    /// <summary>An EC key on NIST P-256 (secp256r1): JWS <c>ES256</c>, XML-DSig <c>ecdsa-sha256</c>.</summary>
    EcP256,
}

/// <summary>Which packet keys are accepted, in one place for the signer, the verifier and the hub's loader.</summary>
public static class PacketKeys
{
    /// <summary>
    /// The packet-key type of <paramref name="certificate"/>'s public key, or <c>null</c> with the reason
    /// (<paramref name="problem"/>, English, for start-up messages) when the key is none the profile accepts:
    /// RSA under 2048 bits, an EC key on another curve, DSA or anything else.
    /// </summary>
    public static PacketKeyType? TypeOf(X509Certificate2 certificate, out string? problem, out bool weak)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        weak = false;
        using (var rsa = certificate.GetRSAPublicKey())
        {
            if (rsa is not null)
            {
                weak = rsa.KeySize < SignatureAlgorithms.MinimumRsaKeySize;
                problem = weak ? $"an RSA-{rsa.KeySize} key; at least {SignatureAlgorithms.MinimumRsaKeySize} bits are required" : null;
                return weak ? null : PacketKeyType.Rsa;
            }
        }

        using (var ec = certificate.GetECDsaPublicKey())
        {
            if (ec is not null)
            {
                if (IsP256(ec))
                {
                    problem = null;
                    return PacketKeyType.EcP256;
                }

                weak = ec.KeySize < 256;
                problem = $"an EC key on a curve other than P-256 ({ec.KeySize} bits); packet keys are RSA-2048+ or EC P-256";
                return null;
            }
        }

        problem = $"neither an RSA nor an EC P-256 key ({certificate.PublicKey.Oid.FriendlyName ?? certificate.PublicKey.Oid.Value})";
        return null;
    }

    /// <summary>The JWS <c>alg</c> a key of this type signs with.</summary>
    public static string JwsAlgorithm(PacketKeyType type) => type == PacketKeyType.EcP256 ? SignatureAlgorithms.JwsEs256 : SignatureAlgorithms.JwsRs256;

    /// <summary>The XML-DSig <c>SignatureMethod</c> a key of this type signs with.</summary>
    public static string XmlSignatureMethod(PacketKeyType type) => type == PacketKeyType.EcP256 ? SignatureAlgorithms.EcdsaSha256 : SignatureAlgorithms.RsaSha256;

    private static bool IsP256(ECDsa key)
    {
        if (key.KeySize != 256)
        {
            return false;
        }

        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        return curve.IsNamed && (curve.Oid.Value == ECCurve.NamedCurves.nistP256.Oid.Value
            || string.Equals(curve.Oid.FriendlyName, ECCurve.NamedCurves.nistP256.Oid.FriendlyName, StringComparison.OrdinalIgnoreCase));
    }
}
