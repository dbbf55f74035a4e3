using System.Buffers.Text;
using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text.Json;
using System.Xml;
using Lgsp.Core.Errors;
using Lgsp.Core.Xml;

namespace Lgsp.Core.Signing;

/// <summary>
/// Verifies packet signatures against a trust list of pinned certificates. Every rejection is an
/// <see cref="LgspException"/> with one of the catalogue codes:
/// <list type="bullet">
/// <item><c>client.signature_missing</c>: nothing signed at all.</item>
/// <item><c>client.signature_reference_mismatch</c>: what is signed is not (only) the element being processed
/// (signature wrapping, duplicate or foreign Ids, other references or transforms).</item>
/// <item><c>client.signature_weak_algorithm</c>: SHA-1, MD5, HMAC, JWS <c>none</c>/<c>HS*</c>/<c>RS1</c>, RSA under 2048 bits, EC under 256 bits.</item>
/// <item><c>client.signature_untrusted</c>: the certificate is not on the trust list, or not valid now.</item>
/// <item><c>client.signature_invalid</c>: malformed, unsupported, or cryptographically wrong (tampering, wrong key).</item>
/// </list>
/// Checks run from the cheapest and most structural to the cryptographic, and no cryptography is ever run
/// with a key that is not on the trust list.
/// </summary>
public sealed partial class PacketSignatureVerifier : IDisposable
{
    private const string Ds = SignedXml.XmlDsigNamespaceUrl;

    private readonly FrozenDictionary<string, X509Certificate2> _trusted;
    private readonly TimeProvider _time;
    private readonly PacketSignatureVerifierOptions _options;

    /// <param name="trustedCertificates">Certificates whose signatures are accepted (copied, public part only).
    /// Each must hold a packet key: RSA of at least 2048 bits or EC P-256 (<see cref="PacketKeys"/>).</param>
    /// <param name="timeProvider">The clock against which certificate validity is checked.</param>
    /// <param name="options">Departures from the profile; <see cref="PacketSignatureVerifierOptions.Default"/> when null.</param>
    public PacketSignatureVerifier(IEnumerable<X509Certificate2> trustedCertificates, TimeProvider timeProvider, PacketSignatureVerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trustedCertificates);
        ArgumentNullException.ThrowIfNull(timeProvider);
        EcdsaSha256SignatureDescription.Register();
        _time = timeProvider;
        _options = options ?? PacketSignatureVerifierOptions.Default;

        var trusted = new Dictionary<string, X509Certificate2>(StringComparer.Ordinal);
        foreach (var certificate in trustedCertificates)
        {
            ArgumentNullException.ThrowIfNull(certificate, nameof(trustedCertificates));
            if (PacketKeys.TypeOf(certificate, out var problem, out _) is null)
            {
                throw new ArgumentException(
                    $"Trusted certificate {certificate.Subject} ({certificate.Thumbprint}) has {problem}.", nameof(trustedCertificates));
            }

            var id = SigningKeyId.For(certificate);
            if (!trusted.ContainsKey(id))
            {
                trusted[id] = X509CertificateLoader.LoadCertificate(certificate.RawData);
            }
        }

        _trusted = trusted.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The trust list (public certificates, owned by the verifier).</summary>
    public IReadOnlyCollection<X509Certificate2> TrustedCertificates => _trusted.Values;

    /// <summary>
    /// Parses <paramref name="xml"/> with <see cref="SafeXml"/> (no DTD, no entities, size and depth limits:
    /// <c>client.unsafe_xml</c>; malformed: <c>client.invalid_packet</c>) and verifies its root element.
    /// </summary>
    public VerifiedXml VerifyXmlDocument(string xml, SafeXmlLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var document = SafeXml.LoadDocument(xml, limits);
        var root = document.DocumentElement
            ?? throw new LgspException(ErrorCatalogue.InvalidPacket, new("Tài liệu XML không có phần tử gốc.", "The XML document has no root element."));
        return new VerifiedXml(root, VerifyXml(root));
    }

    /// <summary>
    /// Verifies the enveloped signature of <paramref name="elementToProcess"/>, the element the caller is about
    /// to read: its one <c>ds:Signature</c> must be a direct child, whose single Reference is <c>URI=""</c> (the
    /// whole document) when the element is the document's root, the only signature in the document, or
    /// <c>#Id</c> of this very element when it sits inside a larger document (the Id unique in the document under
    /// any Id-like attribute name), with exactly the enveloped-signature and exclusive c14n transforms and no
    /// comment in what is signed. Returns the signer's trust-list certificate (owned by the verifier: do not dispose).
    /// </summary>
    public X509Certificate2 VerifyXml(XmlElement elementToProcess)
    {
        ArgumentNullException.ThrowIfNull(elementToProcess);
        if (!XmlIds.IsAttached(elementToProcess))
        {
            throw new ArgumentException("The element to verify must be part of its document.", nameof(elementToProcess));
        }

        var document = elementToProcess.OwnerDocument;
        var signature = FindEnvelopedSignature(elementToProcess, document);
        var id = CheckReference(elementToProcess, document, signature);
        var presented = ReadKeyInfoCertificate(signature);
        using (presented)
        {
            CheckKeySize(presented);
            var trusted = FindTrusted(SigningKeyId.For(presented));

            var signedXml = new PinnedSignedXml(elementToProcess, id);
            bool valid;
            try
            {
                signedXml.LoadXml(signature);
                valid = signedXml.CheckSignature(trusted, verifySignatureOnly: true);
            }
            catch (Exception ex) when (ex is CryptographicException or FormatException or XmlException)
            {
                // Malformed base64 in DigestValue/SignatureValue surfaces as FormatException from SignedXml.
                throw Fail(ErrorCatalogue.SignatureInvalid, new("Không xử lý được chữ ký XML.", "The XML signature could not be processed."), ex);
            }

            if (!valid)
            {
                throw Fail(ErrorCatalogue.SignatureInvalid, new("Chữ ký XML không khớp với nội dung được ký hoặc khóa của người ký.", "The XML signature does not match the signed content or the signer's key."));
            }

            return trusted;
        }
    }

