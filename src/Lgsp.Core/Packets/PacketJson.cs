using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;

namespace Lgsp.Core.Packets;

/// <summary>
/// The JSON form of a packet (<c>schemas/packet/v1/packet.schema.json</c>):
/// <c>{"version":"1.0","header":{…},"body":{"&lt;bodyName&gt;":{…}}}</c>. Vietnamese text is written as is
/// (UTF-8), not as <c>\u</c> escapes. Reading is strict: unknown or missing members, codes not in canonical
/// form and instants not in +07:00 are <c>client.invalid_packet</c> naming the field; the finer rules
/// (patterns, lengths) are checked against the XSD, which describes the same packet.
/// </summary>
public static class PacketJson
{
    /// <summary>The largest packet accepted (the same as the XML limit).</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    internal static JsonSerializerOptions Options { get; } = CreateOptions();

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = Options.Encoder };

    public static byte[] ToUtf8Bytes(Packet packet)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, packet);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string ToJson(Packet packet) => System.Text.Encoding.UTF8.GetString(ToUtf8Bytes(packet));

    public static void Write(Utf8JsonWriter writer, Packet packet)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(packet);
        writer.WriteStartObject();
        writer.WriteString("version", Packet.Version);
        writer.WritePropertyName("header");
        JsonSerializer.Serialize(writer, packet.Header, TypeInfo(typeof(PacketHeader)));
        writer.WritePropertyName("body");
        writer.WriteStartObject();
        writer.WritePropertyName(PacketBodies.NameOf(packet.Body));
        JsonSerializer.Serialize(writer, packet.Body, TypeInfo(packet.Body.GetType()));
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Reads and validates a packet; throws <see cref="LgspException"/> (<c>client.invalid_packet</c>).</summary>
    public static Packet Read(ReadOnlyMemory<byte> utf8)
    {
        if (utf8.Length > MaxBytes)
        {
            throw Invalid(PacketErrors.TooLarge(MaxBytes));
        }

        Packet packet;
        try
        {
            using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 64 });
            packet = ReadRoot(document.RootElement);
        }
        catch (PacketFieldException ex)
        {
            throw Invalid(ex.Error);
        }
        catch (JsonException ex)
        {
            throw Invalid(PacketErrors.Malformed(PacketErrors.PointerFromJsonPath(ex.Path), ex.Message));
        }

        var errors = PacketXml.Validate(PacketXml.ToXmlDocument(packet), jsonPointers: true);
        return errors.Count == 0 ? packet : throw Invalid(errors);
    }

    public static Packet Read(string json) => Read(System.Text.Encoding.UTF8.GetBytes(json));

    internal static JsonTypeInfo TypeInfo(Type type) => Options.GetTypeInfo(type);

    private static Packet ReadRoot(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new PacketFieldException(PacketErrors.Malformed("", "A packet is a JSON object."));
        }

        JsonElement? header = null, body = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "version":
                    if (property.Value.ValueKind != JsonValueKind.String || property.Value.GetString() != Packet.Version)
                    {
                        throw new PacketFieldException(PacketErrors.UnsupportedVersion("/version"));
                    }

                    break;
                case "header":
                    header = property.Value;
                    break;
                case "body":
                    body = property.Value;
                    break;
                default:
                    throw new PacketFieldException(PacketErrors.UnknownMember("/" + property.Name));
            }
        }

        if (!root.TryGetProperty("version", out _))
        {
            throw new PacketFieldException(PacketErrors.Missing("/version"));
        }

        var h = Deserialize<PacketHeader>(header ?? throw new PacketFieldException(PacketErrors.Missing("/header")), "/header");
        return new Packet(h, ReadBody(body ?? throw new PacketFieldException(PacketErrors.Missing("/body"))));
    }

    private static PacketBody ReadBody(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new PacketFieldException(PacketErrors.Malformed("/body", "The body is an object with exactly one property."));
        }

        var properties = body.EnumerateObject().ToList();
        if (properties.Count != 1)
        {
            throw new PacketFieldException(PacketErrors.BodyCount("/body", properties.Count));
        }

        var name = properties[0].Name;
        if (!PacketBodies.TryGetType(name, out var type))
        {
            throw new PacketFieldException(PacketErrors.UnknownBody("/body/" + name, name));
        }

        return (PacketBody)Deserialize(properties[0].Value, type, "/body/" + name);
    }

    private static T Deserialize<T>(JsonElement element, string pointer) => (T)Deserialize(element, typeof(T), pointer);

    private static object Deserialize(JsonElement element, Type type, string pointer)
    {
        try
        {
            return element.Deserialize(TypeInfo(type))
                ?? throw new PacketFieldException(PacketErrors.Missing(pointer));
        }
        catch (PacketFieldException ex)
        {
            // Converters know the value but not where it is; the serializer's path does.
            throw new PacketFieldException(ex.Error.WithField(pointer + PacketErrors.PointerFromJsonPath(ex.Path)));
        }
        catch (JsonException ex)
        {
            throw new PacketFieldException(PacketErrors.Malformed(pointer + PacketErrors.PointerFromJsonPath(ex.Path), ex.Message));
        }
    }

    private static LgspException Invalid(FieldError error) => Invalid([error]);

    private static LgspException Invalid(IReadOnlyList<FieldError> errors) =>
        new(ErrorCatalogue.InvalidPacket, PacketErrors.Summary(errors), errors);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(PacketJsonContext.Default.Options)
        {
            // Vietnamese and "+07:00" stay readable. Packets are served as application/json, never inlined into
            // HTML, so the HTML-sensitive escaping of the default encoder buys nothing here.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = PacketJsonContext.Default,
        };
        options.MakeReadOnly();
        return options;
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters =
    [
        typeof(VietnamDateTimeOffsetConverter),
        typeof(CanonicalAgencyCodeConverter),
        typeof(NationalProcedureCodeConverter),
        typeof(PersonalIdConverter),
        typeof(DossierCodeConverter),
        typeof(EnterpriseCodeConverter),
        typeof(SocialInsuranceCodeConverter),
        typeof(ResultCodeConverter),
    ])]
[JsonSerializable(typeof(PacketHeader))]
[JsonSerializable(typeof(CitizenVerification))]
[JsonSerializable(typeof(DossierProgress))]
[JsonSerializable(typeof(Fault))]
[JsonSerializable(typeof(Citizen))]
[JsonSerializable(typeof(Enterprise))]
[JsonSerializable(typeof(LandParcel))]
[JsonSerializable(typeof(SocialInsuranceRecord))]
[JsonSerializable(typeof(CivilRegistration))]
[JsonSerializable(typeof(CivilRegistrationList))]
internal sealed partial class PacketJsonContext : JsonSerializerContext;
