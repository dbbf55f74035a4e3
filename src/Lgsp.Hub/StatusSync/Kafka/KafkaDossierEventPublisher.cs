using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Lgsp.Core.Time;
using Lgsp.Hub.StatusSync.Outbox;

namespace Lgsp.Hub.StatusSync.Kafka;

/// <summary>
/// The relay's publisher when a Kafka cluster is configured: produces each outbox event's stored JSON to
/// <see cref="KafkaOptions.Topic"/> keyed by dossier code (one dossier, one partition, in order) with the W3C trace
/// context and the event's identity in headers, and returns only after the broker acknowledged it (idempotent
/// producer, <c>acks=all</c>). The process's one long-lived <see cref="KafkaProducer"/>, shared with the consumer's
/// dead-letter topic and the message log's checkpoints.
/// </summary>
internal sealed class KafkaDossierEventPublisher(KafkaClients clients, KafkaProducer producer, DossierDelivery delivery, TimeProvider time) : IDossierEventPublisher
{
    private readonly KafkaClients _clients = clients;
    private readonly DossierDelivery _delivery = delivery;
    private readonly TimeProvider _time = time;

    /// <summary>
    /// Only destinations this deployment registered: events for a side without an adapter stay pending in the outbox
    /// (as with the in-process relay) rather than travel to a consumer that could only dead-letter them.
    /// </summary>
    public bool Handles(string destination) => _delivery.HasDestination(destination);

    public async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _clients.EnsureTopicsAsync(cancellationToken);
        var e = message.Event;
        var headers = new Headers
        {
            { KafkaHeaderNames.EventId, Encoding.UTF8.GetBytes(e.MessageId.ToString()) },
            { KafkaHeaderNames.EventType, Encoding.UTF8.GetBytes(e.Type) },
            { KafkaHeaderNames.Destination, Encoding.UTF8.GetBytes(e.Destination) },
        };
        // The produce is a span of the event's trace (the request that recorded it); the consumer continues from it.
        ActivityContext.TryParse(e.TraceParent, e.TraceState, out var recorded);
        using var span = StatusSyncTelemetry.Activities.StartActivity("dossier.publish", ActivityKind.Producer, recorded);
        span?.SetTag("messaging.system", "kafka");
        span?.SetTag("messaging.destination.name", _clients.Options.Topic);
        span?.SetTag("messaging.message.id", e.MessageId.ToString());
        AddTraceContext(headers, span?.Id ?? e.TraceParent, span is null ? e.TraceState : span.TraceStateString);
        await producer.Instance.ProduceAsync(_clients.Options.Topic,
            new Message<string, byte[]> { Key = e.DossierCode.Value, Value = message.Body.ToArray(), Headers = headers }, cancellationToken);
    }

    /// <summary>
    /// Copies a message the consumer gave up on to <see cref="KafkaOptions.DeadLetterTopic"/>, same key and body, with
    /// its headers and the reason, attempts, time and origin (topic, partition, offset) added. Returns after the ack.
    /// </summary>
    public async Task ProduceDeadLetterAsync(ConsumeResult<string, byte[]> source, string reason, int attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var headers = new Headers();
        foreach (var header in source.Message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        headers.Add(KafkaHeaderNames.DeadReason, Encoding.UTF8.GetBytes(reason));
        headers.Add(KafkaHeaderNames.DeadAttempts, Encoding.UTF8.GetBytes(attempts.ToString(CultureInfo.InvariantCulture)));
        headers.Add(KafkaHeaderNames.DeadAt, Encoding.UTF8.GetBytes(VietnamTime.Now(_time).ToString("O", CultureInfo.InvariantCulture)));
        headers.Add(KafkaHeaderNames.SourceTopic, Encoding.UTF8.GetBytes(source.Topic));
        headers.Add(KafkaHeaderNames.SourcePartition, Encoding.UTF8.GetBytes(source.Partition.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(KafkaHeaderNames.SourceOffset, Encoding.UTF8.GetBytes(source.Offset.Value.ToString(CultureInfo.InvariantCulture)));
        await producer.Instance.ProduceAsync(_clients.Options.DeadLetterTopic,
            new Message<string, byte[]> { Key = source.Message.Key, Value = source.Message.Value, Headers = headers }, cancellationToken);
    }

    private static void AddTraceContext(Headers headers, string? traceParent, string? traceState)
    {
        if (!string.IsNullOrEmpty(traceParent))
        {
            headers.Add(KafkaHeaderNames.TraceParent, Encoding.UTF8.GetBytes(traceParent));
        }

        if (!string.IsNullOrEmpty(traceState))
        {
            headers.Add(KafkaHeaderNames.TraceState, Encoding.UTF8.GetBytes(traceState));
        }
    }
}
