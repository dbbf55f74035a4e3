using System.Xml;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Signing;

/// <summary>
/// The XML half's defences against signature wrapping: which <c>ds:Signature</c> is checked, and that its one
/// Reference covers exactly the element the caller reads (<c>URI=""</c> on a root, <c>#Id</c> inside a larger document).
/// </summary>
public sealed partial class PacketSignatureVerifier
{
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
}
