using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace Lgsp.Core.Signing;

/// <summary>
/// <see cref="IPacketSigner"/> backed by an X.509 certificate with an RSA private key of at least 2048 bits.
/// The signer takes ownership of the certificate (and disposes it); the private key is used only inside
/// this class and is never handed out.
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

        using (var rsa = certificate.GetRSAPrivateKey())
        {
            if (rsa is null)
            {
                throw new ArgumentException($"The signing certificate {certificate.Subject} does not have an RSA key.", nameof(certificate));
            }

            if (rsa.KeySize < SignatureAlgorithms.MinimumRsaKeySize)
            {
                throw new ArgumentException(
                    $"The signing certificate {certificate.Subject} has a {rsa.KeySize}-bit RSA key; at least {SignatureAlgorithms.MinimumRsaKeySize} bits are required.",
                    nameof(certificate));
            }
        }

        _certificate = certificate;
        Certificate = X509CertificateLoader.LoadCertificate(certificate.RawData);
        KeyId = SigningKeyId.For(certificate);
        _jwsHeader = DetachedJws.EncodeHeader(SignatureAlgorithms.JwsRs256, KeyId, KeyId);
    }

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

        // A fresh key object per call: RSA instances are not documented as thread-safe, the signer is shared.
        using var key = _certificate.GetRSAPrivateKey()
            ?? throw new CryptographicException("The signing certificate's private key is no longer available.");
        // A packet that is its document's root is signed as the whole document (URI=""), the standard form every
        // verifier resolves without being told which attribute is an ID (xmlsec1, Santuario); the Id stays in the
        // signed content. Only a packet inside a larger document is referenced by its Id.
        var wholeDocument = ReferenceEquals(element, document.DocumentElement);
        var signedXml = new PinnedSignedXml(element, wholeDocument ? null : id) { SigningKey = key };
        signedXml.SignedInfo!.CanonicalizationMethod = SignatureAlgorithms.ExclusiveC14n;
        signedXml.SignedInfo.SignatureMethod = SignatureAlgorithms.RsaSha256;

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

        return Sign(DetachedJws.EncodeHeader(SignatureAlgorithms.JwsRs256, KeyId, KeyId, type), payload);
    }

    private string Sign(string encodedHeader, ReadOnlySpan<byte> payload)
    {
        var input = DetachedJws.SigningInput(encodedHeader, payload);
        using var key = _certificate.GetRSAPrivateKey()
            ?? throw new CryptographicException("The signing certificate's private key is no longer available.");
        var signature = key.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return string.Concat(encodedHeader, "..", Base64Url.EncodeToString(signature));
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _certificate.Dispose();
    }

    private static bool IsSignature(XmlElement e) =>
        e.LocalName == "Signature" && e.NamespaceURI == SignedXml.XmlDsigNamespaceUrl;
}
