using Confluent.Kafka;

namespace Lgsp.Hub.StatusSync.Kafka;

/// <summary>
/// The consumer's offset bookkeeping (<c>enable.auto.commit=false</c>): commits, per partition, the offset after the
/// last message its worker finished (delivered, skipped or parked), and only when it moved since the last commit;
/// every <see cref="KafkaOptions.CommitInterval"/> and when partitions are taken away. A commit that fails is logged
/// and made again next time: at worst the tail is read again, and the gate skips it.
/// Used by the consumer's loop thread only (the rebalance handlers run on it too).
/// </summary>
internal sealed partial class KafkaOffsets(KafkaOptions options, TimeProvider time, ILogger logger)
{
    private readonly Dictionary<TopicPartition, long> _committed = [];
    private DateTimeOffset _nextCommit = time.GetUtcNow() + options.CommitInterval;

    /// <summary>Commits the workers' progress when the interval has passed.</summary>
    public void CommitIfDue(IConsumer<string, byte[]> consumer, IEnumerable<KafkaPartitionWorker> workers)
    {
        if (time.GetUtcNow() < _nextCommit)
        {
            return;
        }

        Commit(consumer, workers);
        _nextCommit = time.GetUtcNow() + options.CommitInterval;
    }

    /// <summary>Commits the workers' progress now (only partitions that moved).</summary>
    public void Commit(IConsumer<string, byte[]> consumer, IEnumerable<KafkaPartitionWorker> workers)
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

    /// <summary>A partition is no longer ours: whoever gets it next starts from the group's committed offset.</summary>
    public void Forget(TopicPartition partition) => _committed.Remove(partition);

    [LoggerMessage(EventId = 4414, Level = LogLevel.Warning, Message = "Kafka offsets not committed ({Code} {Reason}); tried again later")]
    private static partial void LogCommitFailed(ILogger logger, string code, string reason);
}
