using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Packets;
using Lgsp.Core.StatusSync;

namespace Lgsp.Core.Dossiers;

/// <summary>
/// The canonical JSON of a <see cref="Dossier"/> and a <see cref="ProcessingStep"/>
/// (<c>schemas/dossiers/v1</c>): camelCase, codes in canonical text, instants in +07:00, DVCQG enumerations as their
/// numbers, empty lists written as <c>[]</c> and absent values left out. The bytes are deterministic (property order is
/// declaration order), so two dossiers with the same content have the same <see cref="ContentHash(Dossier)"/>: that
/// is how the hub recognises a repeated submission.
/// </summary>
public static class DossierJson
{
    internal static JsonSerializerOptions Options { get; } = CreateOptions();

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = Options.Encoder };

    public static byte[] Serialize(Dossier dossier) => ToBytes(dossier);

    public static byte[] Serialize(ProcessingStep step) => ToBytes(step);

    public static void Write(Utf8JsonWriter writer, Dossier dossier) => JsonSerializer.Serialize(writer, dossier, TypeInfo<Dossier>());

    public static void Write(Utf8JsonWriter writer, ProcessingStep step) => JsonSerializer.Serialize(writer, step, TypeInfo<ProcessingStep>());

    /// <summary>Reads what <see cref="Serialize(Dossier)"/> wrote (strict: canonical codes, +07:00, no unknown members).</summary>
    /// <exception cref="JsonException">The JSON is not a canonical dossier.</exception>
    public static Dossier DeserializeDossier(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, TypeInfo<Dossier>()) ?? throw new JsonException("null dossier");

    /// <exception cref="JsonException">The JSON is not a canonical processing step.</exception>
    public static ProcessingStep DeserializeStep(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, TypeInfo<ProcessingStep>()) ?? throw new JsonException("null step");

    /// <summary>SHA-256 of the canonical bytes, lower-case hex: equal exactly when the content is equal.</summary>
    public static string ContentHash(Dossier dossier) => Hash(Serialize(dossier));

    public static string ContentHash(ProcessingStep step) => Hash(Serialize(step));

    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    internal static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    internal static JsonWriterOptions Writer => WriterOptions;

    private static byte[] ToBytes<T>(T value)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, TypeInfo<T>());
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(DossierJsonContext.Default.Options)
        {
            // Vietnamese stays readable; served as application/json only, never inlined into HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = DossierJsonContext.Default,
        };
        options.MakeReadOnly();
        return options;
    }
}

/// <summary>A procedure code travels as written (a local code keeps its agency suffix); reading requires canonical text.</summary>
internal sealed class ProcedureCodeValueConverter : CanonicalCodeConverter<ProcedureCode>
{
    protected override bool TryParse(string? text, out ProcedureCode value, [NotNullWhen(false)] out FieldError? error) =>
        ProcedureCode.TryParse(text, out value, out error);

    protected override string Canonical(ProcedureCode value) => value.Value;
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
        typeof(ProcedureCodeValueConverter),
        typeof(DossierCodeConverter),
        typeof(ResultCodeConverter),
        typeof(JsonStringEnumConverter<PartyIdentifierType>),
    ])]
[JsonSerializable(typeof(Dossier))]
[JsonSerializable(typeof(ProcessingStep))]
[JsonSerializable(typeof(DossierUpdated))]
[JsonSerializable(typeof(DossierStatusChanged))]
internal sealed partial class DossierJsonContext : JsonSerializerContext;
