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
/// <item><c>client.signature_weak_algorithm</c>: SHA-1, MD5, HMAC, JWS <c>none</c>/<c>HS*</c>/<c>RS1</c>, RSA under 2048 bits.</item>
/// <item><c>client.signature_untrusted</c>: the certificate is not on the trust list, or not valid now.</item>
/// <item><c>client.signature_invalid</c>: malformed, unsupported, or cryptographically wrong (tampering, wrong key).</item>
/// </list>
/// Checks run from the cheapest and most structural to the cryptographic, and no cryptography is ever run
/// with a key that is not on the trust list.
/// </summary>
public sealed class PacketSignatureVerifier : IDisposable
{
    private const string Ds = SignedXml.XmlDsigNamespaceUrl;

    private readonly FrozenDictionary<string, X509Certificate2> _trusted;
    private readonly TimeProvider _time;
    private readonly PacketSignatureVerifierOptions _options;

    /// <param name="trustedCertificates">Certificates whose signatures are accepted (copied, public part only).
    /// Each must hold an RSA key of at least 2048 bits.</param>
    /// <param name="timeProvider">The clock against which certificate validity is checked.</param>
    /// <param name="options">Departures from the profile; <see cref="PacketSignatureVerifierOptions.Default"/> when null.</param>
    public PacketSignatureVerifier(IEnumerable<X509Certificate2> trustedCertificates, TimeProvider timeProvider, PacketSignatureVerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trustedCertificates);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        _options = options ?? PacketSignatureVerifierOptions.Default;

