using System.Security.Cryptography;

namespace Lgsp.Core.Signing;

/// <summary>
/// XML-DSig <c>ecdsa-sha256</c> (RFC 6931 §2.3.6) for <see cref="System.Security.Cryptography.Xml.SignedXml"/>, which
/// knows RSA, DSA and HMAC only: it looks a <c>SignatureMethod</c> up in <see cref="CryptoConfig"/>, so this
/// description is registered there under the URI (<see cref="Register"/>, once per process). The value is r‖s, 32 bytes
/// each on P-256 (RFC 4050 §3.3, IEEE P1363), which is what <see cref="ECDsa.SignHash(byte[])"/> produces and what
/// <c>xmlsec1</c> and Apache Santuario read and write.
/// </summary>
public sealed class EcdsaSha256SignatureDescription : SignatureDescription
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        CryptoConfig.AddAlgorithm(typeof(EcdsaSha256SignatureDescription), SignatureAlgorithms.EcdsaSha256);
        return true;
    });

    public EcdsaSha256SignatureDescription()
    {
        KeyAlgorithm = typeof(ECDsa).AssemblyQualifiedName;
        DigestAlgorithm = typeof(SHA256).AssemblyQualifiedName;
        FormatterAlgorithm = typeof(Formatter).AssemblyQualifiedName;
        DeformatterAlgorithm = typeof(Deformatter).AssemblyQualifiedName;
    }

    /// <summary>Makes <c>ecdsa-sha256</c> known to <c>SignedXml</c> in this process; idempotent and thread-safe.</summary>
    public static void Register() => _ = Registered.Value;

    public override HashAlgorithm CreateDigest() => SHA256.Create();

    public override AsymmetricSignatureFormatter CreateFormatter(AsymmetricAlgorithm key) => new Formatter(Ecdsa(key));

    public override AsymmetricSignatureDeformatter CreateDeformatter(AsymmetricAlgorithm key) => new Deformatter(Ecdsa(key));

    private static ECDsa Ecdsa(AsymmetricAlgorithm key) =>
        key as ECDsa ?? throw new CryptographicException($"ecdsa-sha256 needs an ECDSA key, not {key?.GetType().Name ?? "none"}.");

    private sealed class Formatter(ECDsa key) : AsymmetricSignatureFormatter
    {
        private ECDsa _key = key;

        public override void SetKey(AsymmetricAlgorithm key) => _key = Ecdsa(key);

        public override void SetHashAlgorithm(string strName)
        {
        }

        public override byte[] CreateSignature(byte[] rgbHash) => _key.SignHash(rgbHash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private sealed class Deformatter(ECDsa key) : AsymmetricSignatureDeformatter
    {
        private ECDsa _key = key;

        public override void SetKey(AsymmetricAlgorithm key) => _key = Ecdsa(key);

        public override void SetHashAlgorithm(string strName)
        {
        }

        public override bool VerifySignature(byte[] rgbHash, byte[] rgbSignature) =>
            _key.VerifyHash(rgbHash, rgbSignature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}
