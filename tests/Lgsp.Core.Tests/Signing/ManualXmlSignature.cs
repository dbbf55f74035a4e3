using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace Lgsp.Core.Tests.Signing;

/// <summary>
/// Enveloped signatures built with stock <see cref="SignedXml"/>, so a test can choose every part the hub's signer
/// fixes (algorithms, key, references, transforms) and show the verifier refuses what it must.
/// </summary>
internal static class ManualXmlSignature
{
    public static XmlElement Sign(
        XmlElement element,
        AsymmetricAlgorithm? key,
        X509Certificate2 keyInfoCertificate,
        string signatureMethod = SignedXml.XmlDsigRSASHA256Url,
        string digestMethod = SignedXml.XmlDsigSHA256Url,
        string? referenceUri = null,
        Action<Reference>? configureReference = null,
        Action<SignedXml>? configure = null,
        KeyedHashAlgorithm? hmac = null)
    {
        var signedXml = new SignedXml(element) { SigningKey = key };
        signedXml.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        if (hmac is null)
        {
            signedXml.SignedInfo.SignatureMethod = signatureMethod;
        }

        // By default the profile's form: the whole document for its root, the Id for an element inside it.
        var profileUri = ReferenceEquals(element, element.OwnerDocument.DocumentElement) ? "" : "#" + element.GetAttribute("Id");
        var reference = new Reference(referenceUri ?? profileUri) { DigestMethod = digestMethod };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        configureReference?.Invoke(reference);
        signedXml.AddReference(reference);
        configure?.Invoke(signedXml);

        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoX509Data(keyInfoCertificate));
        signedXml.KeyInfo = keyInfo;

        if (hmac is null)
        {
            signedXml.ComputeSignature();
        }
        else
        {
            signedXml.ComputeSignature(hmac);
        }

        return (XmlElement)element.AppendChild(element.OwnerDocument.ImportNode(signedXml.GetXml(), deep: true))!;
    }
}
