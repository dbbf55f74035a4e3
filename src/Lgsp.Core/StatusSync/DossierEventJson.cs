using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.Time;

namespace Lgsp.Core.StatusSync;

/// <summary>
/// The JSON body of a <see cref="DossierEvent"/> (<c>schemas/events/dossier-changed.v1.schema.json</c>): the
/// envelope (<c>messageId, type, source, destination, agencyCode, occurredAt, recordedAt, correlationId,
/// idempotencyKey</c>) and the payload of its type. The same bytes are stored in the outbox, served on the change
/// feed and (with Kafka) published; the trace context is not part of them.
/// </summary>
public static class DossierEventJson
{
    public static byte[] Serialize(DossierEvent dossierEvent) => Serialize(dossierEvent, default);

    /// <summary>
    /// The same bytes as <see cref="Serialize(DossierEvent)"/>, with the <see cref="DossierUpdated"/> payload's dossier
    /// taken as already serialised by <see cref="DossierJson.Serialize(Dossier)"/> (the hub has those bytes at hand:
    /// serialising a dossier once instead of twice matters at ten thousand events a second).
    /// </summary>
    public static byte[] Serialize(DossierEvent dossierEvent, ReadOnlySpan<byte> canonicalDossier)
    {
        ArgumentNullException.ThrowIfNull(dossierEvent);
        var buffer = new ArrayBufferWriter<byte>(2048 + canonicalDossier.Length);
        using (var writer = new Utf8JsonWriter(buffer, DossierJson.Writer))
        {
            Write(writer, dossierEvent, canonicalDossier);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, DossierEvent e) => Write(writer, e, default);

    private static void Write(Utf8JsonWriter writer, DossierEvent e, ReadOnlySpan<byte> canonicalDossier)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(e);
        writer.WriteStartObject();
        writer.WriteString("messageId", e.MessageId);
        writer.WriteString("type", e.Type);
        writer.WriteString("source", e.Source);
        writer.WriteString("destination", e.Destination);
        writer.WriteString("agencyCode", e.AgencyCode.Value);
        writer.WriteString("occurredAt", Instant(e.OccurredAt));
        writer.WriteString("recordedAt", Instant(e.RecordedAt));
        writer.WriteString("correlationId", e.DossierCode.Value);
        writer.WriteString("idempotencyKey", e.IdempotencyKey);
        writer.WritePropertyName("payload");
        switch (e.Payload)
        {
            case DossierUpdated updated:
                // Written by hand so that a dossier serialised beforehand can be spliced in; same shape as the contract.
                writer.WriteStartObject();
                writer.WriteString("dossierCode", updated.DossierCode.Value);
                writer.WriteNumber("version", updated.Version);
                writer.WritePropertyName("dossier");
                if (canonicalDossier.IsEmpty)
                {
                    DossierJson.Write(writer, updated.Dossier);
                }
                else
                {
                    writer.WriteRawValue(canonicalDossier, skipInputValidation: true);
                }

                writer.WriteEndObject();
                break;
            case DossierStatusChanged changed:
                JsonSerializer.Serialize(writer, changed, DossierJson.TypeInfo<DossierStatusChanged>());
                break;
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads what <see cref="Serialize"/> wrote; the trace context is passed in from the transport headers.</summary>
    /// <exception cref="JsonException">Not a dossier event of a known type.</exception>
    public static DossierEvent Deserialize(ReadOnlySpan<byte> utf8, string? traceParent = null, string? traceState = null)
    {
        var reader = new Utf8JsonReader(utf8);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var type = Required(root, "type").GetString();
        var payload = Required(root, "payload");
        DossierEventPayload body = type switch
        {
            DossierEventTypes.Updated => payload.Deserialize(DossierJson.TypeInfo<DossierUpdated>()),
            DossierEventTypes.StatusChanged => (DossierEventPayload?)payload.Deserialize(DossierJson.TypeInfo<DossierStatusChanged>()),
            _ => null,
        } ?? throw new JsonException($"Unknown dossier event type '{type}'.");

        var dossierEvent = new DossierEvent
        {
            MessageId = Required(root, "messageId").GetGuid(),
            Source = Required(root, "source").GetString()!,
            Destination = Required(root, "destination").GetString()!,
            AgencyCode = AgencyCode.Parse(Required(root, "agencyCode").GetString()!),
            OccurredAt = ReadInstant(Required(root, "occurredAt")),
            RecordedAt = ReadInstant(Required(root, "recordedAt")),
            Payload = body,
            TraceParent = traceParent,
            TraceState = traceState,
        };

        if (Required(root, "idempotencyKey").GetString() != dossierEvent.IdempotencyKey ||
            Required(root, "correlationId").GetString() != dossierEvent.DossierCode.Value)
        {
            throw new JsonException("The event's idempotencyKey or correlationId does not match its payload.");
        }

        return dossierEvent;
    }

    private static JsonElement Required(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value : throw new JsonException($"The dossier event has no '{name}'.");

    private static string Instant(DateTimeOffset value) =>
        value.ToVietnam().ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static DateTimeOffset ReadInstant(JsonElement element) =>
        element.TryGetDateTimeOffset(out var value) ? value.ToVietnam() : throw new JsonException("An instant is an ISO 8601 date-time.");
}
