using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace Lgsp.Core.Signing;

/// <summary>
/// The hub's one signing component (X-Road's model): everything that signs goes through this interface and
/// nothing else ever sees the private key. The profile it produces is exactly what
/// <see cref="PacketSignatureVerifier"/> accepts; see <c>Signing/README.md</c>.
/// </summary>
public interface IPacketSigner
{
    /// <summary>
    /// The signing certificate, public part only (no private key), for publishing verification keys and for
    /// trust lists. Owned by the signer: do not dispose it.
    /// </summary>
    X509Certificate2 Certificate { get; }

    /// <summary>The key id written into JWS headers (<c>kid</c>): see <see cref="SigningKeyId"/>.</summary>
    string KeyId { get; }

    /// <summary>
    /// Signs <paramref name="element"/> with an enveloped W3C XML signature appended as its last child.
    /// The element must carry a unique <c>Id</c> attribute (an NCName). The single Reference is <c>URI=""</c> (the
    /// whole document) when the element is the document's root, <c>#Id</c> when it is inside a larger document,
    /// with the enveloped-signature and exclusive c14n transforms, SHA-256 digest, an RSA-SHA256 or ECDSA-SHA256 signature
    /// (by the key's type) and the
    /// certificate in <c>KeyInfo/X509Data</c>. Returns the appended <c>ds:Signature</c> element.
    /// </summary>
    XmlElement SignXml(XmlElement element);

    /// <summary>
    /// A detached JWS (RFC 7515 Appendix F) over exactly <paramref name="payload"/>, the bytes that are sent:
    /// <c>BASE64URL(header)..BASE64URL(signature)</c>, header <c>{"alg":"RS256"|"ES256","kid":…,"x5t#S256":…}</c>
    /// (<c>ES256</c> for an EC P-256 key, its signature r‖s as RFC 7518 §3.4 requires).
    /// </summary>
    string SignDetachedJws(ReadOnlySpan<byte> payload);

    /// <summary>
    /// A detached JWS like <see cref="SignDetachedJws(ReadOnlySpan{byte})"/> over a document that is not a packet,
    /// its kind named in the header's <c>typ</c> (e.g. <c>lgsp-message-log-checkpoint+json</c>), so a signature made
    /// for one kind of document is never accepted for another (the packet verifier refuses any <c>typ</c>).
    /// </summary>
    string SignDetachedJws(ReadOnlySpan<byte> payload, string type);
}
