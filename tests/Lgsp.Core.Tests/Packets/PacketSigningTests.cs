using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using Lgsp.Core.Errors;
using Lgsp.Core.Packets;
using Lgsp.Core.Signing;
using Lgsp.Testing;

namespace Lgsp.Core.Tests.Packets;

/// <summary>
/// Real packets through the real signer and verifier: what a receiver does with a signed packet is verify the
/// element it is about to read, then read it. Every way of getting a forged packet read is refused.
/// </summary>
public sealed class PacketSigningTests : IDisposable
{
    private static readonly byte[] HubPfx = TestCertificates.ToPfx(TestCertificates.CreateRsa("LGSP hub (packet tests)"));
    private static readonly byte[] OtherPfx = TestCertificates.ToPfx(TestCertificates.CreateRsa("Somebody else"));

    private readonly X509PacketSigner _hub = new(TestCertificates.FromPfx(HubPfx));
    private readonly X509PacketSigner _other = new(TestCertificates.FromPfx(OtherPfx));
    private readonly PacketSignatureVerifier _verifier;

    public PacketSigningTests() =>
        _verifier = new PacketSignatureVerifier([TestCertificates.PublicOnly(_hub.Certificate)], TimeProvider.System);

    public void Dispose()
    {
        _verifier.Dispose();
        _hub.Dispose();
        _other.Dispose();
    }

    [Theory]
    [MemberData(nameof(SamplePackets.Names), MemberType = typeof(SamplePackets))]
    public void VerifyThenRead_SignedXmlPacket_GivesBackThePacket(string name)
    {
        var packet = SamplePackets.ByName(name);

        var verified = _verifier.VerifyXmlDocument(SignXml(_hub, packet));
        var read = PacketXml.Read(verified.Element.OwnerDocument);

        Assert.Equal(_hub.Certificate.Thumbprint, verified.Signer.Thumbprint);
        Assert.Equal(PacketJson.ToJson(packet), PacketJson.ToJson(read));
    }

    [Fact]
    public void SignedXmlPacket_StillValidatesAgainstTheXsd()
    {
        var document = SafeXmlLoad(SignXml(_hub, SamplePackets.Progress()));

        Assert.Empty(PacketXml.Validate(document));
        Assert.Equal("Signature", document.DocumentElement!.LastChild!.LocalName);
    }

    [Theory]
    [InlineData("<Actor>Nguyễn Văn Bình</Actor>", "<Actor>Trần Văn Bình</Actor>")]
    [InlineData("<Status>5</Status>", "<Status>9</Status>")]
    [InlineData("<Receiver>000.00.00.G22</Receiver>", "<Receiver>000.00.00.G15</Receiver>")]
    [InlineData("<CreatedAt>2026-11-24T09:41:07+07:00</CreatedAt>", "<CreatedAt>2026-11-25T09:41:07+07:00</CreatedAt>")]
    public void Verify_TamperedBodyOrHeader_IsSignatureInvalid(string find, string replace)
    {
        var signed = SignXml(_hub, SamplePackets.Progress());
        Assert.Contains(find, signed, StringComparison.Ordinal);

        var ex = Assert.Throws<LgspException>(() => _verifier.VerifyXmlDocument(signed.Replace(find, replace, StringComparison.Ordinal)));

        Assert.Equal("client.signature_invalid", ex.Error.Code);
    }

    [Fact]
    public void Verify_SignedByAnUntrustedCertificate_IsUntrusted()
    {
        var ex = Assert.Throws<LgspException>(() => _verifier.VerifyXmlDocument(SignXml(_other, SamplePackets.Verification())));

        Assert.Equal("client.signature_untrusted", ex.Error.Code);
    }

    [Fact]
    public void Verify_UnsignedPacket_IsSignatureMissing()
    {
        var ex = Assert.Throws<LgspException>(() => _verifier.VerifyXmlDocument(PacketXml.ToXml(SamplePackets.Verification())));

        Assert.Equal("client.signature_missing", ex.Error.Code);
    }

