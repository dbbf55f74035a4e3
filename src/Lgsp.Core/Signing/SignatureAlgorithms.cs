using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Security.Cryptography.Xml;

namespace Lgsp.Core.Signing;

internal enum AlgorithmVerdict
{
    Accepted,
    Weak,
    Unsupported,
}

/// <summary>
/// The algorithm policy in one place: what the hub produces, what it accepts, and what it calls weak
/// (<c>client.signature_weak_algorithm</c>) rather than merely unsupported (<c>client.signature_invalid</c>).
/// </summary>
internal static class SignatureAlgorithms
{
    public const int MinimumRsaKeySize = 2048;

    public const string ExclusiveC14n = SignedXml.XmlDsigExcC14NTransformUrl;
    public const string EnvelopedSignature = SignedXml.XmlDsigEnvelopedSignatureTransformUrl;
    public const string RsaSha256 = SignedXml.XmlDsigRSASHA256Url;
    public const string Sha256 = SignedXml.XmlDsigSHA256Url;

    /// <summary>ECDSA with SHA-256 in XML-DSig (RFC 6931 §2.3.6); the signature value is r‖s (RFC 4050), 64 bytes on P-256.</summary>
    public const string EcdsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";

    /// <summary>The JWS algorithm the hub signs with under an RSA key.</summary>
    public const string JwsRs256 = "RS256";

    /// <summary>The JWS algorithm the hub signs with under an EC P-256 key (RFC 7518 §3.4).</summary>
    public const string JwsEs256 = "ES256";

    private static readonly FrozenSet<string> XmlSignatureMethods = FrozenSet.ToFrozenSet(
        [SignedXml.XmlDsigRSASHA256Url, SignedXml.XmlDsigRSASHA384Url, SignedXml.XmlDsigRSASHA512Url, EcdsaSha256], StringComparer.Ordinal);

    private static readonly FrozenSet<string> XmlDigestMethods = FrozenSet.ToFrozenSet(
        [SignedXml.XmlDsigSHA256Url, SignedXml.XmlDsigSHA384Url, SignedXml.XmlDsigSHA512Url], StringComparer.Ordinal);

    // Substrings that mark a W3C algorithm identifier as weak: SHA-1 and MD5 digests (rsa-sha1, dsa-sha1, #sha1,
    // rsa-md5), RIPEMD-160, and HMAC of any strength (a shared secret proves nothing about who signed).
    private static readonly string[] WeakXmlMarkers = ["sha1", "md5", "ripemd", "hmac"];

    private static readonly FrozenDictionary<string, (HashAlgorithmName Hash, RSASignaturePadding Padding)> JwsAlgorithms =
        new Dictionary<string, (HashAlgorithmName, RSASignaturePadding)>(StringComparer.Ordinal)
        {
            ["RS256"] = (HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ["RS384"] = (HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
            ["RS512"] = (HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1),
            ["PS256"] = (HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            ["PS384"] = (HashAlgorithmName.SHA384, RSASignaturePadding.Pss),
            ["PS512"] = (HashAlgorithmName.SHA512, RSASignaturePadding.Pss),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    public static AlgorithmVerdict ClassifyXmlSignatureMethod(string? uri) => ClassifyXml(uri, XmlSignatureMethods);

    public static AlgorithmVerdict ClassifyXmlDigestMethod(string? uri) => ClassifyXml(uri, XmlDigestMethods);

    /// <summary>
    /// A JWS <c>alg</c>: RSA ones give their hash and padding, ES256 gives SHA-256 and a null padding (an EC P-256 key).
    /// </summary>
    public static AlgorithmVerdict ClassifyJws(string alg, out HashAlgorithmName hash, out RSASignaturePadding? padding)
    {
        if (JwsAlgorithms.TryGetValue(alg, out var found))
        {
            (hash, padding) = found;
            return AlgorithmVerdict.Accepted;
        }

        padding = null;
        if (string.Equals(alg, JwsEs256, StringComparison.Ordinal))
        {
            hash = HashAlgorithmName.SHA256;
            return AlgorithmVerdict.Accepted;
        }

        hash = default;

        // "none" in any spelling, HMAC (HS256/384/512: a shared secret, and the classic RSA-key-as-HMAC-secret
        // confusion), and RS1 (RSASSA-PKCS1-v1_5 with SHA-1).
        var weak = alg.Equals("none", StringComparison.OrdinalIgnoreCase)
            || alg.StartsWith("HS", StringComparison.OrdinalIgnoreCase)
            || alg.Equals("RS1", StringComparison.OrdinalIgnoreCase);
        return weak ? AlgorithmVerdict.Weak : AlgorithmVerdict.Unsupported;
    }

    private static AlgorithmVerdict ClassifyXml(string? uri, FrozenSet<string> accepted)
    {
        if (string.IsNullOrEmpty(uri))
        {
            return AlgorithmVerdict.Unsupported;
        }

        if (accepted.Contains(uri))
        {
            return AlgorithmVerdict.Accepted;
        }

        return WeakXmlMarkers.Any(m => uri.Contains(m, StringComparison.OrdinalIgnoreCase))
            ? AlgorithmVerdict.Weak
            : AlgorithmVerdict.Unsupported;
    }
}
