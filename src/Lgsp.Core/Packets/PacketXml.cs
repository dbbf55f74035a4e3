using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Lgsp.Core.Errors;
using Lgsp.Core.Xml;

namespace Lgsp.Core.Packets;

/// <summary>
/// The XML form of a packet (<c>schemas/packet/v1/packet.xsd</c>, embedded in this assembly):
/// <c>&lt;Packet xmlns="urn:lgsp:packet:v1" Id="pkt-…" Version="1.0"&gt;&lt;Header/&gt;&lt;Body/&gt;[ds:Signature]&lt;/Packet&gt;</c>.
/// Reading validates against the XSD and reports every violation, then maps to the same types as JSON.
/// Signature verification is not done here: verify <c>document.DocumentElement</c> first, then read it.
/// </summary>
public static class PacketXml
{
    public const string Namespace = "urn:lgsp:packet:v1";
    public const string XmlDsigNamespace = "http://www.w3.org/2000/09/xmldsig#";

    private const string SchemaResource = "Lgsp.Core.Packets.packet.v1.xsd";
    private static readonly Lazy<XmlSchemaSet> SchemaSet = new(LoadSchemas);

    /// <summary>The packet XSD, compiled once.</summary>
    public static XmlSchemaSet Schemas => SchemaSet.Value;

    /// <summary>An unsigned document, ready to be signed (whitespace preserved).</summary>
    public static XmlDocument ToXmlDocument(Packet packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var writer = document.CreateNavigator()!.AppendChild())
        {
            Write(writer, packet);
        }

