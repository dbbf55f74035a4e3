using System.Collections.Concurrent;
using Confluent.Kafka;
using Lgsp.Hub.StatusSync.Outbox;

namespace Lgsp.Hub.StatusSync.Kafka;

/// <summary>
/// Delivers the dossier events of <see cref="KafkaOptions.Topic"/> to the destinations, as one member of
/// <see cref="KafkaOptions.ConsumerGroup"/> (every hub instance joins; the partitions are shared among them). This
/// class is the loop and the partitions; each job it hands on has its own type:
/// <list type="bullet">
/// <item>one <see cref="KafkaPartitionWorker"/> per assigned partition, so one dossier's events (one partition) go one
/// at a time, in order, while other partitions go on; a partition whose worker falls behind
/// <see cref="KafkaOptions.MaxBufferedPerPartition"/> stops fetching until it is down to half;</item>
/// <item>each message is finished by <see cref="KafkaDossierMessageHandler"/>: checked against the outbox, delivered,
/// retried and dead-lettered as the <see cref="DeliveryFailurePolicy"/> (shared with the relay) says;</item>
/// <item><see cref="KafkaOffsets"/> commits offsets only up to messages whose events were delivered, skipped or parked,
/// every <see cref="KafkaOptions.CommitInterval"/> and when partitions are taken away. A crash re-reads the uncommitted
/// tail; the gate and the destinations' idempotency keys make that harmless.</item>
/// </list>
/// </summary>
internal sealed partial class KafkaDossierConsumer(
    KafkaClients clients,
    KafkaDossierMessageHandler handler,
    DeliveryFailurePolicy failures,
    TimeProvider time,
    ILogger<KafkaDossierConsumer> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<TopicPartition, KafkaPartitionWorker> _workers = new();
    private readonly HashSet<TopicPartition> _paused = [];
    private readonly KafkaOffsets _offsets = new(clients.Options, time, logger);

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
        try
        {
            await failures.RetryAsync(async ct =>
            {
                await clients.EnsureTopicsAsync(ct);
                return null;
            }, ex => LogTopicsFailed(logger, ex), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
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
                _offsets.CommitIfDue(consumer, _workers.Values);
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
            var worker = new KafkaPartitionWorker(tp, handler.HandleAsync, stoppingToken);
            if (_workers.TryAdd(tp, worker))
            {
                worker.Start();
            }
        }
    }

    /// <summary>Stops the partitions' workers (an event in delivery is abandoned: it goes again) and commits what they finished.</summary>
    private void Revoke(IConsumer<string, byte[]> consumer, IEnumerable<TopicPartition> partitions, bool commit)
    {
        var stopped = new List<KafkaPartitionWorker>();
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
            LogWorkersNotStopped(logger, ex);
        }

        if (commit)
        {
            _offsets.Commit(consumer, stopped);
        }

        foreach (var worker in stopped)
        {
            _offsets.Forget(worker.Partition);
            worker.Dispose();
        }
    }

    [LoggerMessage(EventId = 4411, Level = LogLevel.Information, Message = "Kafka consumer joined group {Group} on {Topic}")]
    private static partial void LogStarted(ILogger logger, string group, string topic);

    [LoggerMessage(EventId = 4412, Level = LogLevel.Information, Message = "Kafka consumer disabled on this instance (Kafka:ConsumerEnabled=false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(EventId = 4413, Level = LogLevel.Warning, Message = "Kafka consumer: {Code} {Reason}")]
    private static partial void LogClientError(ILogger logger, string code, string reason);

    [LoggerMessage(EventId = 4415, Level = LogLevel.Error, Message = "Kafka topics could not be checked or created; trying again")]
    private static partial void LogTopicsFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5801, Level = LogLevel.Error, Message = "Kafka partition workers did not stop cleanly")]
    private static partial void LogWorkersNotStopped(ILogger logger, Exception exception);
}
