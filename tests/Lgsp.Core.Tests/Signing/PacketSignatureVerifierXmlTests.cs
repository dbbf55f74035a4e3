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
    public void VerifyXml_PacketSignedInsideALargerDocument_Verifies()
    {
        var envelope = SamplePacket.SignedInside(_signer, """<Transport xmlns="urn:example:transport" xmlns:x="urn:example:other"><x:Route>H56 → G22</x:Route>{packet}</Transport>""");
        var element = envelope.GetElementsByTagName("Packet", SamplePacket.Namespace).OfType<XmlElement>().Single();

        Assert.Equal("#" + SamplePacket.Id, SamplePacket.Child(SamplePacket.Child(SamplePacket.SignatureOf(element), "SignedInfo"), "Reference").GetAttribute("URI"));
        Assert.Equal(_signer.Certificate.Thumbprint, _verifier.VerifyXml(element).Thumbprint);
    }

    [Fact]
    public void VerifyXml_TwoPacketsSignedInOneDocument_EachVerifies()
    {
        var batch = SamplePacket.Load($"<Batch>{SamplePacket.Load(SamplePacket.Xml("pkt-a")).DocumentElement!.OuterXml}{SamplePacket.Load(SamplePacket.Xml("pkt-b")).DocumentElement!.OuterXml}</Batch>");
        var packets = batch.DocumentElement!.ChildNodes.OfType<XmlElement>().ToList();
        using var partner = new X509PacketSigner(SigningKeys.Partner());
        _signer.SignXml(packets[0]);
        partner.SignXml(packets[1]);

        Assert.Equal(_signer.Certificate.Thumbprint, _verifier.VerifyXml(packets[0]).Thumbprint);
        Assert.Equal(partner.Certificate.Thumbprint, _verifier.VerifyXml(packets[1]).Thumbprint);
    }

    [Fact]
    public void VerifyXml_PacketSignedAsADocumentThenPutInsideAnother_IsReferenceMismatch()
    {
        // URI="" signs the document it was made in; carried into another, it would cover the carrier, not the packet.
        var packet = SamplePacket.Load(SamplePacket.Signed(_signer)).DocumentElement!.OuterXml;
        var envelope = SamplePacket.Load($"""<Transport xmlns="urn:example:transport">{packet}</Transport>""");
        var element = envelope.GetElementsByTagName("Packet", SamplePacket.Namespace).OfType<XmlElement>().Single();

        var ex = Rejection.Assert(ErrorCatalogue.SignatureReferenceMismatch, () => _verifier.VerifyXml(element));
        Assert.Contains("root", ex.Detail?.En, StringComparison.Ordinal);
    }

    // ---- the whole-document form and the form before it ----

    [Fact]
    public void VerifyXmlDocument_PacketSignedByTheHub_ReferencesTheWholeDocument()
    {
        var document = SamplePacket.Load(SamplePacket.Signed(_signer));

        var reference = SamplePacket.Child(SamplePacket.Child(SamplePacket.SignatureOf(document.DocumentElement!), "SignedInfo"), "Reference");
        Assert.Equal("", reference.GetAttributeNode("URI")?.Value);
        Assert.Equal(SamplePacket.Id, _verifier.VerifyXmlDocument(document.OuterXml).Element.GetAttribute("Id"));
    }

    [Fact]
    public void VerifyXmlDocument_RootSignedWithItsIdAsBefore_IsReferenceMismatchByDefault()
    {
        var legacy = LegacySigned();

        var ex = Rejection.Assert(ErrorCatalogue.SignatureReferenceMismatch, () => _verifier.VerifyXmlDocument(legacy));
        Assert.Contains(nameof(PacketSignatureVerifierOptions.AcceptLegacyRootIdReference), ex.Detail?.En, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyXmlDocument_RootSignedWithItsIdAsBefore_VerifiesWithTheLegacyOption()
    {
        using var legacyVerifier = LegacyVerifier();

        var verified = legacyVerifier.VerifyXmlDocument(LegacySigned());

        Assert.Equal(_signer.Certificate.Thumbprint, verified.Signer.Thumbprint);
        Assert.Equal(SamplePacket.CitizenName, SamplePacket.CitizenNameElement(verified.Element).InnerText);
    }

    [Fact]
    public void VerifyXmlDocument_LegacyOptionAndATamperedPacket_IsSignatureInvalid()
    {
        using var legacyVerifier = LegacyVerifier();
        var tampered = LegacySigned().Replace(SamplePacket.CitizenName, "Kẻ Mạo Danh", StringComparison.Ordinal);

        Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => legacyVerifier.VerifyXmlDocument(tampered));
    }

    [Fact]
    public void VerifyXml_LegacyOptionAndTheOriginalHiddenUnderTheSameId_IsReferenceMismatch()
    {
        // The option relaxes the URI only: the wrapping checks of the Id form all still apply.
        using var legacyVerifier = LegacyVerifier();
        var document = SamplePacket.Load(LegacySigned());
        var packet = document.DocumentElement!;
        var original = (XmlElement)packet.CloneNode(deep: true);
        original.RemoveChild(SamplePacket.SignatureOf(original));
        SamplePacket.CitizenNameElement(packet).InnerText = "Kẻ Mạo Danh";
        var extension = document.CreateElement("Extension", SamplePacket.Namespace);
        extension.AppendChild(original);
        SamplePacket.Child(packet, "Header").AppendChild(extension);

        var ex = Rejection.Assert(ErrorCatalogue.SignatureReferenceMismatch, () => legacyVerifier.VerifyXml(packet));
        Assert.Contains("unique", ex.Detail?.En, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyXml_CommentSplittingASignedText_IsReferenceMismatch()
    {
        // Comments are not digested: this one leaves the signature valid while a reader taking the element's first
        // text node reads "Nguyễn" alone.
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(SamplePacket.Signed(_signer));
        var name = SamplePacket.CitizenNameElement(document.DocumentElement!);
        var text = (XmlText)name.FirstChild!;
        var rest = text.SplitText("Nguyễn".Length);
        name.InsertBefore(document.CreateComment("x"), rest);
        Assert.Equal("Nguyễn", name.FirstChild!.Value);

        Rejection.Assert(ErrorCatalogue.SignatureReferenceMismatch, () => _verifier.VerifyXml(document.DocumentElement!));
    }

    [Fact]
    public void VerifyXml_SecondSignatureInsideAWholeDocumentSignedPacket_IsSignatureInvalid()
    {
        // Covered by the outer digest, but xmlsec1 checks the first signature it meets, and that would be this one.
        var inner = SamplePacket.SignedInside(_signer, "<Archive>{packet}</Archive>", SamplePacket.Xml("pkt-inner")).DocumentElement!;
        var outer = SamplePacket.Load(SamplePacket.Xml());
        SamplePacket.Child(outer.DocumentElement!, "Body").AppendChild(outer.ImportNode(inner, deep: true));
        using var hub = SigningKeys.Hub();
        using var key = hub.GetRSAPrivateKey()!;
        ManualXmlSignature.Sign(outer.DocumentElement!, key, hub);

        var ex = Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => _verifier.VerifyXmlDocument(outer.OuterXml));
        Assert.Contains("exactly one ds:Signature", ex.Detail?.En, StringComparison.Ordinal);
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
        var document = SamplePacket.SignedInside(_signer, "<Transport>{packet}</Transport>");
        var packet = (XmlElement)document.DocumentElement!.FirstChild!;
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
        var document = SamplePacket.SignedInside(_signer, "<Transport>{packet}<Archive/></Transport>");
        var forged = (XmlElement)document.DocumentElement!.FirstChild!;
        var original = (XmlElement)forged.CloneNode(deep: true);
        original.RemoveChild(SamplePacket.SignatureOf(original));
        SamplePacket.CitizenNameElement(forged).InnerText = "Kẻ Mạo Danh";
        document.DocumentElement.LastChild!.AppendChild(original);

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
    public void VerifyXml_ReferenceToTheWholeDocumentFromAnEmbeddedPacket_IsReferenceMismatch()
    {
        var document = SamplePacket.Load($"<Transport>{SamplePacket.Load(SamplePacket.Xml()).DocumentElement!.OuterXml}</Transport>");
        var packet = (XmlElement)document.DocumentElement!.FirstChild!;
        using var hub = SigningKeys.Hub();
        using var key = hub.GetRSAPrivateKey()!;
        ManualXmlSignature.Sign(packet, key, hub, referenceUri: "");

        Rejection.Assert(ErrorCatalogue.SignatureReferenceMismatch, () => _verifier.VerifyXml(packet));
    }

    [Theory]
    [InlineData("#xpointer(/)")]
    [InlineData("#xpointer(id('" + SamplePacket.Id + "'))")]
    [InlineData("file:///etc/passwd")]
    public void VerifyXmlDocument_ReferenceNeitherWholeDocumentNorBareId_IsReferenceMismatch(string uri)
    {
        var document = SamplePacket.Load(SamplePacket.Xml());
        using var hub = SigningKeys.Hub();
        using var key = hub.GetRSAPrivateKey()!;
        var signature = ManualXmlSignature.Sign(document.DocumentElement!, key, hub);
        SamplePacket.Child(SamplePacket.Child(signature, "SignedInfo"), "Reference").SetAttribute("URI", uri);

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

    private string LegacySigned()
    {
        var document = SamplePacket.Load(SamplePacket.Xml());
        using var hub = SigningKeys.Hub();
        using var key = hub.GetRSAPrivateKey()!;
        ManualXmlSignature.Sign(document.DocumentElement!, key, hub, referenceUri: "#" + SamplePacket.Id);
        return document.OuterXml;
    }

    private PacketSignatureVerifier LegacyVerifier()
    {
        using var hub = SigningKeys.Hub();
        return new PacketSignatureVerifier([hub], _time, new PacketSignatureVerifierOptions { AcceptLegacyRootIdReference = true });
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
