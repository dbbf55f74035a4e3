using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Confluent.Kafka;
using Lgsp.Core.StatusSync;
using Lgsp.Hub.StatusSync.Outbox;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.StatusSync.Kafka;

/// <summary>
/// One message of the dossier topic, start to finish, in three steps (marked <c>:: Step n</c> below):
/// <list type="number">
/// <item>decode: a message that is not a dossier event this hub wrote is copied to the dead-letter topic, and that is
/// all (there is nothing to park in the outbox);</item>
/// <item>deliver: before every attempt the outbox decides (<see cref="KafkaDeliveryGate"/>): a copy of a delivered
/// event, or one held back behind a dead letter, is skipped; else <see cref="DossierDelivery"/> delivers it within
/// <see cref="StatusSyncOptions.DeliveryTimeout"/>. A failure is judged by the <see cref="DeliveryFailurePolicy"/> the
/// relay uses too: wait (held), retry on its schedule, or dead letter (refused for good, or
/// <see cref="KafkaOptions.MaxAttempts"/> used up);</item>
/// <item>dead letter: copied to <see cref="KafkaOptions.DeadLetterTopic"/> with the reason in headers, then parked
/// (<see cref="DossierDeadLetters.ParkAsync"/>), so the dossier's later events wait for a replay.</item>
/// </list>
/// Each step runs through the policy's one retry pipeline: a fault of the hub's own (the database, the cluster)
/// repeats that step only, so a dead letter, once decided, is copied and parked without another delivery.
/// </summary>
internal sealed partial class KafkaDossierMessageHandler(
    KafkaClients clients,
    KafkaDeliveryGate gate,
    DossierDelivery delivery,
    DossierDeadLetters deadLetters,
    KafkaDossierEventPublisher publisher,
    DeliveryFailurePolicy failures,
    IOptionsMonitor<StatusSyncOptions> syncOptions,
    TimeProvider time,
    ILogger<KafkaDossierMessageHandler> logger)
{
    /// <summary>Returns once the message is delivered, skipped or parked; throws only when stopping.</summary>
    public async Task HandleAsync(ConsumeResult<string, byte[]> result, CancellationToken cancellationToken)
    {
        // :: Step 1: decode.
        if (!TryDecode(result, out var dossierEvent, out var undecodable))
        {
            // Not an event this hub wrote: nothing to park in the outbox, but keep it where an operator can see it.
            LogUndecodable(logger, result.Partition.Value, result.Offset.Value);
            await ProduceDeadLetterAsync(result, "Undecodable: " + DossierDelivery.Describe(undecodable), 0, cancellationToken);
            return;
        }

        // :: Step 2: deliver, as often as the policy says.
        var dead = await DeliverAsync(dossierEvent, cancellationToken);
        if (dead is null)
        {
            return;
        }

        // :: Step 3: dead letter: on the topic first, then parked (a fault repeats only the step it happened in).
        await ProduceDeadLetterAsync(result, dead.Reason, dead.Attempts, cancellationToken);
        await failures.RetryAsync(async ct =>
        {
            await deadLetters.ParkAsync(dossierEvent.MessageId, dead.Reason, dead.Attempts, ct);
            return null;
        }, ex => LogWorkerFailed(logger, ex), cancellationToken);
        StatusSyncTelemetry.DeadLetters.Add(1, new KeyValuePair<string, object?>("destination", dossierEvent.Destination));
        LogDeadLetter(logger, dossierEvent.MessageId, dossierEvent.Destination, dead.Attempts, dead.Cause.GetType().Name);
    }

    private static bool TryDecode(ConsumeResult<string, byte[]> result,
        [NotNullWhen(true)] out DossierEvent? dossierEvent, [NotNullWhen(false)] out Exception? error)
    {
        try
        {
            dossierEvent = DossierEventJson.Deserialize(result.Message.Value,
                KafkaHeaderNames.Get(result.Message.Headers, KafkaHeaderNames.TraceParent),
                KafkaHeaderNames.Get(result.Message.Headers, KafkaHeaderNames.TraceState));
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            dossierEvent = null;
            error = ex;
            return false;
        }
    }

    /// <summary>The dead-letter verdict when the event ends as one; null when delivered or skipped.</summary>
    private async Task<DeliveryVerdict?> DeliverAsync(DossierEvent dossierEvent, CancellationToken cancellationToken)
    {
        var sync = syncOptions.CurrentValue;
        DeliveryVerdict? dead = null;
        await failures.RetryAsync(async ct =>
        {
            var decision = await gate.DecideAsync(dossierEvent.MessageId, ct);
            if (decision != GateDecision.Deliver)
            {
                LogSkipped(logger, dossierEvent.MessageId, decision.ToString());
                return null;
            }

            try
            {
                // The token asks the destination to stop at the timeout; WaitAsync stops waiting even if it does not.
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(sync.DeliveryTimeout);
                await delivery.DeliverAsync(dossierEvent, timeout.Token).WaitAsync(sync.DeliveryTimeout, time, ct);
                StatusSyncTelemetry.EventsPublished.Add(1, new KeyValuePair<string, object?>("destination", dossierEvent.Destination));
                return null;
            }
            catch (Exception failure) when (!ct.IsCancellationRequested)
            {
                var verdict = await failures.JudgeAsync(failure, dossierEvent.Destination,
                    reason => delivery.RecordFailureAsync(dossierEvent.MessageId, reason), clients.Options.MaxAttempts);
                if (verdict.Action != DeliveryAction.DeadLetter)
                {
                    return verdict.Delay;
                }

                dead = verdict;
                return null;
            }
        }, ex => LogWorkerFailed(logger, ex), cancellationToken);
        return dead;
    }

    /// <summary>Copies the message to the dead-letter topic, trying until the cluster takes it (or the hub stops).</summary>
    private Task ProduceDeadLetterAsync(ConsumeResult<string, byte[]> result, string reason, int attempts, CancellationToken cancellationToken) =>
        failures.RetryAsync(async ct =>
        {
            await publisher.ProduceDeadLetterAsync(result, reason, attempts, ct);
            return null;
        }, ex => LogDeadLetterTopicFailed(logger, ex), cancellationToken);

    [LoggerMessage(EventId = 4416, Level = LogLevel.Error, Message = "Kafka consumer failed on a message; trying it again")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4417, Level = LogLevel.Debug, Message = "Event {EventId} skipped: {Decision}")]
    private static partial void LogSkipped(ILogger logger, Guid eventId, string decision);

    [LoggerMessage(EventId = 4418, Level = LogLevel.Error, Message = "Event {EventId} for {Destination} parked as a dead letter after {Attempts} attempts ({Error}); the dossier's later events wait for a replay")]
    private static partial void LogDeadLetter(ILogger logger, Guid eventId, string destination, int attempts, string error);

    [LoggerMessage(EventId = 4419, Level = LogLevel.Error, Message = "Message at partition {Partition} offset {Offset} is not a dossier event; copied to the dead-letter topic")]
    private static partial void LogUndecodable(ILogger logger, int partition, long offset);

    [LoggerMessage(EventId = 5800, Level = LogLevel.Warning, Message = "Kafka dead-letter topic did not take a message; trying again")]
    private static partial void LogDeadLetterTopicFailed(ILogger logger, Exception exception);
}
