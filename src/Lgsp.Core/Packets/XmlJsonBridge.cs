using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Xml;
using System.Xml.Linq;

namespace Lgsp.Core.Packets;

/// <summary>
/// Names the XML element of each item of a list property (default <c>Item</c>), e.g. <c>&lt;Steps&gt;&lt;Step&gt;</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PacketXmlItemAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>
/// The XML form of a packet is a mechanical projection of its JSON form, so one set of C# types (serialised by
/// System.Text.Json) gives both and they cannot drift: an object is an element per property, named like the
/// JSON property with an upper-case first letter, in the same order; a list is an element holding one item
/// element per entry; a scalar is text; a null is an absent element. Reading back needs to know whether
/// <c>5</c> was a number or a string, which the serialiser's own contract (<see cref="JsonTypeInfo"/>) tells.
/// </summary>
internal static class XmlJsonBridge
{
    public const string DefaultItemName = "Item";

    public static void Write(XmlWriter writer, string localName, string ns, JsonElement value, JsonTypeInfo type)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        writer.WriteStartElement(localName, ns);
        WriteContent(writer, ns, value, type, itemName: null);
        writer.WriteEndElement();
    }

    public static JsonNode? Read(XElement element, JsonTypeInfo type) => ReadContent(element, type, itemName: null);

    /// <summary>Every element name used for list items below the given types (for locating errors).</summary>
    public static HashSet<string> ItemNames(IEnumerable<JsonTypeInfo> roots)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { DefaultItemName };
        var seen = new HashSet<Type>();
        var pending = new Stack<JsonTypeInfo>(roots);
        while (pending.TryPop(out var type))
        {
            if (!seen.Add(type.Type))
            {
                continue;
            }

            if (type.Kind == JsonTypeInfoKind.Enumerable)
            {
                pending.Push(ElementType(type));
            }

            foreach (var property in type.Kind == JsonTypeInfoKind.Object ? type.Properties : [])
            {
                if (ItemName(property) is { } item)
                {
                    names.Add(item);
                }

                pending.Push(type.Options.GetTypeInfo(property.PropertyType));
            }
        }

        return names;
    }

    public static string ToXmlName(string jsonName) =>
        jsonName.Length == 0 ? jsonName : string.Concat(char.ToUpperInvariant(jsonName[0]).ToString(), jsonName.AsSpan(1));

    private static void WriteContent(XmlWriter writer, string ns, JsonElement value, JsonTypeInfo type, string? itemName)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = PropertiesByJsonName(type);
                foreach (var p in value.EnumerateObject())
                {
                    if (p.Value.ValueKind == JsonValueKind.Null)
                    {
                        continue;
                    }

                    var info = properties.TryGetValue(p.Name, out var found)
                        ? found
                        : throw new InvalidOperationException($"{type.Type.Name} has no property '{p.Name}'.");
                    writer.WriteStartElement(ToXmlName(p.Name), ns);
                    WriteContent(writer, ns, p.Value, type.Options.GetTypeInfo(info.PropertyType), ItemName(info));
                    writer.WriteEndElement();
                }

                break;
            case JsonValueKind.Array:
                var element = ElementType(type);
                foreach (var item in value.EnumerateArray())
                {
                    writer.WriteStartElement(itemName ?? DefaultItemName, ns);
                    WriteContent(writer, ns, item, element, itemName: null);
                    writer.WriteEndElement();
                }

                break;
            case JsonValueKind.String:
                writer.WriteString(value.GetString());
                break;
            case JsonValueKind.Number:
                writer.WriteString(value.GetRawText());
                break;
            case JsonValueKind.True:
                writer.WriteString("true");
                break;
            case JsonValueKind.False:
                writer.WriteString("false");
                break;
            default:
                throw new InvalidOperationException($"Cannot write a JSON {value.ValueKind} as XML.");
        }
    }

    private static JsonNode? ReadContent(XElement element, JsonTypeInfo type, string? itemName)
    {
        switch (type.Kind)
        {
            case JsonTypeInfoKind.Object:
            {
                RejectText(element);
                var properties = PropertiesByXmlName(type);
                var result = new JsonObject();
                foreach (var child in element.Elements())
                {
                    if (child.Name.Namespace != element.Name.Namespace
                        || !properties.TryGetValue(child.Name.LocalName, out var info))
                    {
                        throw new FormatException($"Unexpected element <{child.Name.LocalName}> in <{element.Name.LocalName}>.");
                    }

                    if (result.ContainsKey(info.Name))
                    {
                        throw new FormatException($"Element <{child.Name.LocalName}> appears twice in <{element.Name.LocalName}>.");
                    }

                    result[info.Name] = ReadContent(child, type.Options.GetTypeInfo(info.PropertyType), ItemName(info));
                }

                return result;
            }

            case JsonTypeInfoKind.Enumerable:
            {
                RejectText(element);
                var elementType = ElementType(type);
                var expected = itemName ?? DefaultItemName;
                var result = new JsonArray();
                foreach (var child in element.Elements())
                {
                    if (child.Name.Namespace != element.Name.Namespace || child.Name.LocalName != expected)
                    {
                        throw new FormatException($"Expected <{expected}> items in <{element.Name.LocalName}>, found <{child.Name.LocalName}>.");
                    }

                    result.Add(ReadContent(child, elementType, itemName: null));
                }

                return result;
            }

            case JsonTypeInfoKind.None:
                if (element.HasElements)
                {
                    throw new FormatException($"<{element.Name.LocalName}> holds a value, not elements.");
                }

                return ReadScalar(element.Value, type.Type, element.Name.LocalName);
            default:
                throw new InvalidOperationException($"{type.Type.Name} ({type.Kind}) has no XML form.");
        }
    }

    /// <summary>Numbers and booleans by their CLR type; everything else (codes, dates, text) is a JSON string.</summary>
    private static JsonNode ReadScalar(string text, Type clrType, string elementName)
    {
        var type = Nullable.GetUnderlyingType(clrType) ?? clrType;
        if (type == typeof(bool))
        {
            // xs:boolean's lexical space.
            return text.Trim() switch
            {
                "true" or "1" => JsonValue.Create(true),
                "false" or "0" => JsonValue.Create(false),
                _ => throw new FormatException($"<{elementName}> must be true or false."),
            };
        }

        if (type.IsEnum || IsInteger(type))
        {
            return long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                ? JsonValue.Create(n)
                : throw new FormatException($"<{elementName}> must be an integer.");
        }

        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float))
        {
            return decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d)
                ? JsonValue.Create(d)
                : throw new FormatException($"<{elementName}> must be a number.");
        }

        return JsonValue.Create(text);
    }

    private static bool IsInteger(Type t) =>
        t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte)
        || t == typeof(uint) || t == typeof(ulong) || t == typeof(ushort) || t == typeof(sbyte);

    private static void RejectText(XElement element)
    {
        if (element.Nodes().OfType<XText>().Any(t => !string.IsNullOrWhiteSpace(t.Value)))
        {
            throw new FormatException($"<{element.Name.LocalName}> holds elements, not text.");
        }
    }

    private static JsonTypeInfo ElementType(JsonTypeInfo list) =>
        list.ElementType is { } element
            ? list.Options.GetTypeInfo(element)
            : throw new InvalidOperationException($"{list.Type.Name} is not a list.");

    private static string? ItemName(JsonPropertyInfo property) =>
        (property.AttributeProvider?.GetCustomAttributes(typeof(PacketXmlItemAttribute), inherit: false) is [PacketXmlItemAttribute a, ..]) ? a.Name : null;

    private static Dictionary<string, JsonPropertyInfo> PropertiesByJsonName(JsonTypeInfo type) =>
        type.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);

    private static Dictionary<string, JsonPropertyInfo> PropertiesByXmlName(JsonTypeInfo type) =>
        type.Properties.ToDictionary(p => ToXmlName(p.Name), StringComparer.Ordinal);
}
