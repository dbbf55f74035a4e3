using Lgsp.Hub.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.Gateway.MessageLog;

/// <summary>The result of checking the chain: how many records were checked and the first broken one, if any.</summary>
internal sealed record MessageLogVerification(long Checked, long FirstId, long LastId, long? BrokenAt, string? Problem)
{
    public bool Valid => BrokenAt is null;
}

/// <summary>
/// Walks the chain in id order and checks, for each record, that its id follows the previous one (a deleted record
/// leaves a gap), that it names the previous record's hash, and that its own hash matches its content (an edited
/// column changes it); then that the head names the last record (a truncated tail). Reads in pages, so a long log
/// needs no memory for it.
/// </summary>
internal static class MessageLogVerifier
{
    private const int PageSize = 2_000;

    /// <param name="from">The first record to check (its predecessor's stored hash is taken as the anchor); 1 checks all.</param>
    public static async Task<MessageLogVerification> VerifyAsync(HubDbContext db, long from, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        from = Math.Max(1, from);
        var expectedPrevious = MessageLogChain.Genesis;
        if (from > 1)
        {
            var anchor = await db.MessageLogRecords.AsNoTracking().Where(r => r.Id == from - 1).Select(r => r.Hash).SingleOrDefaultAsync(cancellationToken);
            if (anchor is null)
            {
                return new MessageLogVerification(0, from, from - 1, from - 1, $"Record {from - 1}, the anchor before record {from}, is missing.");
            }

            expectedPrevious = anchor;
        }

        var expectedId = from;
        long checkedCount = 0;
        while (true)
        {
            var page = await db.MessageLogRecords.AsNoTracking()
                .Where(r => r.Id >= expectedId)
                .OrderBy(r => r.Id)
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            foreach (var record in page)
            {
                var problem = Check(record, expectedId, expectedPrevious);
                if (problem is not null)
                {
                    return new MessageLogVerification(checkedCount, from, expectedId - 1, record.Id, problem);
                }

                checkedCount++;
                expectedPrevious = record.Hash;
                expectedId++;
            }

            if (page.Count < PageSize)
            {
                break;
            }
        }

        var lastId = expectedId - 1;
        var head = await db.MessageLogHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == MessageLogHead.SingletonId, cancellationToken);
        if (head is null)
        {
            return new MessageLogVerification(checkedCount, from, lastId, lastId + 1, "The chain head (message_log_head) is missing.");
        }

        if (head.LastId != lastId || (lastId >= from && head.LastHash != expectedPrevious))
        {
            return new MessageLogVerification(checkedCount, from, lastId, lastId + 1,
                $"The chain ends at record {lastId} but its head names record {head.LastId}: records after {lastId} were removed, or the head was changed.");
        }

        return new MessageLogVerification(checkedCount, from, lastId, null, null);
    }

    private static string? Check(MessageLogRecord record, long expectedId, string expectedPrevious)
    {
        if (record.Id != expectedId)
        {
            return record.Id - expectedId == 1
                ? $"Record {expectedId} is missing (deleted)."
                : $"Records {expectedId}–{record.Id - 1} are missing (deleted).";
        }

        if (!string.Equals(record.PreviousHash, expectedPrevious, StringComparison.Ordinal))
        {
            return $"Record {record.Id} does not name the previous record's hash (a record before it was replaced).";
        }

        return string.Equals(MessageLogChain.HashOf(record), record.Hash, StringComparison.Ordinal)
            ? null
            : $"Record {record.Id} does not match its hash (a column was edited).";
    }
}
