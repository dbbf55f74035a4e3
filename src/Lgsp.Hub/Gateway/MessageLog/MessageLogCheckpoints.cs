using System.Text;
using System.Threading.Channels;
using Lgsp.Core.Signing;
using Lgsp.Hub.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Gateway.MessageLog;

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
