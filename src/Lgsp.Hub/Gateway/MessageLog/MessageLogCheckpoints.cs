using System.Text;
using System.Threading.Channels;
using Lgsp.Core.Signing;
using Lgsp.Hub.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Gateway.MessageLog;

/// <summary>Somewhere outside the database a signed checkpoint is also sent to (the checkpoints file, Kafka).</summary>
internal interface IMessageLogCheckpointPublisher
{
    /// <summary>For the logs: <c>file</c>, <c>kafka</c>.</summary>
    string Name { get; }

    /// <summary>Returns once the checkpoint is durable there (fsync'd, acknowledged).</summary>
    Task PublishAsync(MessageLogCheckpoint checkpoint, CancellationToken cancellationToken);
}

/// <summary>
/// Signs the chain's head at checkpoints, so that whoever owns the database (and can drop its triggers and recompute
/// the unkeyed chain) cannot rewrite history without the hub's signing key. A checkpoint is taken under the head's
/// lock, in the transaction that moves the head past <see cref="MessageLogCheckpointOptions.Records"/> records since
/// the last one, or by <see cref="MessageLogCheckpointTimer"/> every <see cref="MessageLogCheckpointOptions.Interval"/>
/// when any record is not yet covered. One chain per database, so one sequence of checkpoints: whichever instance holds
/// the lock signs and names itself. After the commit each checkpoint goes to every
/// <see cref="IMessageLogCheckpointPublisher"/> (<see cref="MessageLogCheckpointPublishing"/>). Signing goes through <see cref="IPacketSigner"/>, the only holder of the key.
/// </summary>
internal sealed partial class MessageLogCheckpoints(
    IDbContextFactory<HubDbContext> contexts,
    IPacketSigner signer,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    MessageLogCheckpointPublishing publishing,
    ILogger<MessageLogCheckpoints> logger)
{
    // The last record known to be covered: a lower bound (another instance may have signed further), so most batches
    // know without a query that no checkpoint is due.
    private long _covered;

    public string InstanceId { get; } = InstanceName(options.Value.MessageLog);

    /// <summary>This instance's name in the records and checkpoints it writes.</summary>
    public static string InstanceName(MessageLogOptions options) => options.InstanceId ?? $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>
    /// Called with the head locked and the records up to <paramref name="head"/> saved in the open transaction: adds the
    /// due checkpoints (none unless <paramref name="timed"/> or the record threshold is reached) and saves them.
    /// A span that does not verify is not signed (logged; the verifier will name the record).
    /// </summary>
    public async Task<IReadOnlyList<MessageLogCheckpoint>> TakeDueAsync(HubDbContext db, MessageLogHead head, bool timed, CancellationToken cancellationToken)
    {
        var threshold = timed ? 1 : options.Value.MessageLog.Checkpoints.Records;
        if (head.LastId - Volatile.Read(ref _covered) < threshold)
        {
            return [];
        }

        var last = await db.MessageLogCheckpoints.AsNoTracking().OrderByDescending(c => c.Id)
            .Select(c => new { c.Id, c.LastId, c.LastHash }).FirstOrDefaultAsync(cancellationToken);
        var sequence = last?.Id ?? 0;
        var covered = last?.LastId ?? 0;
        Volatile.Write(ref _covered, covered);
        if (head.LastId - covered < threshold)
        {
            return [];
        }

        // The next span must chain on from what the last checkpoint signed.
        var previous = last?.LastHash ?? MessageLogChain.Genesis;
        var at = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var taken = new List<MessageLogCheckpoint>();
        while (covered < head.LastId)
        {
            var lastId = Math.Min(head.LastId, covered + MessageLogCheckpointOptions.MaxRecords);
            var records = await db.MessageLogRecords.AsNoTracking()
                .Where(r => r.Id > covered && r.Id <= lastId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
            if (Unsound(records, covered, previous) is { } problem)
            {
                LogSpanUnsound(logger, covered + 1, lastId, problem);
                break;
            }

            var hashes = records.ConvertAll(r => r.Hash);
            var document = new MessageLogCheckpointDocument(++sequence, covered + 1, lastId, hashes[^1], lastId, at, InstanceId, hashes).ToJson();
            var checkpoint = new MessageLogCheckpoint
            {
                Id = sequence,
                FirstId = covered + 1,
                LastId = lastId,
                LastHash = hashes[^1],
                CreatedAt = at,
                InstanceId = InstanceId,
                Document = document,
                Signature = signer.SignDetachedJws(Encoding.UTF8.GetBytes(document), MessageLogCheckpointDocument.JwsType),
            };
            db.MessageLogCheckpoints.Add(checkpoint);
            taken.Add(checkpoint);
            covered = lastId;
            previous = hashes[^1];
        }

        if (taken.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            Volatile.Write(ref _covered, covered);
        }

        return taken;
    }

    /// <summary>
    /// The timed checkpoint (and the test hook): lock the head, sign whatever is not covered yet, and return once it and
    /// every checkpoint signed before it are published.
    /// </summary>
    public async Task<IReadOnlyList<MessageLogCheckpoint>> TakeNowAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<MessageLogCheckpoint> taken;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var head = await MessageLogWriter.LockHeadAsync(db, cancellationToken);
            taken = await TakeDueAsync(db, head, timed: true, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var checkpoint in taken)
        {
            LogCheckpoint(logger, checkpoint.Id, checkpoint.FirstId, checkpoint.LastId, checkpoint.LastHash);
        }

        await publishing.PublishAsync(taken).WaitAsync(cancellationToken);
        return taken;
    }

    /// <summary>Hands committed checkpoints to the publishing queue without waiting (the writer must not wait for a broker).</summary>
    public void Publish(IReadOnlyList<MessageLogCheckpoint> checkpoints)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        foreach (var checkpoint in checkpoints)
        {
            LogCheckpoint(logger, checkpoint.Id, checkpoint.FirstId, checkpoint.LastId, checkpoint.LastHash);
        }

        if (checkpoints.Count > 0)
        {
            _ = publishing.PublishAsync(checkpoints);
        }
    }

    private static string? Unsound(List<MessageLogRecord> records, long covered, string previous)
    {
        var expectedId = covered + 1;
        foreach (var record in records)
        {
            if (record.Id != expectedId)
            {
                return $"record {expectedId} is missing";
            }

            if (!string.Equals(record.PreviousHash, previous, StringComparison.Ordinal) || !string.Equals(MessageLogChain.HashOf(record), record.Hash, StringComparison.Ordinal))
            {
                return $"record {record.Id} does not match the chain";
            }

            previous = record.Hash;
            expectedId++;
        }

        return records.Count == 0 ? $"record {expectedId} is missing" : null;
    }

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Message-log checkpoint {Sequence} signed: records {FirstId}-{LastId}, head hash {LastHash}")]
    private static partial void LogCheckpoint(ILogger logger, long sequence, long firstId, long lastId, string lastHash);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Critical, Message = "Message-log records {FirstId}-{LastId} were not signed: {Problem}. Run message-log verify")]
    private static partial void LogSpanUnsound(ILogger logger, long firstId, long lastId, string problem);
}

