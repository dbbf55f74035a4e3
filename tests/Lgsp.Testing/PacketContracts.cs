using System.Xml;
using System.Xml.Schema;
using NJsonSchema;

namespace Lgsp.Testing;

/// <summary>The packet contracts as the files in <c>schemas/packet/v1</c> say, loaded once: what tests validate against.</summary>
public static class PacketContracts
{
    private static readonly Lazy<JsonSchema> JsonSchemaFile = new(() =>
        JsonSchema.FromFileAsync(RepoPaths.Combine("schemas", "packet", "v1", "packet.schema.json")).GetAwaiter().GetResult());

    private static readonly Lazy<XmlSchemaSet> XsdFile = new(() =>
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        using var reader = XmlReader.Create(RepoPaths.Combine("schemas", "packet", "v1", "packet.xsd"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        set.Add(XmlSchema.Read(reader, null)!);
        set.Compile();
        return set;
    });

    /// <summary><c>packet.schema.json</c>.</summary>
    public static JsonSchema Json => JsonSchemaFile.Value;

    /// <summary><c>packet.xsd</c>, compiled.</summary>
    public static XmlSchemaSet Xml => XsdFile.Value;
}
