using System.Globalization;
using System.Text;
using Lgsp.Core.StatusSync;
using Lgsp.Core.Time;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.StatusSync.Outbox;

/// <summary>
/// Moves committed outbox events to the <see cref="IDossierEventPublisher"/>, per dossier in order:
/// <list type="number">
/// <item>stamps feed positions on newly committed events (<see cref="FeedSequencer"/>);</item>
/// <item>claims due (dossier, destination) pairs with a lease (<see cref="OutboxStore.ClaimAsync"/>), as many as it has
/// free slots (<see cref="StatusSyncOptions.MaxConcurrency"/>), skipping pairs parked behind a dead letter, pairs in
/// backoff and destinations the publisher cannot serve;</item>
/// <item>runs one task per claimed pair, which publishes that dossier's events oldest first, one after another,
/// recording progress after each. A slow dossier holds one slot; the others keep flowing. A failure stops that
/// dossier only, judged by the <see cref="DeliveryFailurePolicy"/> it shares with the Kafka consumer: retried after
/// an exponential backoff (scheduled in the outbox), and after <see cref="StatusSyncOptions.MaxAttempts"/> attempts
/// (or at once when the destination refused the content) parked as a dead letter, the dossier waiting for a replay.</item>
/// </list>
/// Crash safety: an event is marked handed on only after the publisher returned, so a crash in between makes it go
/// again (at least once; destinations drop repeated idempotency keys); claims of a crashed instance expire after
/// <see cref="StatusSyncOptions.LeaseDuration"/>. A clean shutdown releases its claims at once. A publisher that does
/// not return within <see cref="StatusSyncOptions.DeliveryTimeout"/> is abandoned (counted as a failed attempt) even if
/// it ignores its cancellation token.
/// </summary>
internal sealed partial class DossierOutboxRelay(
    OutboxStore store,
    IDossierEventPublisher publisher,
    FeedSequencer sequencer,
    OutboxSignal signal,
    DeliveryFailurePolicy failures,
    IOptionsMonitor<StatusSyncOptions> options,
    TimeProvider time,
    ILogger<DossierOutboxRelay> logger) : BackgroundService
{
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(10);

    private DateTimeOffset _nextPurge = DateTimeOffset.MinValue;

    /// <summary>This instance's lease owner id: host, process and a random part (a restarted process is a new owner).</summary>
    public string Owner { get; } = Truncate(string.Create(CultureInfo.InvariantCulture,
        $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}"), 64);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.RelayEnabled)
        {
            LogDisabled(logger);
            return;
        }

        LogStarted(logger, Owner);
        var running = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                running.RemoveAll(t => t.IsCompleted);
                var filled = false;
                try
                {
                    filled = await ClaimAndStartAsync(running, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    // The database is away or similar: nothing is lost (the outbox is durable); try again later.
                    LogRoundFailed(logger, ex);
                }

                if (!filled)
                {
                    await signal.WaitForWorkAsync(options.CurrentValue.PollInterval, time, running, stoppingToken);
                }
            }
        }
        finally
        {
            // Each dossier task hands its dossier back when cancelled; wait so that their leases are released.
            await Task.WhenAll(running);
        }
    }

    /// <summary>
    /// Stamps feed positions, then claims as many dossiers as there are free slots and starts one task per dossier.
    /// True when every free slot was filled (there may be more work: claim again at once).
    /// </summary>
    private async Task<bool> ClaimAndStartAsync(List<Task> running, CancellationToken stoppingToken)
    {
        var o = options.CurrentValue;
        await sequencer.StampAsync(stoppingToken);
        await PurgeIfDueAsync(o, stoppingToken);

        var free = Math.Min(o.MaxConcurrency - running.Count, o.ClaimBatchSize);
        if (free <= 0)
        {
            return false;
        }

        var destinations = SyncSides.All.Where(publisher.Handles).ToList();
        var now = VietnamTime.Now(time);
        var claimed = await store.ClaimAsync(Owner, destinations, free, now, now + o.LeaseDuration, stoppingToken);
        foreach (var pair in claimed)
        {
            running.Add(Task.Run(() => RelayAsync(pair, o, stoppingToken), CancellationToken.None));
        }

        return claimed.Count == free;
    }

    private async Task RelayAsync(ClaimedPair pair, StatusSyncOptions o, CancellationToken stoppingToken)
    {
        try
        {
            foreach (var pending in await store.LoadAsync(pair, o.EventsPerClaim, stoppingToken))
            {
                if (pending.DeadAt is not null)
                {
                    // A dead letter heads the queue: the dossier's later events wait behind it.
                    await store.BlockAsync(pair, Owner, stoppingToken);
                    return;
                }

                if (!await PublishAsync(pair, pending, o, stoppingToken))
                {
                    return;
                }
            }

            await store.ReleaseAsync(pair, Owner, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: hand the dossier back now rather than when the lease runs out.
            await ReleaseQuietlyAsync(pair);
        }
        catch (Exception ex)
        {
            // The database failed under this dossier: the lease runs out and the dossier is claimed again.
            LogRoundFailed(logger, ex);
        }
    }

    /// <summary>Publishes one event; false when this dossier must stop for now (failure, or the lease was lost).</summary>
    private async Task<bool> PublishAsync(ClaimedPair pair, PendingEvent pending, StatusSyncOptions o, CancellationToken stoppingToken)
    {
        var body = Encoding.UTF8.GetBytes(pending.Body);
        var message = new OutboxMessage(pending.Id, DossierEventJson.Deserialize(body, pending.TraceParent, pending.TraceState), body);
        try
        {
            // The token asks the publisher to stop at the timeout; WaitAsync stops waiting even if it does not.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(o.DeliveryTimeout);
            var publishing = publisher.PublishAsync(message, timeout.Token);
            try
            {
                await publishing.WaitAsync(o.DeliveryTimeout, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: the publisher was asked to stop too, and may be recording a delivery it completed. Let it
                // end before the relay does (so nothing touches the store after the host is gone), but never wait
                // longer than a delivery may take: a publisher that ignores its token is left behind.
                await Task.WhenAny(publishing, Task.Delay(o.DeliveryTimeout, CancellationToken.None));
                throw;
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            await FailAsync(pair, pending, ex);
            return false;
        }

        StatusSyncTelemetry.EventsPublished.Add(1, new KeyValuePair<string, object?>("destination", pair.Destination));
        var now = VietnamTime.Now(time);
        if (await store.MarkPublishedAsync(pair, pending.Id, Owner, now + o.LeaseDuration, CancellationToken.None))
        {
            return true;
        }

        LogLeaseLost(logger, pair.Destination);
        return false;
    }

    /// <summary>Records a failed delivery as the policy judges it: a retry scheduled in the outbox, or a dead letter.</summary>
    private async Task FailAsync(ClaimedPair pair, PendingEvent pending, Exception ex)
    {
        var verdict = await failures.JudgeAsync(ex, pair.Destination, reason => store.CountFailureAsync(pair, Owner, reason, CancellationToken.None));
        var now = VietnamTime.Now(time);
        if (verdict.Action == DeliveryAction.DeadLetter)
        {
            await store.DeadLetterAsync(pair, Owner, pending.Id, verdict.Reason, verdict.Attempts, now, CancellationToken.None);
            StatusSyncTelemetry.DeadLetters.Add(1, new KeyValuePair<string, object?>("destination", pair.Destination));
            LogDeadLetter(logger, pending.EventId, pair.Destination, verdict.Attempts, verdict.Cause.GetType().Name);
            return;
        }

        // Held or to be retried: the lease goes back and the dossier is due again after the delay, at any instance.
        await store.ScheduleRetryAsync(pair, Owner, now + verdict.Delay, CancellationToken.None);
    }

    private async Task ReleaseQuietlyAsync(ClaimedPair pair)
    {
        try
        {
            await store.ReleaseAsync(pair, Owner, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The lease expires on its own.
            LogRoundFailed(logger, ex);
        }
    }

    private async Task PurgeIfDueAsync(StatusSyncOptions o, CancellationToken ct)
    {
        var now = VietnamTime.Now(time);
        if (now < _nextPurge)
        {
            return;
        }

        _nextPurge = now + PurgeInterval;
        await store.PurgeIdempotencyAsync(now - o.IdempotencyRetention, ct);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Dossier outbox relay started as {Owner}")]
    private static partial void LogStarted(ILogger logger, string owner);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Error, Message = "Dossier outbox relay failed; the work is picked up again later")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Warning, Message = "Lost the lease on a dossier for {Destination} (another instance took over); stopping it here")]
    private static partial void LogLeaseLost(ILogger logger, string destination);

    [LoggerMessage(EventId = 4304, Level = LogLevel.Error, Message = "Event {EventId} for {Destination} parked as a dead letter after {Attempts} attempts ({Error}); the dossier's later events wait for a replay")]
    private static partial void LogDeadLetter(ILogger logger, Guid eventId, string destination, int attempts, string error);

    [LoggerMessage(EventId = 4305, Level = LogLevel.Information, Message = "Dossier outbox relay disabled on this instance (StatusSync:RelayEnabled=false)")]
    private static partial void LogDisabled(ILogger logger);
}