    [Fact]
    public void Verify_ForgedPacketCarryingTheGenuineOneAndItsSignature_IsRefused()
    {
        // Wrapping: the forged packet (same Id, other receiver) takes the genuine signature; the genuine packet
        // rides along inside so that a resolver searching the document by Id could still find a matching digest.
        var genuine = SafeXmlLoad(SignXml(_hub, SamplePackets.Verification()));
        var forged = SafeXmlLoad(PacketXml.ToXml(SamplePackets.Verification() with
        {
            Header = SamplePackets.Header() with { Receiver = Lgsp.Core.Codes.AgencyCode.Parse("000.00.00.G15") },
        }));
        var signature = genuine.DocumentElement!.LastChild!;
        genuine.DocumentElement.RemoveChild(signature);
        var root = forged.DocumentElement!;
        root.AppendChild(forged.ImportNode(genuine.DocumentElement, deep: true));
        root.AppendChild(forged.ImportNode(signature, deep: true));

        var ex = Assert.Throws<LgspException>(() => _verifier.VerifyXml(root));

        Assert.Equal("client.signature_reference_mismatch", ex.Error.Code);
    }

    [Fact]
    public void Verify_SignatureMovedOntoAnotherPacket_IsSignatureInvalid()
    {
        var genuine = SafeXmlLoad(SignXml(_hub, SamplePackets.Verification()));
        var forged = SafeXmlLoad(PacketXml.ToXml(SamplePackets.Verification() with
        {
            Body = new CitizenVerification { PersonalId = Lgsp.Core.Codes.PersonalId.Parse("056085123456"), Matched = false, ComparedFields = ["fullName"] },
        }));
        forged.DocumentElement!.AppendChild(forged.ImportNode(genuine.DocumentElement!.LastChild!, deep: true));

        var ex = Assert.Throws<LgspException>(() => _verifier.VerifyXml(forged.DocumentElement));

        Assert.Equal("client.signature_invalid", ex.Error.Code);
    }

    [Theory]
    [InlineData("<!DOCTYPE Packet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>")]
    [InlineData("<!DOCTYPE Packet [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>")]
    public void Verify_DtdOrEntityPayload_IsUnsafeXml(string doctype)
    {
        var signed = doctype + SignXml(_hub, SamplePackets.Verification());

        var verify = Assert.Throws<LgspException>(() => _verifier.VerifyXmlDocument(signed));
        var read = Assert.Throws<LgspException>(() => PacketXml.Read(signed));

        Assert.Equal("client.unsafe_xml", verify.Error.Code);
        Assert.Equal("client.unsafe_xml", read.Error.Code);
    }

    [Fact]
    public void VerifyDetachedJws_SignedJsonPacket_Verifies()
    {
        var bytes = PacketJson.ToUtf8Bytes(SamplePackets.Progress());

        var signer = _verifier.VerifyDetachedJws(_hub.SignDetachedJws(bytes), bytes);

        Assert.Equal(_hub.Certificate.Thumbprint, signer.Thumbprint);
    }

    [Fact]
    public void VerifyDetachedJws_JsonPacketChangedAfterSigning_IsSignatureInvalid()
    {
        var bytes = PacketJson.ToUtf8Bytes(SamplePackets.Progress());
        var jws = _hub.SignDetachedJws(bytes);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("\"status\":5", "\"status\":9", StringComparison.Ordinal));
        Assert.NotEqual(bytes, tampered);

        var ex = Assert.Throws<LgspException>(() => _verifier.VerifyDetachedJws(jws, tampered));

        Assert.Equal("client.signature_invalid", ex.Error.Code);
    }

    [Fact]
    public void VerifyDetachedJws_JsonPacketSignedByAnother_IsUntrusted()
    {
        var bytes = PacketJson.ToUtf8Bytes(SamplePackets.Fault());

        var ex = Assert.Throws<LgspException>(() => _verifier.VerifyDetachedJws(_other.SignDetachedJws(bytes), bytes));

        Assert.Equal("client.signature_untrusted", ex.Error.Code);
    }

    private static string SignXml(IPacketSigner signer, Packet packet)
    {
        var document = PacketXml.ToXmlDocument(packet);
        signer.SignXml(document.DocumentElement!);
        return document.OuterXml;
    }

    private static XmlDocument SafeXmlLoad(string xml) => Lgsp.Core.Xml.SafeXml.LoadDocument(xml);
}
