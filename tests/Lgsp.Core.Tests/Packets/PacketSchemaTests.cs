using System.Text;
using System.Xml.Linq;
using System.Xml.Schema;
using Lgsp.Core.Packets;
using Lgsp.Testing;

namespace Lgsp.Core.Tests.Packets;

/// <summary>
/// The contracts in <c>schemas/packet/v1</c> are the source of truth: what the code writes must validate against
/// the files on disk (not the code's own copy), and the two forms must carry the same packet.
/// </summary>
public sealed class PacketSchemaTests
{
    [Theory]
    [MemberData(nameof(SamplePackets.Names), MemberType = typeof(SamplePackets))]
    public void ToJson_EveryBodyType_ValidatesAgainstTheJsonSchema(string name)
    {
        var json = PacketJson.ToJson(SamplePackets.ByName(name));

        var errors = PacketContracts.Json.Validate(json);

        Assert.Empty(errors.Select(e => $"{e.Path}: {e.Kind}"));
    }

    [Theory]
    [MemberData(nameof(SamplePackets.Names), MemberType = typeof(SamplePackets))]
    public void ToXml_EveryBodyType_ValidatesAgainstTheXsd(string name)
    {
        var xml = PacketXml.ToXml(SamplePackets.ByName(name));
        var errors = new List<string>();

        var document = XDocument.Parse(xml);
        document.Validate(PacketContracts.Xml, (_, e) => errors.Add(e.Message));

        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(SamplePackets.Names), MemberType = typeof(SamplePackets))]
    public void RoundTrip_JsonToXmlToJson_IsByteIdentical(string name)
    {
        var json = PacketJson.ToUtf8Bytes(SamplePackets.ByName(name));

        var fromJson = PacketJson.Read(json);
        var xml = PacketXml.ToXml(fromJson);
        var fromXml = PacketXml.Read(xml);
        var again = PacketJson.ToUtf8Bytes(fromXml);

        Assert.Equal(Encoding.UTF8.GetString(json), Encoding.UTF8.GetString(again));
        Assert.Equal(xml, PacketXml.ToXml(fromXml));
    }

    [Fact]
    public void ToJson_VietnameseText_IsWrittenAsUtf8NotEscapes()
    {
        var json = PacketJson.ToJson(SamplePackets.Progress());

        Assert.Contains("\"actor\":\"Nguyễn Văn Bình\"", json, StringComparison.Ordinal);
        Assert.Contains("\"department\":\"Phòng Hộ tịch\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_Progress_HasTheDocumentedShape()
    {
        var json = PacketJson.ToJson(SamplePackets.Progress(steps: 1));

        Assert.StartsWith("{\"version\":\"1.0\",\"header\":{\"messageId\":\"0b6f6f0e-6a2c-4c1e-9d3e-6c1f8a2d9b11\"", json, StringComparison.Ordinal);
        Assert.Contains("\"sender\":\"000.00.14.H56\"", json, StringComparison.Ordinal);
        Assert.Contains("\"createdAt\":\"2026-11-24T09:41:07+07:00\"", json, StringComparison.Ordinal);
        Assert.Contains("\"body\":{\"dossierProgress\":{\"dossierCode\":\"H56.14-250812-0035\"", json, StringComparison.Ordinal);
        Assert.Contains("\"status\":2,", json, StringComparison.Ordinal);
        Assert.Contains("\"stepDueAt\":\"2025-08-14T17:00:00.123+07:00\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ToXml_Progress_HasTheDocumentedShape()
    {
        var xml = PacketXml.ToXml(SamplePackets.Progress(steps: 2));

        Assert.StartsWith("<Packet Id=\"pkt-0b6f6f0e-6a2c-4c1e-9d3e-6c1f8a2d9b11\" Version=\"1.0\" xmlns=\"urn:lgsp:packet:v1\"><Header><MessageId>", xml, StringComparison.Ordinal);
        Assert.Contains("<Steps><Step><Seq>1</Seq><Status>2</Status><Actor>Nguyễn Văn Bình</Actor>", xml, StringComparison.Ordinal);
        Assert.Contains("&lt;&amp;&gt;", xml, StringComparison.Ordinal);
        Assert.Equal(2, XDocument.Parse(xml).Descendants(XName.Get("Step", PacketXml.Namespace)).Count());
    }

    [Fact]
    public void Schemas_ListExactlyTheRegisteredBodies()
    {
        var xsd = XDocument.Load(RepoPaths.Combine("schemas", "packet", "v1", "packet.xsd"));
        XNamespace xs = "http://www.w3.org/2001/XMLSchema";
        var xmlChoices = xsd.Descendants(xs + "complexType").Single(t => (string?)t.Attribute("name") == "BodyType")
            .Descendants(xs + "element").Select(e => (string)e.Attribute("name")!).ToList();
        var jsonBodies = PacketContracts.Json.Definitions["Body"].Properties.Keys.ToList();

        Assert.Equal(PacketBodies.Names, jsonBodies);
        Assert.Equal(PacketBodies.Names.Select(n => char.ToUpperInvariant(n[0]) + n[1..]), xmlChoices);
    }

    [Fact]
    public void EmbeddedXsd_IsTheFileInSchemas()
    {
        using var stream = typeof(PacketXml).Assembly.GetManifestResourceStream("Lgsp.Core.Packets.packet.v1.xsd")!;
        using var reader = new StreamReader(stream);

        Assert.Equal(File.ReadAllText(RepoPaths.Combine("schemas", "packet", "v1", "packet.xsd")), reader.ReadToEnd());
    }
}
