using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace Lgsp.Core.Signing;

/// <summary>
/// <see cref="IPacketSigner"/> backed by an X.509 certificate with a packet key (<see cref="PacketKeys"/>): RSA of at
/// least 2048 bits (RS256, rsa-sha256) or EC P-256 (ES256, ecdsa-sha256). The signer takes ownership of the
/// certificate (and disposes it); the private key is used only inside this class and is never handed out.
/// </summary>
public sealed class X509PacketSigner : IPacketSigner, IDisposable
{
    private readonly X509Certificate2 _certificate;
    private readonly string _jwsHeader;

    public X509PacketSigner(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException($"The signing certificate {certificate.Subject} has no private key.", nameof(certificate));
        }

        KeyType = PacketKeys.TypeOf(certificate, out var problem, out _)
            ?? throw new ArgumentException($"The signing certificate {certificate.Subject} has {problem}.", nameof(certificate));
        if (KeyType == PacketKeyType.EcP256)
        {
            EcdsaSha256SignatureDescription.Register();
        }

        _certificate = certificate;
        Certificate = X509CertificateLoader.LoadCertificate(certificate.RawData);
        KeyId = SigningKeyId.For(certificate);
        JwsAlgorithm = PacketKeys.JwsAlgorithm(KeyType);
        _jwsHeader = DetachedJws.EncodeHeader(JwsAlgorithm, KeyId, KeyId);
    }

    /// <summary>RSA or EC P-256: decides the JWS <c>alg</c> and the XML <c>SignatureMethod</c>.</summary>
    public PacketKeyType KeyType { get; }

    /// <summary>The JWS <c>alg</c> of every signature this signer makes (<c>RS256</c> or <c>ES256</c>).</summary>
    public string JwsAlgorithm { get; }

    public X509Certificate2 Certificate { get; }

    public string KeyId { get; }

    public XmlElement SignXml(XmlElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var document = element.OwnerDocument;
        var id = element.GetAttribute("Id");
        if (!XmlIds.IsNcName(id))
        {
            throw new ArgumentException("The element to sign needs an Id attribute whose value is an XML name (NCName).", nameof(element));
        }

        if (!XmlIds.IsAttached(element))
        {
            throw new ArgumentException("The element to sign must be part of its document.", nameof(element));
        }

        // The verifier rejects both, so refuse to produce them.
        if (XmlIds.CountCarriers(document, id) != 1)
        {
            throw new ArgumentException($"The Id '{id}' is carried by more than one element of the document.", nameof(element));
        }

        if (element.ChildNodes.OfType<XmlElement>().Any(IsSignature))
        {
            throw new ArgumentException("The element is already signed.", nameof(element));
        }

        // Comments are never covered by a signature (XML-DSig removes them from what is digested), so a signed packet
        // holds none; the verifier refuses one that does.
        if (XmlIds.HasComment(ReferenceEquals(element, document.DocumentElement) ? document : element))
        {
            throw new ArgumentException("The content to sign holds comments, which a signature does not cover.", nameof(element));
        }

        // Signed as a whole, the document may hold no other signature: a verifier that takes the first one it finds
        // (xmlsec1 does) would check that one instead, and the hub's verifier refuses such a document.
        if (ReferenceEquals(element, document.DocumentElement) && document.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl).Count > 0)
        {
            throw new ArgumentException("A document signed as a whole carries exactly one signature, and this one already has one.", nameof(element));
        }

        // A fresh key object per call: RSA and ECDsa instances are not documented as thread-safe, the signer is shared.
        using var key = PrivateKey();
        // A packet that is its document's root is signed as the whole document (URI=""), the standard form every
        // verifier resolves without being told which attribute is an ID (xmlsec1, Santuario); the Id stays in the
        // signed content. Only a packet inside a larger document is referenced by its Id.
        var wholeDocument = ReferenceEquals(element, document.DocumentElement);
        var signedXml = new PinnedSignedXml(element, wholeDocument ? null : id) { SigningKey = key };
        signedXml.SignedInfo!.CanonicalizationMethod = SignatureAlgorithms.ExclusiveC14n;
        signedXml.SignedInfo.SignatureMethod = PacketKeys.XmlSignatureMethod(KeyType);

        var reference = new Reference(wholeDocument ? XmlIds.WholeDocument : "#" + id) { DigestMethod = SignatureAlgorithms.Sha256 };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signedXml.AddReference(reference);

        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoX509Data(Certificate));
        signedXml.KeyInfo = keyInfo;

        signedXml.ComputeSignature();
        var signature = document.ImportNode(signedXml.GetXml(), deep: true);
        return (XmlElement)element.AppendChild(signature)!;
    }

    public string SignDetachedJws(ReadOnlySpan<byte> payload) => Sign(_jwsHeader, payload);

    public string SignDetachedJws(ReadOnlySpan<byte> payload, string type)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            throw new ArgumentException("A document's signature names its type.", nameof(type));
        }

        return Sign(DetachedJws.EncodeHeader(JwsAlgorithm, KeyId, KeyId, type), payload);
    }

    private string Sign(string encodedHeader, ReadOnlySpan<byte> payload)
    {
        var input = DetachedJws.SigningInput(encodedHeader, payload);
        using var key = PrivateKey();
        // RFC 7518 §3.4: an ES256 signature is r‖s (64 bytes), not DER, which is .NET's default for ECDsa.SignData.
        var signature = key is ECDsa ec
            ? ec.SignData(input, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            : ((RSA)key).SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return string.Concat(encodedHeader, "..", Base64Url.EncodeToString(signature));
    }

    private AsymmetricAlgorithm PrivateKey() =>
        (KeyType == PacketKeyType.EcP256 ? _certificate.GetECDsaPrivateKey() : (AsymmetricAlgorithm?)_certificate.GetRSAPrivateKey())
            ?? throw new CryptographicException("The signing certificate's private key is no longer available.");

    public void Dispose()
    {
        Certificate.Dispose();
        _certificate.Dispose();
    }

    private static bool IsSignature(XmlElement e) =>
        e.LocalName == "Signature" && e.NamespaceURI == SignedXml.XmlDsigNamespaceUrl;
}
