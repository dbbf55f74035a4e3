using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Confluent.Kafka;
using Lgsp.Core.StatusSync;
using Lgsp.Hub.StatusSync.Outbox;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.StatusSync.Kafka;

/// <summary>
/// Delivers the dossier events of <see cref="KafkaOptions.Topic"/> to the destinations, as one member of
/// <see cref="KafkaOptions.ConsumerGroup"/> (every hub instance joins; the partitions are shared among them):
/// <list type="bullet">
/// <item>one worker per assigned partition, so one dossier's events (one partition) go one at a time, in order, while
/// other partitions go on; a partition whose worker falls behind <see cref="KafkaOptions.MaxBufferedPerPartition"/>
/// stops fetching until it catches up;</item>
/// <item>each message is first checked against the outbox (<see cref="KafkaDeliveryGate"/>): copies of delivered
/// events are skipped, and so are events behind a dead letter (held back: the relay republishes them after a replay);</item>
/// <item>a failed delivery is retried with the relay's backoff; after the configured attempts (or at once when the
/// destination refused it for good) the message is copied to the dead-letter topic with the reason in headers and
/// parked in the outbox (<see cref="DossierDeadLetters.ParkAsync"/>), and its dossier's later events wait;</item>
/// <item>offsets are committed only up to messages whose events were delivered, skipped or parked, every
/// <see cref="KafkaOptions.CommitInterval"/> and when partitions are taken away. A crash re-reads the uncommitted tail;
/// the gate and the destinations' idempotency keys make that harmless.</item>
/// </list>
/// </summary>
internal sealed partial class KafkaDossierConsumer(
    KafkaClients clients,
    KafkaDeliveryGate gate,
    DossierDelivery delivery,
    DossierDeadLetters deadLetters,
    KafkaDossierEventPublisher publisher,
    IOptionsMonitor<StatusSyncOptions> syncOptions,
    TimeProvider time,
    ILogger<KafkaDossierConsumer> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<TopicPartition, PartitionWorker> _workers = new();
    private readonly HashSet<TopicPartition> _paused = [];
    private readonly Dictionary<TopicPartition, long> _committed = [];

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!clients.Options.ConsumerEnabled)
        {
            LogDisabled(logger);
            return Task.CompletedTask;
        }

        // Consume() blocks: the loop gets a thread of its own; the deliveries run on the pool.
        return Task.Factory.StartNew(() => RunAsync(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await clients.EnsureTopicsAsync(stoppingToken);
                break;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogTopicsFailed(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        var o = clients.Options;
        using var consumer = new ConsumerBuilder<string, byte[]>(clients.Consumer())
            .SetErrorHandler((_, error) => LogClientError(logger, error.Code.ToString(), error.Reason))
            .SetPartitionsAssignedHandler((_, partitions) => Assign(partitions, stoppingToken))
            .SetPartitionsRevokedHandler((c, partitions) => Revoke(c, partitions.Select(p => p.TopicPartition), commit: true))
            .SetPartitionsLostHandler((c, partitions) => Revoke(c, partitions.Select(p => p.TopicPartition), commit: false))
            .Build();
        consumer.Subscribe(o.Topic);
        LogStarted(logger, o.ConsumerGroup, o.Topic);
        var nextCommit = time.GetUtcNow() + o.CommitInterval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false, Message: not null } result)
                    {
                        Dispatch(consumer, result, o);
                    }
                }
                catch (ConsumeException ex)
                {
                    // The cluster is unreachable or similar: librdkafka reconnects by itself.
                    LogClientError(logger, ex.Error.Code.ToString(), ex.Error.Reason);
                }

                ResumeDrained(consumer);
                if (time.GetUtcNow() >= nextCommit)
                {
                    Commit(consumer, _workers.Values);
                    nextCommit = time.GetUtcNow() + o.CommitInterval;
                }
            }
        }
        finally
        {
            Revoke(consumer, [.. _workers.Keys], commit: true);
            try
            {
                consumer.Close();
            }
            catch (KafkaException ex)
            {
                LogClientError(logger, ex.Error.Code.ToString(), ex.Error.Reason);
            }
        }
    }

    private void Dispatch(IConsumer<string, byte[]> consumer, ConsumeResult<string, byte[]> result, KafkaOptions o)
    {
        if (!_workers.TryGetValue(result.TopicPartition, out var worker))
        {
            // Not (or no longer) ours: it is read again by whoever holds the partition.
            return;
        }

        worker.Enqueue(result);
        if (worker.Buffered >= o.MaxBufferedPerPartition && _paused.Add(result.TopicPartition))
        {
            consumer.Pause([result.TopicPartition]);
        }
    }

    private void ResumeDrained(IConsumer<string, byte[]> consumer)
    {
        if (_paused.Count == 0)
        {
            return;
        }

        var low = Math.Max(1, clients.Options.MaxBufferedPerPartition / 2);
        var drained = _paused.Where(tp => !_workers.TryGetValue(tp, out var w) || w.Buffered < low).ToList();
        foreach (var tp in drained)
        {
            _paused.Remove(tp);
        }

        var ours = drained.Where(_workers.ContainsKey).ToList();
        if (ours.Count > 0)
        {
            // Fetching resumes at the position after the last message handed to the worker: nothing is skipped.
            consumer.Resume(ours);
        }
    }

    private void Assign(IEnumerable<TopicPartition> partitions, CancellationToken stoppingToken)
    {
        foreach (var tp in partitions)
        {
            var worker = new PartitionWorker(tp, this, stoppingToken);
            if (_workers.TryAdd(tp, worker))
            {
                worker.Start();
            }
        }
    }

    /// <summary>Stops the partitions' workers (an event in delivery is abandoned: it goes again) and commits what they finished.</summary>
    private void Revoke(IConsumer<string, byte[]> consumer, IEnumerable<TopicPartition> partitions, bool commit)
    {
        var stopped = new List<PartitionWorker>();
        foreach (var tp in partitions)
        {
            if (_workers.TryRemove(tp, out var worker))
            {
                stopped.Add(worker);
                _paused.Remove(tp);
            }
        }

        if (stopped.Count == 0)
        {
            return;
        }

        try
        {
            Task.WhenAll(stopped.Select(w => w.StopAsync())).Wait(TimeSpan.FromSeconds(30));
        }
        catch (AggregateException ex)
        {
            LogWorkerFailed(logger, ex);
        }

        if (commit)
        {
            Commit(consumer, stopped);
        }

        foreach (var worker in stopped)
        {
            _committed.Remove(worker.Partition);
            worker.Dispose();
        }
    }

    private void Commit(IConsumer<string, byte[]> consumer, IEnumerable<PartitionWorker> workers)
    {
        var offsets = new List<TopicPartitionOffset>();
        foreach (var worker in workers)
        {
            var next = worker.NextOffset;
            if (next >= 0 && (!_committed.TryGetValue(worker.Partition, out var done) || done < next))
            {
                offsets.Add(new TopicPartitionOffset(worker.Partition, new Offset(next)));
            }
        }

        if (offsets.Count == 0)
        {
            return;
        }

        try
        {
            consumer.Commit(offsets);
            foreach (var offset in offsets)
            {
                _committed[offset.TopicPartition] = offset.Offset.Value;
            }
        }
        catch (KafkaException ex)
        {
            // Not committed yet: tried again next interval; at worst the tail is read again (and skipped by the gate).
            LogCommitFailed(logger, ex.Error.Code.ToString(), ex.Error.Reason);
        }
    }

    /// <summary>One message, start to finish: skipped, delivered, or parked as a dead letter. Throws only when stopping.</summary>
    private async Task HandleAsync(ConsumeResult<string, byte[]> result, CancellationToken ct)
    {
        DossierEvent dossierEvent;
        try
        {
            dossierEvent = DossierEventJson.Deserialize(result.Message.Value,
                KafkaHeaderNames.Get(result.Message.Headers, KafkaHeaderNames.TraceParent),
                KafkaHeaderNames.Get(result.Message.Headers, KafkaHeaderNames.TraceState));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            // Not an event this hub wrote: nothing to park in the outbox, but keep it where an operator can see it.
            LogUndecodable(logger, result.Partition.Value, result.Offset.Value);
            await DeadLetterTopicAsync(result, "Undecodable: " + DossierDelivery.Describe(ex), 0, ct);
            return;
        }

        var sync = syncOptions.CurrentValue;
        var maxAttempts = clients.Options.MaxAttempts ?? sync.MaxAttempts;
        while (true)
        {
            var decision = await gate.DecideAsync(dossierEvent.MessageId, ct);
            if (decision != GateDecision.Deliver)
            {
                LogSkipped(logger, dossierEvent.MessageId, decision.ToString());
                return;
            }

            int attempts;
            string reason;
            Exception cause;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(sync.DeliveryTimeout);
                await delivery.DeliverAsync(dossierEvent, timeout.Token).WaitAsync(sync.DeliveryTimeout, time, ct);
                StatusSyncTelemetry.EventsPublished.Add(1, new KeyValuePair<string, object?>("destination", dossierEvent.Destination));
                return;
            }
            catch (DossierDeliveryFailedException held) when (held.IsHeld && !ct.IsCancellationRequested)
            {
                // Switched off by the operators: the partition waits in order, nothing is counted or parked.
                await Task.Delay(DossierDeliveryFailedException.HeldRetryDelay, time, ct);
                continue;
            }
            catch (DossierDeliveryFailedException failed) when (!ct.IsCancellationRequested)
            {
                cause = failed.InnerException ?? failed;
                reason = DossierDelivery.Describe(cause);
                attempts = failed.Attempts;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // A timeout (the destination did not answer in time) or no such destination: counted here.
                cause = ex;
                reason = ex is OperationCanceledException or TimeoutException
                    ? string.Create(CultureInfo.InvariantCulture, $"Timeout: no answer within {sync.DeliveryTimeout}.")
                    : DossierDelivery.Describe(ex);
                attempts = await delivery.RecordFailureAsync(dossierEvent.MessageId, reason);
            }

            StatusSyncTelemetry.DeliveryFailures.Add(1, new KeyValuePair<string, object?>("destination", dossierEvent.Destination));
            if (cause is DossierDeliveryRejectedException || attempts >= maxAttempts)
            {
                await DeadLetterTopicAsync(result, reason, attempts, ct);
                await deadLetters.ParkAsync(dossierEvent.MessageId, reason, attempts, ct);
                StatusSyncTelemetry.DeadLetters.Add(1, new KeyValuePair<string, object?>("destination", dossierEvent.Destination));
                LogDeadLetter(logger, dossierEvent.MessageId, dossierEvent.Destination, attempts, cause.GetType().Name);
                return;
            }

            await Task.Delay(RetryBackoff.Delay(attempts, sync.RetryBaseDelay, sync.RetryMaxDelay, sync.RetryJitter, Random.Shared.NextDouble()), time, ct);
        }
    }

    /// <summary>Copies the message to the dead-letter topic, trying until the cluster takes it (or the hub stops).</summary>
    private async Task DeadLetterTopicAsync(ConsumeResult<string, byte[]> result, string reason, int attempts, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await publisher.ProduceDeadLetterAsync(result, reason, attempts, ct);
                return;
            }
            catch (KafkaException ex) when (!ct.IsCancellationRequested)
            {
                LogClientError(logger, ex.Error.Code.ToString(), ex.Error.Reason);
                await Task.Delay(delay, time, ct);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    /// <summary>One assigned partition's queue and the task that works through it in order.</summary>
    private sealed class PartitionWorker(TopicPartition partition, KafkaDossierConsumer owner, CancellationToken stoppingToken) : IDisposable
    {
        private readonly Channel<ConsumeResult<string, byte[]>> _queue = Channel.CreateUnbounded<ConsumeResult<string, byte[]>>();
        private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        private Task _run = Task.CompletedTask;
        private long _next = -1;

        public TopicPartition Partition => partition;

        public int Buffered => _queue.Reader.Count;

        /// <summary>The offset to commit: one past the last message finished, or −1 when none yet.</summary>
        public long NextOffset => Interlocked.Read(ref _next);

        public void Start() => _run = Task.Run(RunAsync, CancellationToken.None);

        public void Enqueue(ConsumeResult<string, byte[]> result) => _queue.Writer.TryWrite(result);

        public async Task StopAsync()
        {
            _queue.Writer.TryComplete();
            await _stop.CancelAsync();
            await _run;
        }

        public void Dispose() => _stop.Dispose();

        private async Task RunAsync()
        {
            try
            {
                await foreach (var result in _queue.Reader.ReadAllAsync(_stop.Token))
                {
                    await owner.HandleWithRetryAsync(result, _stop.Token);
                    Interlocked.Exchange(ref _next, result.Offset.Value + 1);
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                // Revoked or stopping: the message in hand was not finished and is not committed.
            }
        }
    }

    /// <summary>A database failure under a message is not the destination's fault: try the same message again.</summary>
    private async Task HandleWithRetryAsync(ConsumeResult<string, byte[]> result, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await HandleAsync(result, ct);
                return;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                LogWorkerFailed(logger, ex);
                await Task.Delay(delay, time, ct);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    [LoggerMessage(EventId = 4411, Level = LogLevel.Information, Message = "Kafka consumer joined group {Group} on {Topic}")]
    private static partial void LogStarted(ILogger logger, string group, string topic);

    [LoggerMessage(EventId = 4412, Level = LogLevel.Information, Message = "Kafka consumer disabled on this instance (Kafka:ConsumerEnabled=false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(EventId = 4413, Level = LogLevel.Warning, Message = "Kafka consumer: {Code} {Reason}")]
    private static partial void LogClientError(ILogger logger, string code, string reason);

    [LoggerMessage(EventId = 4414, Level = LogLevel.Warning, Message = "Kafka offsets not committed ({Code} {Reason}); tried again later")]
    private static partial void LogCommitFailed(ILogger logger, string code, string reason);

    [LoggerMessage(EventId = 4415, Level = LogLevel.Error, Message = "Kafka topics could not be checked or created; trying again")]
    private static partial void LogTopicsFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4416, Level = LogLevel.Error, Message = "Kafka consumer failed on a message; trying it again")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4417, Level = LogLevel.Debug, Message = "Event {EventId} skipped: {Decision}")]
    private static partial void LogSkipped(ILogger logger, Guid eventId, string decision);

    [LoggerMessage(EventId = 4418, Level = LogLevel.Error, Message = "Event {EventId} for {Destination} parked as a dead letter after {Attempts} attempts ({Error}); the dossier's later events wait for a replay")]
    private static partial void LogDeadLetter(ILogger logger, Guid eventId, string destination, int attempts, string error);

    [LoggerMessage(EventId = 4419, Level = LogLevel.Error, Message = "Message at partition {Partition} offset {Offset} is not a dossier event; copied to the dead-letter topic")]
    private static partial void LogUndecodable(ILogger logger, int partition, long offset);
}