/// <summary>
/// Sends committed checkpoints outside the database, one at a time in the order they were signed, on a background loop
/// of its own: neither the log's writer nor a lookup ever waits for a broker or a disk. A destination's failure is logged
/// (the database has the checkpoint) and does not keep it from the others.
/// </summary>
internal sealed partial class MessageLogCheckpointPublishing(
    IEnumerable<IMessageLogCheckpointPublisher> publishers,
    ILogger<MessageLogCheckpointPublishing> logger) : BackgroundService
{
    private readonly Channel<(IReadOnlyList<MessageLogCheckpoint> Checkpoints, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(IReadOnlyList<MessageLogCheckpoint>, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues the checkpoints; completes once they, and everything queued before them, went to every destination.</summary>
    public Task PublishAsync(IReadOnlyList<MessageLogCheckpoint> checkpoints)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((checkpoints, done)))
        {
            done.TrySetCanceled();
        }

        return done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (checkpoints, done) in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await SendAsync(checkpoints, stoppingToken);
                done.TrySetResult();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping (the writer has stopped before): send what is queued, for a few seconds at most; whatever is
            // left is in the database all the same.
            _queue.Writer.TryComplete();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            while (_queue.Reader.TryRead(out var left))
            {
                try
                {
                    await SendAsync(left.Checkpoints, grace.Token);
                    left.Done.TrySetResult();
                }
                catch (OperationCanceledException)
                {
                    left.Done.TrySetCanceled(grace.Token);
                }
            }
        }
    }

    private async Task SendAsync(IReadOnlyList<MessageLogCheckpoint> checkpoints, CancellationToken cancellationToken)
    {
        foreach (var checkpoint in checkpoints)
        {
            foreach (var publisher in publishers)
            {
                try
                {
                    await publisher.PublishAsync(checkpoint, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // One unreachable destination must not keep the checkpoint from the others.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogPublishFailed(logger, checkpoint.Id, publisher.Name, ex);
                }
            }
        }
    }

    [LoggerMessage(EventId = 2103, Level = LogLevel.Error, Message = "Message-log checkpoint {Sequence} could not be published to {Destination}; it is in the database")]
    private static partial void LogPublishFailed(ILogger logger, long sequence, string destination, Exception exception);
}

/// <summary>Takes a checkpoint every <see cref="MessageLogCheckpointOptions.Interval"/> (by the hub's <see cref="TimeProvider"/>) when records are not yet covered.</summary>
internal sealed partial class MessageLogCheckpointTimer(
    MessageLogCheckpoints checkpoints,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<MessageLogCheckpointTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.MessageLog.Checkpoints.Interval;
        try
        {
            while (true)
            {
                await Task.Delay(interval, time, stoppingToken);
                try
                {
                    await checkpoints.TakeNowAsync(stoppingToken);
                }
#pragma warning disable CA1031 // A failed check (database away) is retried at the next interval.
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    LogFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(EventId = 2105, Level = LogLevel.Error, Message = "The timed message-log checkpoint failed; retried at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>
/// Appends each checkpoint as one JSON line to <see cref="MessageLogCheckpointOptions.FilePath"/>: opened for appending
/// only, written in one call and fsync'd before the checkpoint counts as published. Each instance writes the checkpoints
/// it signed to its own file (the auditor reads them all, or the Kafka topic that has every instance's).
/// </summary>
internal sealed class CheckpointFilePublisher(IOptions<GatewayOptions> options, IHostEnvironment environment) : IMessageLogCheckpointPublisher
{
    private readonly Lock _gate = new();

    public string Name => "file";

    public string FilePath { get; } = Path.GetFullPath(options.Value.MessageLog.Checkpoints.FilePath, environment.ContentRootPath);

    public async Task PublishAsync(MessageLogCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var line = Encoding.UTF8.GetBytes(checkpoint.ToSigned().ToLine() + "\n");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Append(line);
                return;
            }
            catch (IOException) when (attempt < 50)
            {
                // Another process (an instance sharing this folder) has the file open for its own line.
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            }
        }
    }

    private void Append(byte[] line)
    {
        lock (_gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            using var stream = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.Read);
            stream.Write(line);
            stream.Flush(flushToDisk: true);
        }
    }
}
