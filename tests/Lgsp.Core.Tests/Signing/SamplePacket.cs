using System.Xml;
using Lgsp.Core.Signing;
using Lgsp.Core.Xml;

namespace Lgsp.Core.Tests.Signing;

/// <summary>An XML packet shaped like the canonical envelope: a header naming the exchange and a body with a (synthetic) citizen record.</summary>
internal static class SamplePacket
{
    public const string Namespace = "urn:lgsp:envelope:1";
    public const string Id = "pkt-7d9f3c1e";
    public const string CitizenName = "Nguyễn Thị Minh Khai";
    public const string Sender = "000.00.14.H56";

    public static string Xml(string id = Id) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <Packet xmlns="{Namespace}" Id="{id}">
          <Header>
            <MessageId>7d9f3c1e-5b2a-4e8f-9c61-0a4b8e2d7f13</MessageId>
            <From>{Sender}</From>
            <To>000.00.00.G22</To>
            <Service>population</Service>
            <Operation>TraCuuThongTinCongDan</Operation>
            <CreatedAt>2026-11-24T09:41:07+07:00</CreatedAt>
          </Header>
          <Body>
            <CongDan>
              <SoDinhDanh>038098001234</SoDinhDanh>
              <HoVaTen>{CitizenName}</HoVaTen>
              <NgaySinh>1998-03-17</NgaySinh>
              <GioiTinh>2</GioiTinh>
              <NoiThuongTru>Số 12 đường Lê Lợi, phường Điện Biên</NoiThuongTru>
            </CongDan>
          </Body>
        </Packet>
        """;

    /// <summary>The sample (or <paramref name="xml"/>) signed by <paramref name="signer"/>, as the text that travels.</summary>
    public static string Signed(IPacketSigner signer, string? xml = null)
    {
        var document = SafeXml.LoadDocument(xml ?? Xml());
        signer.SignXml(document.DocumentElement!);
        return document.OuterXml;
    }

    /// <summary>
    /// The sample (or <paramref name="xml"/>) placed in <paramref name="envelope"/> (where <c>{packet}</c> stands) and
    /// signed there, as a source signs an answer inside its SOAP envelope: the <c>#Id</c> form of the profile.
    /// </summary>
    public static XmlDocument SignedInside(IPacketSigner signer, string envelope, string? xml = null)
    {
        var packet = Load(xml ?? Xml()).DocumentElement!.OuterXml;
        var document = Load(envelope.Replace("{packet}", packet, StringComparison.Ordinal));
        foreach (var element in document.GetElementsByTagName("Packet", Namespace).OfType<XmlElement>().ToList())
        {
            signer.SignXml(element);
        }

        return document;
    }

    public static XmlDocument Load(string xml) => SafeXml.LoadDocument(xml);

    public static XmlElement Child(XmlElement parent, string localName) =>
        parent.ChildNodes.OfType<XmlElement>().Single(e => e.LocalName == localName);

    public static XmlElement SignatureOf(XmlElement element) =>
        element.ChildNodes.OfType<XmlElement>().Single(e => e.LocalName == "Signature" && e.NamespaceURI == System.Security.Cryptography.Xml.SignedXml.XmlDsigNamespaceUrl);

    public static XmlElement CitizenNameElement(XmlElement packet) =>
        Child(Child(Child(packet, "Body"), "CongDan"), "HoVaTen");
}