    public void Dispose()
    {
        foreach (var certificate in _trusted.Values)
        {
            certificate.Dispose();
        }
    }

    // ---- XML ----

    private static void CheckAlgorithm(AlgorithmVerdict verdict, string whatVi, string what, string uri)
    {
        switch (verdict)
        {
            case AlgorithmVerdict.Weak:
                throw Fail(ErrorCatalogue.SignatureWeakAlgorithm, new($"{whatVi} '{uri}' không được chấp nhận.", $"The {what} '{uri}' is not accepted."));
            case AlgorithmVerdict.Unsupported:
                throw Fail(ErrorCatalogue.SignatureInvalid, new($"{whatVi} '{uri}' không được hỗ trợ.", $"The {what} '{uri}' is not supported."));
        }
    }

    /// <summary>The signing certificate as presented in KeyInfo/X509Data: a hint to find it on the trust list, no more.</summary>
    private static X509Certificate2 ReadKeyInfoCertificate(XmlElement signature)
    {
        var keyInfo = Single(signature, "KeyInfo");
        var certificates = Children(keyInfo, "X509Data").SelectMany(d => Children(d, "X509Certificate")).ToList();
        if (certificates.Count != 1)
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new("KeyInfo phải chứa đúng chứng thư ký (một X509Data/X509Certificate).", "KeyInfo must carry exactly the signing certificate (one X509Data/X509Certificate)."));
        }

        try
        {
            return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certificates[0].InnerText));
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new("Không đọc được chứng thư trong KeyInfo.", "The certificate in KeyInfo cannot be read."), ex);
        }
    }

    private static void CheckKeySize(X509Certificate2 certificate)
    {
        PacketKeyType? type;
        string? problem;
        bool weak;
        try
        {
            type = PacketKeys.TypeOf(certificate, out problem, out weak);
        }
        catch (CryptographicException ex)
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new("Không đọc được khóa công khai của chứng thư trong KeyInfo.", "The public key of the certificate in KeyInfo cannot be read."), ex);
        }

        // A key of another kind that is not weak (an EC P-384 key, say) is simply not on the trust list, which only
        // holds packet keys: FindTrusted refuses it next, as untrusted.
        if (type is null && weak)
        {
            throw Fail(ErrorCatalogue.SignatureWeakAlgorithm,
                new($"Khóa ký quá yếu; cần RSA tối thiểu {SignatureAlgorithms.MinimumRsaKeySize} bit hoặc EC P-256.", $"The signing key is too weak: {problem}."));
        }
    }

    private static XmlElement Single(XmlElement parent, string localName)
    {
        var found = Children(parent, localName).ToList();
        return found.Count == 1
            ? found[0]
            : throw Fail(ErrorCatalogue.SignatureInvalid, new($"ds:{parent.LocalName} phải chứa đúng một ds:{localName}, có {found.Count}.", $"ds:{parent.LocalName} must contain exactly one ds:{localName}, found {found.Count}."));
    }

    private static IEnumerable<XmlElement> Children(XmlElement parent, string localName) =>
        parent.ChildNodes.OfType<XmlElement>().Where(e => Is(e, localName));

    private static bool Is(XmlElement e, string localName) =>
        e.LocalName == localName && e.NamespaceURI == Ds;

    // ---- trust ----

    private X509Certificate2 FindTrusted(string keyId)
    {
        if (!_trusted.TryGetValue(keyId, out var certificate))
        {
            throw Fail(ErrorCatalogue.SignatureUntrusted, new("Chứng thư ký không có trong danh sách tin cậy.", "The signing certificate is not on the trust list."));
        }

        var now = _time.GetUtcNow().UtcDateTime;
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            throw Fail(ErrorCatalogue.SignatureUntrusted,
                new($"Chứng thư ký {certificate.Thumbprint} hiện không còn hiệu lực (hiệu lực từ {certificate.NotBefore.ToUniversalTime():u} đến {certificate.NotAfter.ToUniversalTime():u}).", $"The signing certificate {certificate.Thumbprint} is not valid now (valid {certificate.NotBefore.ToUniversalTime():u} to {certificate.NotAfter.ToUniversalTime():u})."));
        }

        return certificate;
    }

    private static LgspException Fail(ErrorDescriptor error, LocalizedText detail, Exception? inner = null) =>
        new(error, detail, inner: inner);
}
