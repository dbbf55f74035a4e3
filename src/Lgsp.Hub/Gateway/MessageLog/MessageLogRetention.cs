using System.Data.Common;
using Lgsp.Hub.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Gateway.MessageLog;

/// <summary>
/// The retention purge (<see cref="MessageLogOptions.Retention"/>, default 5 years): removes the records older than the
/// retention, but only up to the last record of a signed checkpoint (<c>P</c>) such that every record up to it is older.
/// The checkpoints stay (they hold hashes, no content), so the purged range is still covered by signatures, and the
/// checkpoint ending at <c>P</c> anchors the chain from <c>P + 1</c>: <see cref="MessageLogVerifier"/> starts there.
/// One transaction: the head is locked (as writers lock it), <c>purged_through</c> moves to <c>P</c>, then the records
/// go (the database's trigger refuses any deletion above <c>purged_through</c>).
/// </summary>
internal sealed partial class MessageLogRetention(
    IDbContextFactory<HubDbContext> contexts, IOptions<GatewayOptions> options, TimeProvider time, ILogger<MessageLogRetention> logger)
{
    /// <summary>Purges what is due; returns how many records were removed.</summary>
    public async Task<long> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.MessageLog.Retention;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var head = await MessageLogWriter.LockHeadAsync(db, cancellationToken);
        var firstKept = await FirstKeptAsync(db, head.PurgedThrough, cutoff, cancellationToken) ?? head.LastId + 1;
        var through = await db.MessageLogCheckpoints.Where(c => c.LastId < firstKept && c.LastId > head.PurgedThrough).MaxAsync(c => (long?)c.LastId, cancellationToken);
        if (through is not { } purgeThrough)
        {
            return 0;
        }

        head.PurgedThrough = purgeThrough;
        await db.SaveChangesAsync(cancellationToken);
        var removed = await db.MessageLogRecords.Where(r => r.Id <= purgeThrough).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogPurged(logger, removed, purgeThrough, cutoff);
        return removed;
    }

    /// <summary>
    /// The first record at or after the cutoff, read in id order by pages of (id, time) only: SQLite cannot compare
    /// <see cref="DateTimeOffset"/> in SQL, and the records before it are the ones a purge removes anyway.
    /// </summary>
    private static async Task<long?> FirstKeptAsync(HubDbContext db, long after, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        const int Page = 5_000;
        while (true)
        {
            var page = await db.MessageLogRecords.AsNoTracking().Where(r => r.Id > after).OrderBy(r => r.Id).Take(Page)
                .Select(r => new { r.Id, r.OccurredAt }).ToListAsync(cancellationToken);
            var kept = page.FirstOrDefault(r => r.OccurredAt >= cutoff);
            if (kept is not null)
            {
                return kept.Id;
            }

            if (page.Count < Page)
            {
                return null;
            }

            after = page[^1].Id;
        }
    }

    [LoggerMessage(EventId = 1800, Level = LogLevel.Information, Message = "Message log retention: {Count} records removed, through record {Through} (older than {Cutoff:u}); signed checkpoints cover them")]
    private static partial void LogPurged(ILogger logger, long count, long through, DateTimeOffset cutoff);
}

/// <summary>Runs <see cref="MessageLogRetention"/> every <see cref="MessageLogOptions.PurgeInterval"/> on the hub's clock.</summary>
internal sealed partial class MessageLogRetentionTimer(MessageLogRetention retention, IOptions<GatewayOptions> options, TimeProvider time, ILogger<MessageLogRetentionTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MessageLog.PurgeInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await retention.PurgeAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException)
            {
                // The next tick tries again; nothing was removed (one transaction).
                LogPurgeFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 1801, Level = LogLevel.Warning, Message = "Message log retention: the purge failed and will be retried at the next interval")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
