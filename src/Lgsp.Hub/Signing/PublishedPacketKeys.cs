using System.Security.Cryptography.X509Certificates;
using Lgsp.Core.Signing;

namespace Lgsp.Hub.Signing;

/// <summary>
/// The hub's packet-signing certificates that clients may see signatures from (public parts): the one it signs with
/// now, first, then those of Signing:RolloverCertificatePaths (the previous key, or the next). Published in
/// <c>/.well-known/lgsp/keys</c> and all trusted by the hub's own <see cref="PacketSignatureVerifier"/>.
/// </summary>
public sealed class PublishedPacketKeys : IDisposable
{
    private readonly List<X509Certificate2> _certificates;

    /// <param name="current">The signer's certificate (copied).</param>
    /// <param name="rollover">The other keys (copied; one equal to the current key or to another is listed once).</param>
    public PublishedPacketKeys(X509Certificate2 current, IEnumerable<X509Certificate2> rollover)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(rollover);
        _certificates = [X509CertificateLoader.LoadCertificate(current.RawData)];
        var seen = new HashSet<string>(StringComparer.Ordinal) { SigningKeyId.For(current) };
        foreach (var certificate in rollover)
        {
            if (seen.Add(SigningKeyId.For(certificate)))
            {
                _certificates.Add(X509CertificateLoader.LoadCertificate(certificate.RawData));
            }
        }
    }

    /// <summary>The key the hub signs with now.</summary>
    public X509Certificate2 Current => _certificates[0];

    /// <summary>All of them, the current one first; owned by this object.</summary>
    public IReadOnlyList<X509Certificate2> All => _certificates;

    public void Dispose() => _certificates.ForEach(c => c.Dispose());
}
