using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using Lgsp.Core.Errors;
using Lgsp.Core.Signing;
using Microsoft.Extensions.Time.Testing;

namespace Lgsp.Core.Tests.Signing;

/// <summary>
/// Enveloped XML signatures end to end: signed by the hub's signer, sent as text, parsed safely and verified by a
/// receiver trusting the hub. Each attack is refused with its exact catalogue code.
/// </summary>
public sealed class PacketSignatureVerifierXmlTests : IDisposable
{
    private readonly FakeTimeProvider _time = SigningKeys.Clock();
    private readonly X509PacketSigner _signer = new(SigningKeys.Hub());
    private readonly PacketSignatureVerifier _verifier;

    public PacketSignatureVerifierXmlTests() => _verifier = SigningKeys.Verifier(_time);

    public void Dispose()
    {
        _verifier.Dispose();
        _signer.Dispose();
    }

    // ---- accepted ----

    [Fact]
    public void VerifyXmlDocument_ValidPacket_ReturnsRootAndSigner()
    {
        var verified = _verifier.VerifyXmlDocument(SamplePacket.Signed(_signer));

        Assert.Equal(_signer.Certificate.Thumbprint, verified.Signer.Thumbprint);
        Assert.False(verified.Signer.HasPrivateKey);
        Assert.Equal("Packet", verified.Element.LocalName);
        Assert.Equal(SamplePacket.Id, verified.Element.GetAttribute("Id"));
        Assert.Equal(SamplePacket.CitizenName, SamplePacket.CitizenNameElement(verified.Element).InnerText);
    }

    [Fact]
    public void VerifyXml_SignedPacketInsideALargerDocument_Verifies()
    {
        var packet = SamplePacket.Load(SamplePacket.Signed(_signer)).DocumentElement!.OuterXml;
        var envelope = SamplePacket.Load($"""<Transport xmlns="urn:example:transport" xmlns:x="urn:example:other"><x:Route>H56 → G22</x:Route>{packet}</Transport>""");
        var element = envelope.GetElementsByTagName("Packet", SamplePacket.Namespace).OfType<XmlElement>().Single();

        Assert.Equal(_signer.Certificate.Thumbprint, _verifier.VerifyXml(element).Thumbprint);
    }

    [Fact]
    public void VerifyXml_TwoSignedPacketsInOneDocument_EachVerifies()
    {
        var first = SamplePacket.Load(SamplePacket.Signed(_signer, SamplePacket.Xml("pkt-a"))).DocumentElement!.OuterXml;
        using var partner = new X509PacketSigner(SigningKeys.Partner());
        var second = SamplePacket.Load(SamplePacket.Signed(partner, SamplePacket.Xml("pkt-b"))).DocumentElement!.OuterXml;
        var batch = SamplePacket.Load($"<Batch>{first}{second}</Batch>");
        var packets = batch.DocumentElement!.ChildNodes.OfType<XmlElement>().ToList();

        Assert.Equal(_signer.Certificate.Thumbprint, _verifier.VerifyXml(packets[0]).Thumbprint);
        Assert.Equal(partner.Certificate.Thumbprint, _verifier.VerifyXml(packets[1]).Thumbprint);
    }

    // ---- tampering, keys, trust ----

