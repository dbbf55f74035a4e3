using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Lgsp.Hub.StatusSync.Ingestion;
using Lgsp.Hub.StatusSync.Queries;
using Microsoft.AspNetCore.Builder;

namespace Lgsp.Hub.StatusSync;

/// <summary>
/// The status-sync API's own JSON (<c>schemas/dossiers/v1</c>): request bodies read strictly (unknown members are
/// refused), answers written camelCase without nulls. Canonical dossiers and events inside answers are spliced in as
/// the stored JSON (<see cref="JsonElement"/>), so what a reader gets is exactly what was stored and published.
/// </summary>
internal static class StatusSyncJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = Options.Encoder };

    public static byte[] Serialize<T>(T value)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, TypeInfo<T>());
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize(utf8, TypeInfo<T>());

    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(StatusSyncJsonContext.Default.Options)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = StatusSyncJsonContext.Default,
        };
        options.MakeReadOnly();
        return options;
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    MaxDepth = 32)]
[JsonSerializable(typeof(DossierInput))]
[JsonSerializable(typeof(StepsInput))]
[JsonSerializable(typeof(BatchInput))]
[JsonSerializable(typeof(BatchEnvelope))]
[JsonSerializable(typeof(BatchItemInput))]
[JsonSerializable(typeof(DossierAccepted))]
[JsonSerializable(typeof(StepsAccepted))]
[JsonSerializable(typeof(BatchAccepted))]
[JsonSerializable(typeof(DossierView))]
[JsonSerializable(typeof(ChangePage))]
[JsonSerializable(typeof(ReconciliationReport))]
[JsonSerializable(typeof(DeadLetterPage))]
[JsonSerializable(typeof(DeadLetterReplayed))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Builder.NationalDossierPullView))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Builder.RunView))]
internal sealed partial class StatusSyncJsonContext : JsonSerializerContext;
