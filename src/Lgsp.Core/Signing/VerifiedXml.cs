using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace Lgsp.Core.Signing;

/// <summary>
/// A parsed XML document whose root element passed verification: read <see cref="Element"/> (and nothing
/// outside it). <see cref="Signer"/> is the trust-list certificate that signed it, owned by the verifier.
/// </summary>
public sealed record VerifiedXml(XmlElement Element, X509Certificate2 Signer);