        var trusted = new Dictionary<string, X509Certificate2>(StringComparer.Ordinal);
        foreach (var certificate in trustedCertificates)
        {
            ArgumentNullException.ThrowIfNull(certificate, nameof(trustedCertificates));
            using (var rsa = certificate.GetRSAPublicKey())
            {
                if (rsa is null || rsa.KeySize < SignatureAlgorithms.MinimumRsaKeySize)
                {
                    throw new ArgumentException(
                        $"Trusted certificate {certificate.Subject} ({certificate.Thumbprint}) must have an RSA key of at least {SignatureAlgorithms.MinimumRsaKeySize} bits.",
                        nameof(trustedCertificates));
                }
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

    /// <summary>
    /// Verifies a detached JWS (RFC 7515 Appendix F: <c>header..signature</c>) over exactly <paramref name="payload"/>.
    /// The key is found on the trust list by <c>x5t#S256</c> or <c>kid</c> (<see cref="SigningKeyId"/>); a key
    /// carried in the header itself is never used. Returns the signer's trust-list certificate.
    /// </summary>
    public X509Certificate2 VerifyDetachedJws(string jws, ReadOnlySpan<byte> payload) => VerifyDetachedJws(jws, payload, expectedType: null);

    /// <summary>
    /// Verifies a detached JWS over a document of the kind <paramref name="expectedType"/> names (the header's
    /// <c>typ</c>, as <see cref="IPacketSigner.SignDetachedJws(ReadOnlySpan{byte}, string)"/> writes it); <c>null</c>
    /// = a packet, whose header carries no <c>typ</c>. A signature made for another kind is
    /// <c>client.signature_invalid</c>.
    /// </summary>
    public X509Certificate2 VerifyDetachedJws(string jws, ReadOnlySpan<byte> payload, string? expectedType)
    {
        if (string.IsNullOrEmpty(jws))
        {
            throw Fail(ErrorCatalogue.SignatureMissing, new("Không có chữ ký JWS.", "No JWS was supplied."));
        }

        if (jws.Length > DetachedJws.MaxLength)
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new($"Chữ ký JWS dài quá {DetachedJws.MaxLength} ký tự.", $"The JWS is longer than {DetachedJws.MaxLength} characters."));
        }

        var parts = jws.Split('.');
        if (parts.Length != 3)
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new("Chữ ký JWS dạng rút gọn phải có đúng ba phần.", "A JWS in compact form has exactly three parts."));
        }

        if (parts[1].Length != 0)
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new("Chữ ký JWS phải ở dạng tách rời: phần payload phải để trống.", "The JWS must be detached: the payload part must be empty."));
        }

        var (encodedHeader, encodedSignature) = (parts[0], parts[2]);
        var header = ReadJwsHeader(encodedHeader);

        if (!string.Equals(header.Type, expectedType, StringComparison.Ordinal))
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, expectedType is null
                ? new($"Chữ ký JWS ký một tài liệu '{header.Type}', không phải gói tin.", $"The JWS signs a '{header.Type}' document, not a packet.")
                : new($"Chữ ký JWS không ký một tài liệu '{expectedType}'.", $"The JWS does not sign a '{expectedType}' document."));
        }

        var verdict = SignatureAlgorithms.ClassifyJws(header.Alg, out var hash, out var padding);
        if (verdict == AlgorithmVerdict.Weak)
        {
            throw Fail(ErrorCatalogue.SignatureWeakAlgorithm, new($"Thuật toán JWS '{header.Alg}' không được chấp nhận.", $"JWS algorithm '{header.Alg}' is not accepted."));
        }

        if (verdict != AlgorithmVerdict.Accepted)
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new($"Thuật toán JWS '{header.Alg}' không được hỗ trợ.", $"JWS algorithm '{header.Alg}' is not supported."));
        }

        var keyId = header.CertificateThumbprint ?? header.KeyId
            ?? throw Fail(ErrorCatalogue.SignatureInvalid, new("Phần đầu JWS không nêu khóa nào (kid hoặc x5t#S256).", "The JWS header names no key (kid or x5t#S256)."));
        var trusted = FindTrusted(keyId);
        if (header.KeyId is not null && !string.Equals(header.KeyId, SigningKeyId.For(trusted), StringComparison.Ordinal))
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new("kid và x5t#S256 trong phần đầu JWS chỉ tới hai chứng thư khác nhau.", "The JWS header's kid and x5t#S256 name different certificates."));
        }

        if (encodedSignature.Length == 0 || !DetachedJws.IsBase64UrlText(encodedSignature))
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new("Chữ ký JWS không ở dạng base64url.", "The JWS signature is not base64url."));
        }

        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(encodedSignature);
        }
        catch (FormatException ex)
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new("Chữ ký JWS không ở dạng base64url.", "The JWS signature is not base64url."), ex);
        }

        var input = DetachedJws.SigningInput(encodedHeader, payload);
        using var key = trusted.GetRSAPublicKey()!;
        if (!key.VerifyData(input, signature, hash, padding!))
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new("Chữ ký JWS không khớp với nội dung hoặc khóa của người ký.", "The JWS signature does not match the payload or the signer's key."));
        }

        return trusted;
    }

    public void Dispose()
    {
        foreach (var certificate in _trusted.Values)
        {
            certificate.Dispose();
        }
    }

    // ---- XML ----

    /// <summary>The one <c>ds:Signature</c> that is a direct child of the element to process.</summary>
    private static XmlElement FindEnvelopedSignature(XmlElement element, XmlDocument document)
    {
        var direct = element.ChildNodes.OfType<XmlElement>().Where(e => Is(e, "Signature")).ToList();
        if (direct.Count == 0)
        {
            var anywhere = document.GetElementsByTagName("Signature", Ds).Count > 0;
            throw anywhere
                ? Fail(ErrorCatalogue.SignatureReferenceMismatch, new("Phần tử đang xử lý không mang chữ ký của chính nó; chữ ký của tài liệu nằm ở chỗ khác.", "The element being processed carries no signature of its own; the document's signature is elsewhere."))
                : Fail(ErrorCatalogue.SignatureMissing, new("Gói tin XML không có ds:Signature.", "The XML packet carries no ds:Signature."));
        }

        if (direct.Count > 1)
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new("Phần tử có nhiều hơn một ds:Signature.", "The element carries more than one ds:Signature."));
        }

        return direct[0];
    }

    /// <summary>
    /// The signed-information profile, checked on the XML itself before SignedXml sees it; returns the Id the
    /// single Reference points to, which is the processed element's own and no other element's, or null for
    /// <c>URI=""</c> on the document's root.
    /// </summary>
    private string? CheckReference(XmlElement element, XmlDocument document, XmlElement signature)
    {
        var signedInfo = Single(signature, "SignedInfo");

        var c14n = Single(signedInfo, "CanonicalizationMethod").GetAttribute("Algorithm");
        if (!string.Equals(c14n, SignatureAlgorithms.ExclusiveC14n, StringComparison.Ordinal))
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new($"Cách chuẩn hóa '{c14n}' không được chấp nhận; hãy dùng exclusive c14n.", $"Canonicalization '{c14n}' is not accepted; use exclusive c14n."));
        }

        var method = Single(signedInfo, "SignatureMethod").GetAttribute("Algorithm");
        CheckAlgorithm(SignatureAlgorithms.ClassifyXmlSignatureMethod(method), "Thuật toán ký", "signature method", method);

        var references = Children(signedInfo, "Reference").ToList();
        if (references.Count != 1)
        {
            throw Fail(ErrorCatalogue.SignatureReferenceMismatch, new($"Chỉ chấp nhận đúng một Reference, có {references.Count}.", $"Exactly one Reference is accepted, found {references.Count}."));
        }

        var reference = references[0];
        var id = CheckReferenceUri(element, document, reference.GetAttributeNode("URI")?.Value);

        // The processed element's own Ids (with URI="" they are signed, not referenced) name no other element: a
        // second element under the same Id is what a verifier resolving "#Id" could be steered to.
        foreach (var own in XmlIds.IdsOf(element).Append(id).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var carriers = XmlIds.CountCarriers(document, own);
            if (carriers != 1)
            {
                throw Fail(ErrorCatalogue.SignatureReferenceMismatch, new($"Id '{own}' xuất hiện ở {carriers} phần tử của tài liệu; Id phải là duy nhất.", $"The Id '{own}' is carried by {carriers} elements of the document; it must be unique."));
            }
        }

        // Signed as a whole, the document holds this one signature: a verifier taking the first signature it meets
        // (xmlsec1 does) must check the same one as this verifier.
        var signatures = document.GetElementsByTagName("Signature", Ds).Count;
        if (id is null && signatures != 1)
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new($"Tài liệu được ký toàn bộ phải có đúng một ds:Signature, nhưng có {signatures}.", $"A document signed as a whole carries exactly one ds:Signature, found {signatures}."));
        }

        // Comments are removed before digesting (XML-DSig §4.4.3.3): present, they are content nobody signed that a
        // reader may still see (a comment splitting a text node truncates it for a reader taking the first text).
        if (XmlIds.HasComment(id is null ? document : element))
        {
            throw Fail(ErrorCatalogue.SignatureReferenceMismatch, new("Nội dung được ký có chú thích (comment), phần mà chữ ký không bao phủ.", "The signed content holds a comment, which the signature does not cover."));
        }

        var transforms = Children(reference, "Transforms").ToList() switch
        {
            [var only] => Children(only, "Transform").Select(t => t.GetAttribute("Algorithm")).ToList(),
            _ => [],
        };
        if (transforms is not [SignatureAlgorithms.EnvelopedSignature, SignatureAlgorithms.ExclusiveC14n])
        {
            throw Fail(ErrorCatalogue.SignatureReferenceMismatch, new("Reference phải dùng đúng hai phép biến đổi enveloped-signature và exclusive c14n.", "The Reference must use exactly the enveloped-signature and exclusive c14n transforms."));
        }

        var digest = Single(reference, "DigestMethod").GetAttribute("Algorithm");
        CheckAlgorithm(SignatureAlgorithms.ClassifyXmlDigestMethod(digest), "Thuật toán băm", "digest method", digest);
        Single(reference, "DigestValue");
        Single(signature, "SignatureValue");

        // Nothing the signer did not put there: an Object is where wrapped originals are hidden.
        if (Children(signature, "Object").Any())
        {
            throw Fail(ErrorCatalogue.SignatureReferenceMismatch, new("Chữ ký gói tin không được chứa ds:Object.", "ds:Object is not accepted in a packet signature."));
        }

        return id;
    }

    /// <summary>
    /// <c>URI=""</c> when the processed element is the document's root (the whole document is signed and it is what
    /// the caller reads); <c>#Id</c> of the processed element when it is inside a larger document. Returns the Id,
    /// or null for the whole document.
    /// </summary>
    private string? CheckReferenceUri(XmlElement element, XmlDocument document, string? uri)
    {
        var isRoot = ReferenceEquals(element, document.DocumentElement);
        if (uri == XmlIds.WholeDocument)
        {
            return isRoot
                ? null
                : throw Fail(ErrorCatalogue.SignatureReferenceMismatch,
                    new("URI=\"\" ký toàn bộ tài liệu; chỉ được chấp nhận trên phần tử gốc của tài liệu, còn phần tử đang xử lý nằm trong một tài liệu lớn hơn.", "URI=\"\" signs the whole document; it is accepted only on the document's root element, and the element being processed is inside a larger document."));
        }

        if (uri is null || uri.Length < 2 || uri[0] != '#' || !XmlIds.IsNcName(uri[1..]))
        {
            throw Fail(ErrorCatalogue.SignatureReferenceMismatch,
                new("Reference phải là URI=\"\" (gói tin là gốc của tài liệu) hoặc URI=\"#Id\" (gói tin nằm trong một tài liệu lớn hơn).", "The Reference must be URI=\"\" (a packet that is its document's root) or URI=\"#Id\" (a packet inside a larger document)."));
        }

        var id = uri[1..];
        if (isRoot && !_options.AcceptLegacyRootIdReference)
        {
            throw Fail(ErrorCatalogue.SignatureReferenceMismatch,
                new($"Gói tin là gốc của tài liệu được ký với URI=\"\" (toàn bộ tài liệu), không phải URI=\"#{id}\"; dạng cũ đó chỉ được chấp nhận khi bật PacketSignatureVerifierOptions.AcceptLegacyRootIdReference.", $"A packet that is its document's root is signed with URI=\"\" (the whole document), not URI=\"#{id}\"; that earlier form is accepted only with PacketSignatureVerifierOptions.AcceptLegacyRootIdReference."));
        }

        return XmlIds.Carries(element, id)
            ? id
            : throw Fail(ErrorCatalogue.SignatureReferenceMismatch, new("Reference không trỏ tới phần tử đang được xử lý.", "The Reference does not point to the element being processed."));
    }

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
        RSA? rsa;
        try
        {
            rsa = certificate.GetRSAPublicKey();
        }
        catch (CryptographicException ex)
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new("Không đọc được khóa công khai của chứng thư trong KeyInfo.", "The public key of the certificate in KeyInfo cannot be read."), ex);
        }

        using var owned = rsa;
        if (rsa is not null && rsa.KeySize < SignatureAlgorithms.MinimumRsaKeySize)
        {
            throw Fail(ErrorCatalogue.SignatureWeakAlgorithm,
                new($"Khóa ký là RSA-{rsa.KeySize}; cần tối thiểu {SignatureAlgorithms.MinimumRsaKeySize} bit.", $"The signing key is RSA-{rsa.KeySize}; at least {SignatureAlgorithms.MinimumRsaKeySize} bits are required."));
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

    // ---- JWS ----

    private sealed record JwsHeader(string Alg, string? KeyId, string? CertificateThumbprint, string? Type);

    private static JwsHeader ReadJwsHeader(string encodedHeader)
    {
        if (encodedHeader.Length == 0 || !DetachedJws.IsBase64UrlText(encodedHeader))
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new("Phần đầu JWS không ở dạng base64url.", "The JWS header is not base64url."));
        }

        try
        {
            using var json = JsonDocument.Parse(Base64Url.DecodeFromChars(encodedHeader), new JsonDocumentOptions { MaxDepth = 8 });
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Fail(ErrorCatalogue.SignatureInvalid, new("Phần đầu JWS không phải một đối tượng JSON.", "The JWS header is not a JSON object."));
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in json.RootElement.EnumerateObject())
            {
                // RFC 7515 §5.2: duplicate names must be rejected (or the last taken; rejecting is unambiguous).
                if (!names.Add(member.Name))
                {
                    throw Fail(ErrorCatalogue.SignatureInvalid, new($"Phần đầu JWS lặp lại '{member.Name}'.", $"The JWS header repeats '{member.Name}'."));
                }
            }

            // crit (RFC 7515 §4.1.11) lists extensions the recipient must understand; we understand none, and b64
            // (RFC 7797) would change what the signing input is.
            if (names.Contains("crit") || names.Contains("b64"))
            {
                throw Fail(ErrorCatalogue.SignatureInvalid, new("Phần đầu JWS dùng phần mở rộng (crit, b64) không được hỗ trợ.", "The JWS header uses extensions (crit, b64) that are not supported."));
            }

            var alg = OptionalString(json.RootElement, DetachedJws.Algorithm)
                ?? throw Fail(ErrorCatalogue.SignatureInvalid, new("Phần đầu JWS thiếu alg.", "The JWS header has no alg."));
            return new JwsHeader(
                alg,
                OptionalString(json.RootElement, DetachedJws.KeyId),
                OptionalString(json.RootElement, DetachedJws.CertificateSha256Thumbprint),
                OptionalString(json.RootElement, DetachedJws.Type));
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new("Phần đầu JWS không phải JSON base64url hợp lệ.", "The JWS header is not valid base64url JSON."), ex);
        }
    }

    private static string? OptionalString(JsonElement header, string name)
    {
        if (!header.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Fail(ErrorCatalogue.SignatureInvalid, new($"{name} trong phần đầu JWS phải là chuỗi.", $"The JWS header's {name} must be a string."));
    }

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
