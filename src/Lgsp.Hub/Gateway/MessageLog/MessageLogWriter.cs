using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Lgsp.Core.Errors;
using Lgsp.Hub.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Gateway.MessageLog;

/// <summary>Appends exchanges to the message log.</summary>
internal interface IMessageLog
{
    /// <summary>
    /// Appends <paramref name="record"/> (its id and hashes are assigned here) and completes once the record is
    /// committed. Throws <see cref="LgspException"/> <c>hub.storage_unavailable</c> when it could not be.
    /// </summary>
    Task AppendAsync(MessageLogRecord record, CancellationToken cancellationToken);
}

/// <summary>
/// Group commit: requests hand their records to one background writer per instance, which takes whatever has queued
/// up (at most <see cref="MessageLogOptions.MaxBatchSize"/>), appends it to the chain in one transaction, and only then
/// releases the waiting requests, so no answer leaves before its record is durable while a busy hub pays one commit
/// (one fsync) per batch rather than per request. Appending locks the chain's head row (<c>SELECT … FOR UPDATE</c> on
/// PostgreSQL; SQLite has one writer anyway), so every instance of a multi-instance hub appends to the one chain.
/// </summary>
internal sealed partial class MessageLogWriter(
    IDbContextFactory<HubDbContext> contexts,
    IOptions<GatewayOptions> options,
    MessageLogCheckpoints checkpoints,
    IMeterFactory meters,
    ILogger<MessageLogWriter> logger) : Lgsp.Hub.Observability.AfterRequestsBackgroundService, IMessageLog
{
    public const string MeterName = "Lgsp.Gateway";

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Meter _meter = meters.Create(MeterName);
    private Histogram<double>? _commitDuration;
    private Histogram<int>? _batchSize;

    // The cost of the log, for operators and the benchmark: how long a batch takes to commit, and how many records it carries.
    private Histogram<double> CommitDuration => _commitDuration ??= _meter.CreateHistogram<double>("lgsp.message_log.commit.duration", "ms", "Time to append one batch to the message log (lock, insert, commit).");

    private Histogram<int> BatchSize => _batchSize ??= _meter.CreateHistogram<int>("lgsp.message_log.batch.size", "{record}", "Records committed together (group commit).");

    public Task AppendAsync(MessageLogRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var pending = new Pending(record, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new LgspException(ErrorCatalogue.StorageUnavailable, new("Nhật ký thông điệp đã đóng (nền tảng đang dừng).", "The message log is closed (the hub is stopping)."));
        }

        // The caller may stop waiting; the record is written all the same.
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(options.Value.MessageLog.MaxBatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await DrainAsync(batch, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: refuse new records, write what is queued.
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryPeek(out _))
            {
                await DrainAsync(batch, CancellationToken.None);
            }
        }
    }

    private async Task DrainAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        batch.Clear();
        while (batch.Count < batch.Capacity && _queue.Reader.TryRead(out var next))
        {
            batch.Add(next);
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            var started = Stopwatch.GetTimestamp();
            var signed = await AppendBatchAsync(batch.Select(p => p.Record).ToList(), cancellationToken);
            CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            BatchSize.Record(batch.Count);
            foreach (var pending in batch)
            {
                pending.Done.TrySetResult();
            }
            checkpoints.Publish(signed);
        }
#pragma warning disable CA1031 // Whatever went wrong, the waiting requests must be released, and the writer keep running.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogAppendFailed(logger, batch.Count, ex);
            var fault = new LgspException(ErrorCatalogue.StorageUnavailable, new("Không ghi được lần trao đổi này vào nhật ký thông điệp.", "The exchange could not be recorded in the message log."), inner: ex);
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(fault);
            }
        }
    }

    /// <summary>
    /// One transaction: lock the head, chain the records after it, insert them, move the head, and sign a checkpoint
    /// when one is due. Returns the checkpoints taken (committed, not yet published).
    /// </summary>
    internal async Task<IReadOnlyList<MessageLogCheckpoint>> AppendBatchAsync(IReadOnlyList<MessageLogRecord> records, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var head = await LockHeadAsync(db, cancellationToken);
        var id = head.LastId;
        var previous = head.LastHash;
        foreach (var record in records)
        {
            record.Id = ++id;
            record.PreviousHash = previous;
            record.Hash = MessageLogChain.HashOf(record);
            previous = record.Hash;
        }

        db.MessageLogRecords.AddRange(records);
        head.LastId = id;
        head.LastHash = previous;
        await db.SaveChangesAsync(cancellationToken);
        var signed = await checkpoints.TakeDueAsync(db, head, timed: false, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return signed;
    }

    /// <summary>
    /// Reads the chain's head, locked until the transaction ends (<c>SELECT … FOR UPDATE</c> on PostgreSQL; on SQLite an
    /// <c>UPDATE</c> first takes the database's write lock, so the read cannot go stale under another instance).
    /// </summary>
    internal static async Task<MessageLogHead> LockHeadAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            return await db.MessageLogHeads
                .FromSql($"SELECT * FROM message_log_head WHERE id = {MessageLogHead.SingletonId} FOR UPDATE")
                .SingleAsync(cancellationToken);
        }

        await db.Database.ExecuteSqlAsync($"UPDATE message_log_head SET last_id = last_id WHERE id = {MessageLogHead.SingletonId}", cancellationToken);
        return await db.MessageLogHeads.SingleAsync(h => h.Id == MessageLogHead.SingletonId, cancellationToken);
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "The message log could not append {Count} records; their exchanges were refused")]
    private static partial void LogAppendFailed(ILogger logger, int count, Exception exception);

    private sealed record Pending(MessageLogRecord Record, TaskCompletionSource Done);
}
