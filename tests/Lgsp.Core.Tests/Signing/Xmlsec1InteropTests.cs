using Lgsp.Core.Packets;
using Lgsp.Core.Signing;
using Lgsp.Core.Tests.Packets;
using Lgsp.Testing;

namespace Lgsp.Core.Tests.Signing;

/// <summary>
/// What the hub's signer produces, checked by the reference C implementation of XML-DSig exactly as a client runs it:
/// <c>xmlsec1 --verify --pubkey-cert-pem cert.pem file.xml</c>, no other flag. Fails, does not skip, without
/// <c>xmlsec1</c> (<c>./test.sh</c> installs it).
/// </summary>
public sealed class Xmlsec1InteropTests : IDisposable
{
    private readonly X509PacketSigner _signer = new(SigningKeys.Hub());

    public void Dispose() => _signer.Dispose();

    [Theory]
    [MemberData(nameof(SamplePackets.Names), MemberType = typeof(SamplePackets))]
    public async Task Xmlsec1Verify_PacketSignedByX509PacketSigner_IsOk(string name)
    {
        var document = PacketXml.ToXmlDocument(SamplePackets.ByName(name));
        _signer.SignXml(document.DocumentElement!);

        var result = await Xmlsec1.VerifyAsync(document.OuterXml, _signer.Certificate.ExportCertificatePem());

        Assert.True(result.Verified, $"xmlsec1 exit {result.ExitCode}:\n{result.Output}");
    }

    [Theory]
    [MemberData(nameof(SamplePackets.Names), MemberType = typeof(SamplePackets))]
    public async Task Xmlsec1Verify_PacketSignedWithEcdsaP256_IsOk(string name)
    {
        using var ecdsa = new X509PacketSigner(SigningKeys.HubEc());
        var document = PacketXml.ToXmlDocument(SamplePackets.ByName(name));
        ecdsa.SignXml(document.DocumentElement!);
        Assert.Contains(SignatureAlgorithms.EcdsaSha256, document.OuterXml, StringComparison.Ordinal);

        var result = await Xmlsec1.VerifyAsync(document.OuterXml, ecdsa.Certificate.ExportCertificatePem());

        Assert.True(result.Verified, $"xmlsec1 exit {result.ExitCode}:\n{result.Output}");
    }

    [Fact]
    public async Task Xmlsec1Verify_EcdsaSignedPacketChangedAfterSigning_Fails()
    {
        using var ecdsa = new X509PacketSigner(SigningKeys.HubEc());
        var document = PacketXml.ToXmlDocument(SamplePackets.Progress());
        ecdsa.SignXml(document.DocumentElement!);
        var tampered = document.OuterXml.Replace("<Status>5</Status>", "<Status>9</Status>", StringComparison.Ordinal);
        Assert.NotEqual(document.OuterXml, tampered);

        var result = await Xmlsec1.VerifyAsync(tampered, ecdsa.Certificate.ExportCertificatePem());

        Assert.NotEqual(0, result.ExitCode);
        Assert.False(result.Verified, result.Output);
    }

    [Fact]
    public async Task Xmlsec1Verify_PacketChangedAfterSigning_Fails()
    {
        var document = PacketXml.ToXmlDocument(SamplePackets.Progress());
        _signer.SignXml(document.DocumentElement!);
        var signed = document.OuterXml;
        var tampered = signed.Replace("<Status>5</Status>", "<Status>9</Status>", StringComparison.Ordinal);
        Assert.NotEqual(signed, tampered);

        var result = await Xmlsec1.VerifyAsync(tampered, _signer.Certificate.ExportCertificatePem());

        Assert.NotEqual(0, result.ExitCode);
        Assert.False(result.Verified, result.Output);
    }

    [Fact]
    public async Task Xmlsec1Verify_PacketSignedByAnotherKey_Fails()
    {
        using var stranger = new X509PacketSigner(SigningKeys.Stranger());
        var document = PacketXml.ToXmlDocument(SamplePackets.Verification());
        stranger.SignXml(document.DocumentElement!);

        var result = await Xmlsec1.VerifyAsync(document.OuterXml, _signer.Certificate.ExportCertificatePem());

        Assert.NotEqual(0, result.ExitCode);
        Assert.False(result.Verified, result.Output);
    }
}
