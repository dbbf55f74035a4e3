using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Text.Json;
using System.Xml;
using Lgsp.Core.Signing;
using Lgsp.Testing;

namespace Lgsp.Core.Tests.Signing;

/// <summary>What the hub's signer produces, checked element by element against the profile, and what it refuses to sign with.</summary>
public sealed class X509PacketSignerTests : IDisposable
{
    private const string Ds = SignedXml.XmlDsigNamespaceUrl;
    private readonly X509PacketSigner _signer = new(SigningKeys.Hub());

    public void Dispose() => _signer.Dispose();

    [Fact]
    public void SignXml_Packet_AppendsTheProfileSignatureAsLastChild()
    {
        var document = SamplePacket.Load(SamplePacket.Xml());
        var packet = document.DocumentElement!;

        var signature = _signer.SignXml(packet);

        Assert.Same(packet.LastChild, signature);
        Assert.Equal(("Signature", Ds), (signature.LocalName, signature.NamespaceURI));
        var ns = new XmlNamespaceManager(document.NameTable);
        ns.AddNamespace("ds", Ds);
        string Attr(string xpath) => signature.SelectSingleNode(xpath, ns)!.Value!;
        Assert.Equal(SignedXml.XmlDsigExcC14NTransformUrl, Attr("ds:SignedInfo/ds:CanonicalizationMethod/@Algorithm"));
        Assert.Equal(SignedXml.XmlDsigRSASHA256Url, Attr("ds:SignedInfo/ds:SignatureMethod/@Algorithm"));
        Assert.Single(signature.SelectNodes("ds:SignedInfo/ds:Reference", ns)!.Cast<XmlNode>());
        Assert.Equal("", Attr("ds:SignedInfo/ds:Reference/@URI"));
        Assert.Equal(
            [SignedXml.XmlDsigEnvelopedSignatureTransformUrl, SignedXml.XmlDsigExcC14NTransformUrl],
            signature.SelectNodes("ds:SignedInfo/ds:Reference/ds:Transforms/ds:Transform/@Algorithm", ns)!.Cast<XmlNode>().Select(n => n.Value));
        Assert.Equal(SignedXml.XmlDsigSHA256Url, Attr("ds:SignedInfo/ds:Reference/ds:DigestMethod/@Algorithm"));
        var certificate = signature.SelectSingleNode("ds:KeyInfo/ds:X509Data/ds:X509Certificate", ns)!.InnerText;
        Assert.Equal(_signer.Certificate.RawData, Convert.FromBase64String(certificate));
        Assert.Empty(signature.SelectNodes("ds:Object", ns)!.Cast<XmlNode>());
    }

    [Fact]
    public void SignXml_PacketInsideALargerDocument_ReferencesItsId()
    {
        var document = SamplePacket.Load($"<Envelope><Body>{SamplePacket.Load(SamplePacket.Xml()).DocumentElement!.OuterXml}</Body></Envelope>");
        var packet = document.GetElementsByTagName("Packet", SamplePacket.Namespace).OfType<XmlElement>().Single();

        var signature = _signer.SignXml(packet);

        Assert.Same(packet.LastChild, signature);
        var reference = SamplePacket.Child(SamplePacket.Child(signature, "SignedInfo"), "Reference");
        Assert.Equal("#" + SamplePacket.Id, reference.GetAttribute("URI"));
    }

    [Fact]
    public void SignXml_DocumentAlreadyHoldingASignature_Throws()
    {
        var inner = SamplePacket.SignedInside(_signer, "<Archive>{packet}</Archive>", SamplePacket.Xml("pkt-inner")).DocumentElement!;
        var document = SamplePacket.Load(SamplePacket.Xml());
        SamplePacket.Child(document.DocumentElement!, "Body").AppendChild(document.ImportNode(inner, deep: true));

        Assert.Throws<ArgumentException>(() => _signer.SignXml(document.DocumentElement!));
    }

    [Fact]
    public void SignXml_ContentWithAComment_Throws()
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml("""<Packet Id="p1"><Body><!-- not signed --></Body></Packet>""");

