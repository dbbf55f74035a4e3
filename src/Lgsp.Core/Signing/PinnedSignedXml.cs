using System.Security.Cryptography.Xml;
using System.Xml;

namespace Lgsp.Core.Signing;

/// <summary>
/// <see cref="SignedXml"/> whose <c>#id</c> resolution is pinned to one element. The stock resolver searches
/// the whole document (and the signature's own <c>Object</c>s) by attribute name, which is how signature
/// wrapping works: the digest is checked over one element while the application reads another. Pinned, the
/// digest can only ever be computed over the element the caller signs or is about to process. With no id
/// (<c>URI=""</c>, the whole document, for a packet that is its document's root) no <c>#id</c> resolves at all.
/// </summary>
internal sealed class PinnedSignedXml : SignedXml
{
    private readonly XmlElement _element;
    private readonly string? _id;

    public PinnedSignedXml(XmlElement element, string? id)
        : base(element)
    {
        _element = element;
        _id = id;

        // No URI dereferencing of any kind (external references, entities) while canonicalizing.
        Resolver = XmlResolver.ThrowingResolver;

        // Canonicalization of SignedInfo and "safe" transforms: exclusive c14n without comments only. The
        // enveloped-signature transform stays allowed through SignedXml's built-in safe transform list.
        SafeCanonicalizationMethods.Clear();
        SafeCanonicalizationMethods.Add(SignatureAlgorithms.ExclusiveC14n);
    }

    public override XmlElement? GetIdElement(XmlDocument? document, string idValue) =>
        _id is not null && string.Equals(idValue, _id, StringComparison.Ordinal) ? _element : null;
}