        return document;
    }

    public static string ToXml(Packet packet)
    {
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            Write(writer, packet);
        }

        return builder.ToString();
    }

    public static void Write(XmlWriter writer, Packet packet)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(packet);
        writer.WriteStartElement("Packet", Namespace);
        writer.WriteAttributeString("Id", packet.XmlId);
        writer.WriteAttributeString("Version", Packet.Version);
        var headerType = PacketJson.TypeInfo(typeof(PacketHeader));
        XmlJsonBridge.Write(writer, "Header", Namespace, JsonSerializer.SerializeToElement(packet.Header, headerType), headerType);
        writer.WriteStartElement("Body", Namespace);
        var bodyType = PacketJson.TypeInfo(packet.Body.GetType());
        XmlJsonBridge.Write(writer, XmlJsonBridge.ToXmlName(PacketBodies.NameOf(packet.Body)), Namespace,
            JsonSerializer.SerializeToElement(packet.Body, bodyType), bodyType);
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    /// <summary>Parses safely (no DTD, size and depth limits), validates and maps.</summary>
    public static Packet Read(string xml) => Read(SafeXml.LoadDocument(xml));

    /// <summary>Validates against the XSD and maps; throws <see cref="LgspException"/> (<c>client.invalid_packet</c>).</summary>
    public static Packet Read(XmlDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = Validate(document, jsonPointers: false);
        if (errors.Count > 0)
        {
            throw new LgspException(ErrorCatalogue.InvalidPacket, PacketErrors.Summary(errors), errors);
        }

        var root = XElement.Load(new XmlNodeReader(document.DocumentElement!), LoadOptions.PreserveWhitespace);
        XNamespace ns = Namespace;
        try
        {
            var header = Map<PacketHeader>(root.Element(ns + "Header")!, "/Packet/Header");
            if ((string?)root.Attribute("Id") != Packet.XmlIdFor(header.MessageId))
            {
                throw new PacketFieldException(PacketErrors.IdMismatch("/Packet/@Id"));
            }

            var content = root.Element(ns + "Body")!.Elements().Single();
            var name = char.ToLowerInvariant(content.Name.LocalName[0]) + content.Name.LocalName[1..];
            if (!PacketBodies.TryGetType(name, out var type))
            {
                throw new PacketFieldException(PacketErrors.UnknownBody("/Packet/Body/" + content.Name.LocalName, name));
            }

            return new Packet(header, (PacketBody)Map(content, type, "/Packet/Body/" + content.Name.LocalName));
        }
        catch (PacketFieldException ex)
        {
            throw new LgspException(ErrorCatalogue.InvalidPacket, ex.Error.Message, [ex.Error]);
        }
    }

    /// <summary>
    /// Every XSD violation in the document, as field errors located by XPath-like paths (<c>/Packet/Header/Sender</c>),
    /// or, for a packet that arrived as JSON, by JSON pointers (<c>/header/sender</c>).
    /// </summary>
    public static IReadOnlyList<FieldError> Validate(XmlDocument document, bool jsonPointers = false)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new List<FieldError>();
        if (document.DocumentElement is not { LocalName: "Packet", NamespaceURI: Namespace })
        {
            // Without a matching root the validator has no schema to apply and would only warn.
            errors.Add(PacketErrors.Schema(jsonPointers ? "" : "/", $"The root element must be <Packet xmlns=\"{Namespace}\">."));
            return errors;
        }

        var copy = (XmlDocument)document.Clone();
        copy.Schemas = Schemas;
        copy.Validate((_, e) =>
        {
            var path = (e.Exception as XmlSchemaValidationException)?.SourceObject is XmlNode node ? PathOf(node) : "";
            errors.Add(PacketErrors.Schema(jsonPointers ? ToJsonPointer(path) : path, e.Message));
        });
        return errors;
    }

    private static T Map<T>(XElement element, string path) => (T)Map(element, typeof(T), path);

    private static object Map(XElement element, Type type, string path)
    {
        var info = PacketJson.TypeInfo(type);
        try
        {
            var node = XmlJsonBridge.Read(element, info);
            return node.Deserialize(info) ?? throw new PacketFieldException(PacketErrors.Missing(path));
        }
        catch (PacketFieldException ex)
        {
            throw new PacketFieldException(ex.Error.WithField(path + XmlPathFromJsonPath(ex.Path)));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new PacketFieldException(PacketErrors.Malformed(path, ex.Message));
        }
    }

    /// <summary><c>$.steps[1].actor</c> → <c>/Steps/Step[2]/Actor</c> is more than the caller needs; keep names only.</summary>
    private static string XmlPathFromJsonPath(string? jsonPath) =>
        string.Concat(PacketErrors.PointerFromJsonPath(jsonPath).Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => "/" + (char.IsDigit(s[0]) ? $"[{int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) + 1}]" : XmlJsonBridge.ToXmlName(s))))
            .Replace("/[", "[", StringComparison.Ordinal);

    /// <summary>The element names of list items in any packet type, e.g. <c>Item</c> and <c>Step</c>.</summary>
    private static readonly Lazy<HashSet<string>> ItemNames = new(() =>
        XmlJsonBridge.ItemNames(PacketBodies.Names.Select(n => PacketBodies.TryGetType(n, out var t) ? t : throw new InvalidOperationException(n))
            .Prepend(typeof(PacketHeader)).Select(PacketJson.TypeInfo)));

    /// <summary>The element's path from the root, with a 1-based position for list items.</summary>
    private static string PathOf(XmlNode node)
    {
        var parts = new Stack<string>();
        for (var current = node; current is not null and not XmlDocument; current = current is XmlAttribute a ? a.OwnerElement : current.ParentNode)
        {
            if (current is XmlAttribute attribute)
            {
                parts.Push("@" + attribute.LocalName);
                continue;
            }

            var name = current.LocalName;
            if (current.ParentNode is XmlElement parent && ItemNames.Value.Contains(name))
            {
                var same = parent.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == name).ToList();
                name += $"[{same.IndexOf((XmlElement)current) + 1}]";
            }

            parts.Push(name);
        }

        return "/" + string.Join('/', parts);
    }

    /// <summary><c>/Packet/Body/DossierProgress/Steps/Step[2]/Actor</c> → <c>/body/dossierProgress/steps/1/actor</c>.</summary>
    internal static string ToJsonPointer(string xmlPath)
    {
        var segments = xmlPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1);
        var builder = new StringBuilder();
        foreach (var segment in segments)
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            if (bracket > 0)
            {
                // A repeated element is a list item: its JSON pointer is the index, not the item name.
                var index = int.Parse(segment.AsSpan(bracket + 1, segment.Length - bracket - 2), System.Globalization.CultureInfo.InvariantCulture) - 1;
                builder.Append('/').Append(index);
                continue;
            }

            builder.Append('/').Append(char.ToLowerInvariant(segment[0])).Append(segment.AsSpan(1));
        }

        return builder.ToString();
    }

    private static XmlSchemaSet LoadSchemas()
    {
        using var stream = typeof(PacketXml).Assembly.GetManifestResourceStream(SchemaResource)
            ?? throw new InvalidOperationException($"Embedded schema {SchemaResource} is missing.");
        using var reader = XmlReader.Create(stream, SafeXml.ReaderSettings());
        var set = new XmlSchemaSet { XmlResolver = null };
        set.Add(XmlSchema.Read(reader, null)!);
        set.Compile();
        return set;
    }
}
