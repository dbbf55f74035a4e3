using System.Security.Cryptography.X509Certificates;
using Lgsp.Core.Signing;
using Lgsp.Core.Time;
using Lgsp.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Lgsp.Core.Tests.Signing;

/// <summary>
/// The certificates of the signing tests, made once per run (RSA key generation is slow) and handed out as fresh
/// instances, because signers take ownership of theirs. Validity is fixed so fake time can step in and out of it.
/// </summary>
internal static class SigningKeys
{
    public static readonly DateTimeOffset ValidFrom = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset ValidUntil = new(2028, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>When the sample packet is created and checked.</summary>
    public static readonly DateTimeOffset PacketTime = new(2026, 11, 24, 9, 41, 7, VietnamTime.Offset);

    private static readonly Lazy<byte[]> HubPfx = new(() => Make("LGSP hub (test)", 2048));
    private static readonly Lazy<byte[]> PartnerPfx = new(() => Make("Partner agency (test)", 3072));
    private static readonly Lazy<byte[]> StrangerPfx = new(() => Make("Stranger (test)", 2048));
    private static readonly Lazy<byte[]> HubEcPfx = new(() =>
    {
        using var certificate = TestCertificates.CreateEcdsa("LGSP hub EC P-256 (test)", ValidFrom, ValidUntil);
        return TestCertificates.ToPfx(certificate);
    });

    private static readonly Lazy<byte[]> WeakPfx = new(() => Make("Weak RSA-1024 (test)", 1024));

    /// <summary>The hub's certificate: on every test verifier's trust list.</summary>
    public static X509Certificate2 Hub() => TestCertificates.FromPfx(HubPfx.Value);

    /// <summary>The hub's EC P-256 certificate (ES256, ecdsa-sha256): trusted by <see cref="Verifier"/> too.</summary>
    public static X509Certificate2 HubEc() => TestCertificates.FromPfx(HubEcPfx.Value);

    /// <summary>A second trusted signer (RSA-3072).</summary>
    public static X509Certificate2 Partner() => TestCertificates.FromPfx(PartnerPfx.Value);

    /// <summary>A well-formed certificate that nobody trusts.</summary>
    public static X509Certificate2 Stranger() => TestCertificates.FromPfx(StrangerPfx.Value);

    public static X509Certificate2 Weak() => TestCertificates.FromPfx(WeakPfx.Value);

    public static FakeTimeProvider Clock() => new(PacketTime);

    /// <summary>A verifier trusting the hub and the partner.</summary>
    public static PacketSignatureVerifier Verifier(TimeProvider time)
    {
        using var hub = Hub();
        using var partner = Partner();
        return new PacketSignatureVerifier([hub, partner], time);
    }

    /// <summary>A verifier trusting the hub's RSA and EC P-256 keys (a rollover between the two) and the partner.</summary>
    public static PacketSignatureVerifier RolloverVerifier(TimeProvider time)
    {
        using var hub = Hub();
        using var hubEc = HubEc();
        using var partner = Partner();
        return new PacketSignatureVerifier([hub, hubEc, partner], time);
    }

    private static byte[] Make(string name, int keySize)
    {
        using var certificate = TestCertificates.CreateRsa(name, keySize, ValidFrom, ValidUntil);
        return TestCertificates.ToPfx(certificate);
    }
}