        Assert.Throws<ArgumentException>(() => _signer.SignXml(document.DocumentElement!));
    }

    [Fact]
    public void SignXml_ElementWithoutId_Throws()
    {
        var document = SamplePacket.Load("<Packet><Body/></Packet>");

        Assert.Throws<ArgumentException>(() => _signer.SignXml(document.DocumentElement!));
    }

    [Fact]
    public void SignXml_IdCarriedTwice_Throws()
    {
        var document = SamplePacket.Load("""<Packet Id="p1"><Body id="p1"/></Packet>""");

        Assert.Throws<ArgumentException>(() => _signer.SignXml(document.DocumentElement!));
    }

    [Fact]
    public void SignXml_AlreadySigned_Throws()
    {
        var document = SamplePacket.Load(SamplePacket.Signed(_signer));

        Assert.Throws<ArgumentException>(() => _signer.SignXml(document.DocumentElement!));
    }

    [Fact]
    public void SignDetachedJws_Payload_IsCompactDetachedRs256WithKeyIds()
    {
        var payload = "{\"maHoSo\":\"000.00.14.H56-261124-0001\"}"u8.ToArray();

        var jws = _signer.SignDetachedJws(payload);

        var parts = jws.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.Empty(parts[1]);
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        var expectedThumbprint = Base64Url.EncodeToString(SHA256.HashData(_signer.Certificate.RawData));
        Assert.Equal(["alg", "kid", "x5t#S256"], header.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("RS256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal(expectedThumbprint, header.RootElement.GetProperty("x5t#S256").GetString());
        Assert.Equal(expectedThumbprint, header.RootElement.GetProperty("kid").GetString());
        Assert.Equal(expectedThumbprint, _signer.KeyId);

        // RFC 7515 §5.1, computed here independently: RSASSA-PKCS1-v1_5 SHA-256 over ASCII(header '.' BASE64URL(payload)).
        var input = Encoding.ASCII.GetBytes(parts[0] + "." + Base64Url.EncodeToString(payload));
        using var publicKey = _signer.Certificate.GetRSAPublicKey()!;
        Assert.True(publicKey.VerifyData(input, Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task SignDetachedJws_ManyThreadsAtOnce_AllVerify()
    {
        using var verifier = SigningKeys.Verifier(SigningKeys.Clock());
        var payloads = Enumerable.Range(0, 64).Select(i => Encoding.UTF8.GetBytes($"{{\"n\":{i}}}")).ToList();

        var signatures = await Task.WhenAll(payloads.Select(p => Task.Run(() => _signer.SignDetachedJws(p))));

        for (var i = 0; i < payloads.Count; i++)
        {
            Assert.Equal(_signer.Certificate.Thumbprint, verifier.VerifyDetachedJws(signatures[i], payloads[i]).Thumbprint);
        }
    }

    [Fact]
    public void Certificate_IsThePublicPartOnly()
    {
        Assert.False(_signer.Certificate.HasPrivateKey);
        Assert.Null(_signer.Certificate.GetRSAPrivateKey());
    }

    [Fact]
    public void Constructor_CertificateWithoutPrivateKey_Throws()
    {
        using var hub = SigningKeys.Hub();
        var publicOnly = TestCertificates.PublicOnly(hub);

        Assert.Throws<ArgumentException>(() => new X509PacketSigner(publicOnly));
        publicOnly.Dispose();
    }

    [Fact]
    public void Constructor_Rsa1024_Throws()
    {
        using var weak = SigningKeys.Weak();

        var ex = Assert.Throws<ArgumentException>(() => new X509PacketSigner(weak));
        Assert.Contains("2048", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_EcKeyNotOnP256_Throws()
    {
        // EC P-256 signs (ES256, ecdsa-sha256: EcdsaPacketSigningTests); other curves are not packet keys.
        using var ec = TestCertificates.CreateEcdsa("EC signer (test)", curve: System.Security.Cryptography.ECCurve.NamedCurves.nistP384);

        var ex = Assert.Throws<ArgumentException>(() => new X509PacketSigner(ec));
        Assert.Contains("P-256", ex.Message, StringComparison.Ordinal);
    }
}