    [Fact]
    public void VerifyXmlDocument_TamperedBody_IsSignatureInvalid()
    {
        var signed = SamplePacket.Signed(_signer);
        var tampered = signed.Replace(SamplePacket.CitizenName, "Nguyễn Thị Minh Khải", StringComparison.Ordinal);
        Assert.NotEqual(signed, tampered);

        Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => _verifier.VerifyXmlDocument(tampered));
    }

    [Fact]
    public void VerifyXmlDocument_TamperedHeader_IsSignatureInvalid()
    {
        var signed = SamplePacket.Signed(_signer);
        var tampered = signed.Replace($"<From>{SamplePacket.Sender}</From>", "<From>000.00.15.H56</From>", StringComparison.Ordinal);
        Assert.NotEqual(signed, tampered);

        Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => _verifier.VerifyXmlDocument(tampered));
    }

    [Fact]
    public void VerifyXmlDocument_WhitespaceAddedInBody_IsSignatureInvalid()
    {
        var tampered = SamplePacket.Signed(_signer).Replace("<GioiTinh>2</GioiTinh>", "<GioiTinh>2 </GioiTinh>", StringComparison.Ordinal);

        Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => _verifier.VerifyXmlDocument(tampered));
    }

    [Fact]
    public void VerifyXmlDocument_SignedByUntrustedCertificate_IsSignatureUntrusted()
    {
        using var stranger = new X509PacketSigner(SigningKeys.Stranger());

        Rejection.Assert(ErrorCatalogue.SignatureUntrusted, () => _verifier.VerifyXmlDocument(SamplePacket.Signed(stranger)));
    }

    [Fact]
    public void VerifyXmlDocument_KeyDoesNotMatchTheCertificateInKeyInfo_IsSignatureInvalid()
    {
        var document = SamplePacket.Load(SamplePacket.Xml());
        using var stranger = SigningKeys.Stranger();
        using var strangerKey = stranger.GetRSAPrivateKey()!;
        ManualXmlSignature.Sign(document.DocumentElement!, strangerKey, _signer.Certificate);

        Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => _verifier.VerifyXmlDocument(document.OuterXml));
    }

    [Fact]
    public void VerifyXmlDocument_CertificateExpired_IsSignatureUntrusted()
    {
        var signed = SamplePacket.Signed(_signer);
        _time.SetUtcNow(SigningKeys.ValidUntil.AddDays(1));

        Rejection.Assert(ErrorCatalogue.SignatureUntrusted, () => _verifier.VerifyXmlDocument(signed));
    }

    [Fact]
    public void VerifyXmlDocument_CertificateNotYetValid_IsSignatureUntrusted()
    {
        var signed = SamplePacket.Signed(_signer);
        using var early = SigningKeys.Verifier(new FakeTimeProvider(SigningKeys.ValidFrom.AddSeconds(-1)));

        Rejection.Assert(ErrorCatalogue.SignatureUntrusted, () => early.VerifyXmlDocument(signed));
    }

    [Fact]
    public void VerifyXmlDocument_Unsigned_IsSignatureMissing()
    {
        Rejection.Assert(ErrorCatalogue.SignatureMissing, () => _verifier.VerifyXmlDocument(SamplePacket.Xml()));
    }

    [Fact]
    public void VerifyXmlDocument_KeyInfoWithoutCertificate_IsSignatureInvalid()
    {
        var document = SamplePacket.Load(SamplePacket.Signed(_signer));
        var keyInfo = SamplePacket.Child(SamplePacket.SignatureOf(document.DocumentElement!), "KeyInfo");
        keyInfo.RemoveAll();

        Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => _verifier.VerifyXml(document.DocumentElement!));
    }

    [Theory]
    [InlineData("DigestValue", "not base64!")]
    [InlineData("SignatureValue", "not base64!")]
    [InlineData("X509Certificate", "not base64!")]
    [InlineData("X509Certificate", "AAAA")]
    public void VerifyXmlDocument_GarbageInSignatureValues_IsSignatureInvalid(string element, string value)
    {
        var document = SamplePacket.Load(SamplePacket.Signed(_signer));
        var target = document.GetElementsByTagName(element, SignedXml.XmlDsigNamespaceUrl).OfType<XmlElement>().Single();
        target.InnerText = value;

        Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => _verifier.VerifyXml(document.DocumentElement!));
    }

    [Fact]
    public void VerifyXmlDocument_TwoSignaturesOnThePacket_IsSignatureInvalid()
    {
        var document = SamplePacket.Load(SamplePacket.Signed(_signer));
        var packet = document.DocumentElement!;
        packet.AppendChild(SamplePacket.SignatureOf(packet).CloneNode(deep: true));

        Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => _verifier.VerifyXml(packet));
    }

    [Fact]
    public void VerifyXmlDocument_InclusiveCanonicalization_IsSignatureInvalid()
    {
        var document = SamplePacket.Load(SamplePacket.Xml());
        using var hub = SigningKeys.Hub();
        using var key = hub.GetRSAPrivateKey()!;
        ManualXmlSignature.Sign(document.DocumentElement!, key, hub,
            configure: s => s.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigC14NTransformUrl);

        Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => _verifier.VerifyXmlDocument(document.OuterXml));
    }

    // ---- weak algorithms ----

    [Theory]
    [InlineData(SignedXml.XmlDsigRSASHA1Url, SignedXml.XmlDsigSHA1Url)]
    [InlineData(SignedXml.XmlDsigRSASHA1Url, SignedXml.XmlDsigSHA256Url)]
    [InlineData(SignedXml.XmlDsigRSASHA256Url, SignedXml.XmlDsigSHA1Url)]
    public void VerifyXmlDocument_Sha1SignatureOrDigest_IsWeakAlgorithm(string signatureMethod, string digestMethod)
    {
        var document = SamplePacket.Load(SamplePacket.Xml());
        using var hub = SigningKeys.Hub();
        using var key = hub.GetRSAPrivateKey()!;
        ManualXmlSignature.Sign(document.DocumentElement!, key, hub, signatureMethod, digestMethod);

        Rejection.Assert(ErrorCatalogue.SignatureWeakAlgorithm, () => _verifier.VerifyXmlDocument(document.OuterXml));
    }

    [Fact]
    public void VerifyXmlDocument_HmacSignature_IsWeakAlgorithm()
    {
        var document = SamplePacket.Load(SamplePacket.Xml());
        using var hub = SigningKeys.Hub();

        // The classic confusion: the signer's public key used as an HMAC secret.
        using var hmac = new HMACSHA256(hub.RawData);
        ManualXmlSignature.Sign(document.DocumentElement!, key: null, hub, hmac: hmac);

        Rejection.Assert(ErrorCatalogue.SignatureWeakAlgorithm, () => _verifier.VerifyXmlDocument(document.OuterXml));
    }

    [Fact]
    public void VerifyXmlDocument_Rsa1024Key_IsWeakAlgorithm()
    {
        var document = SamplePacket.Load(SamplePacket.Xml());
        using var weak = SigningKeys.Weak();
        using var key = weak.GetRSAPrivateKey()!;
        ManualXmlSignature.Sign(document.DocumentElement!, key, weak);

        Rejection.Assert(ErrorCatalogue.SignatureWeakAlgorithm, () => _verifier.VerifyXmlDocument(document.OuterXml));
    }

    // ---- signature wrapping ----

    [Fact]
    public void VerifyXmlDocument_OriginalMovedIntoObjectAndForgedElementInItsPlace_IsReferenceMismatch()
    {
        var document = SamplePacket.Load(SamplePacket.Signed(_signer));
        var packet = document.DocumentElement!;
        var signature = SamplePacket.SignatureOf(packet);

        // The signed original (without its signature) goes into ds:Object, where a naive resolver still finds it...
        var original = (XmlElement)packet.CloneNode(deep: true);
        original.RemoveChild(SamplePacket.SignatureOf(original));
        var holder = document.CreateElement("Object", SignedXml.XmlDsigNamespaceUrl);
        holder.AppendChild(original);
        signature.AppendChild(holder);

        // ...while the element the application reads, same Id, says something else.
        SamplePacket.CitizenNameElement(packet).InnerText = "Kẻ Mạo Danh";

        var ex = Rejection.Assert(ErrorCatalogue.SignatureReferenceMismatch, () => _verifier.VerifyXmlDocument(document.OuterXml));
        Assert.Contains("unique", ex.Detail?.En, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyXml_ForgedElementCarriesTheIdUnderAnotherAttributeName_IsReferenceMismatch()
    {
        var document = SamplePacket.Load(SamplePacket.Signed(_signer));
        var packet = document.DocumentElement!;
        var signature = SamplePacket.SignatureOf(packet);
        var original = (XmlElement)packet.CloneNode(deep: true);
        original.RemoveChild(SamplePacket.SignatureOf(original));

        // The forged packet names itself with ID, not Id; .NET resolves "#id" through Id first and so lands on the
        // untouched original, hidden in an extension element of the forged header.
        packet.RemoveAttribute("Id");
        packet.SetAttribute("ID", SamplePacket.Id);
        SamplePacket.CitizenNameElement(packet).InnerText = "Kẻ Mạo Danh";
        var extension = document.CreateElement("Extension", SamplePacket.Namespace);
        extension.AppendChild(original);
        SamplePacket.Child(packet, "Header").AppendChild(extension);

        // Evidence that this is a real attack: stock SignedXml.CheckSignature accepts the document.
        var stock = new SignedXml(document);
        stock.LoadXml(signature);
        Assert.True(stock.CheckSignature(_signer.Certificate, verifySignatureOnly: true));

        var ex = Rejection.Assert(ErrorCatalogue.SignatureReferenceMismatch, () => _verifier.VerifyXml(packet));
        Assert.Contains("unique", ex.Detail?.En, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyXml_DuplicateIdElsewhereInTheDocument_IsReferenceMismatch()
    {
        var signed = SamplePacket.Load(SamplePacket.Signed(_signer)).DocumentElement!;
        var original = (XmlElement)signed.CloneNode(deep: true);
        original.RemoveChild(SamplePacket.SignatureOf(original));
        SamplePacket.CitizenNameElement(signed).InnerText = "Kẻ Mạo Danh";
        var document = SamplePacket.Load($"<Transport>{signed.OuterXml}<Archive>{original.OuterXml}</Archive></Transport>");
        var forged = (XmlElement)document.DocumentElement!.FirstChild!;

        var ex = Rejection.Assert(ErrorCatalogue.SignatureReferenceMismatch, () => _verifier.VerifyXml(forged));
        Assert.Contains("unique", ex.Detail?.En, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyXml_ElementWhoseSignatureIsElsewhere_IsReferenceMismatch()
    {
        var packet = SamplePacket.Load(SamplePacket.Signed(_signer)).DocumentElement!.OuterXml;
        var document = SamplePacket.Load($"<Transport><Note>unsigned</Note>{packet}</Transport>");

        Rejection.Assert(ErrorCatalogue.SignatureReferenceMismatch, () => _verifier.VerifyXml(document.DocumentElement!));
    }

    [Fact]
    public void VerifyXmlDocument_SignatureMovedIntoTheHeader_IsReferenceMismatch()
    {
        var document = SamplePacket.Load(SamplePacket.Signed(_signer));
        var packet = document.DocumentElement!;
        SamplePacket.Child(packet, "Header").AppendChild(SamplePacket.SignatureOf(packet));

        Rejection.Assert(ErrorCatalogue.SignatureReferenceMismatch, () => _verifier.VerifyXmlDocument(document.OuterXml));
    }

    [Fact]
    public void VerifyXmlDocument_ReferenceToTheWholeDocument_IsReferenceMismatch()
    {
        var document = SamplePacket.Load(SamplePacket.Xml());
        using var hub = SigningKeys.Hub();
        using var key = hub.GetRSAPrivateKey()!;
        ManualXmlSignature.Sign(document.DocumentElement!, key, hub, referenceUri: "");

        Rejection.Assert(ErrorCatalogue.SignatureReferenceMismatch, () => _verifier.VerifyXmlDocument(document.OuterXml));
    }

    [Fact]
    public void VerifyXmlDocument_ReferenceToAnotherElement_IsReferenceMismatch()
    {
        var document = SamplePacket.Load(SamplePacket.Xml());
        var header = SamplePacket.Child(document.DocumentElement!, "Header");
        header.SetAttribute("Id", "hdr-1");
        using var hub = SigningKeys.Hub();
        using var key = hub.GetRSAPrivateKey()!;
        ManualXmlSignature.Sign(document.DocumentElement!, key, hub, referenceUri: "#hdr-1");

        Rejection.Assert(ErrorCatalogue.SignatureReferenceMismatch, () => _verifier.VerifyXmlDocument(document.OuterXml));
    }

    [Fact]
    public void VerifyXmlDocument_SecondReference_IsReferenceMismatch()
    {
        var document = SamplePacket.Load(SamplePacket.Xml());
        SamplePacket.Child(document.DocumentElement!, "Header").SetAttribute("Id", "hdr-1");
        using var hub = SigningKeys.Hub();
        using var key = hub.GetRSAPrivateKey()!;
        ManualXmlSignature.Sign(document.DocumentElement!, key, hub, configure: s =>
        {
            var extra = new Reference("#hdr-1") { DigestMethod = SignedXml.XmlDsigSHA256Url };
            extra.AddTransform(new XmlDsigExcC14NTransform());
            s.AddReference(extra);
        });

        Rejection.Assert(ErrorCatalogue.SignatureReferenceMismatch, () => _verifier.VerifyXmlDocument(document.OuterXml));
    }

    [Fact]
    public void VerifyXmlDocument_XPathTransform_IsReferenceMismatch()
    {
        var document = SamplePacket.Load(SamplePacket.Xml());
        using var hub = SigningKeys.Hub();
        using var key = hub.GetRSAPrivateKey()!;
        ManualXmlSignature.Sign(document.DocumentElement!, key, hub, configureReference: r =>
        {
            var xpath = SamplePacket.Load("""<XPath xmlns:ds="http://www.w3.org/2000/09/xmldsig#">not(ancestor-or-self::ds:Signature)</XPath>""");
            var transform = new XmlDsigXPathTransform();
            transform.LoadInnerXml(xpath.SelectNodes("/*")!);
            r.AddTransform(transform);
        });

        Rejection.Assert(ErrorCatalogue.SignatureReferenceMismatch, () => _verifier.VerifyXmlDocument(document.OuterXml));
    }

    [Fact]
    public void VerifyXmlDocument_SignatureCarryingAnObject_IsReferenceMismatch()
    {
        var document = SamplePacket.Load(SamplePacket.Xml());
        using var hub = SigningKeys.Hub();
        using var key = hub.GetRSAPrivateKey()!;
        var extra = SamplePacket.Load("<Note>not signed, not wanted</Note>");
        ManualXmlSignature.Sign(document.DocumentElement!, key, hub,
            configure: s => s.AddObject(new DataObject { Id = "obj-1", Data = extra.ChildNodes }));

        var ex = Rejection.Assert(ErrorCatalogue.SignatureReferenceMismatch, () => _verifier.VerifyXmlDocument(document.OuterXml));
        Assert.Contains("Object", ex.Detail?.En, StringComparison.Ordinal);
    }

    // ---- unsafe XML ----

    [Fact]
    public void VerifyXmlDocument_ExternalEntity_IsUnsafeXml()
    {
        const string xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE Packet [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <Packet Id="pkt-1"><Body>&xxe;</Body></Packet>
            """;

        Rejection.Assert(ErrorCatalogue.UnsafeXml, () => _verifier.VerifyXmlDocument(xxe));
    }

    [Fact]
    public void VerifyXmlDocument_ExternalDtd_IsUnsafeXml()
    {
        const string dtd = """<!DOCTYPE Packet SYSTEM "file:///etc/passwd"><Packet Id="pkt-1"/>""";

        Rejection.Assert(ErrorCatalogue.UnsafeXml, () => _verifier.VerifyXmlDocument(dtd));
    }

    [Fact]
    public void VerifyXmlDocument_BillionLaughs_IsUnsafeXml()
    {
        const string lol = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
              <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
              <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
              <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
              <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <Packet Id="pkt-1"><Body>&lol9;</Body></Packet>
            """;

        Rejection.Assert(ErrorCatalogue.UnsafeXml, () => _verifier.VerifyXmlDocument(lol));
    }

    [Fact]
    public void VerifyXmlDocument_ValidlySignedPacketBehindADoctype_IsUnsafeXml()
    {
        var signed = SamplePacket.Load(SamplePacket.Signed(_signer)).DocumentElement!.OuterXml;
        var withDoctype = """<!DOCTYPE Packet [ <!ENTITY x SYSTEM "file:///etc/hostname"> ]>""" + signed;

        Rejection.Assert(ErrorCatalogue.UnsafeXml, () => _verifier.VerifyXmlDocument(withDoctype));
    }
}
