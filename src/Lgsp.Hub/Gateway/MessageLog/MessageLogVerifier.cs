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
/// needs no memory for it. With signed checkpoints (<see cref="MessageLogCheckpointVerifier"/>), each record they cover
/// must also be the one they signed: the chain alone is unkeyed, so whoever can write the table can rewrite a record and
/// recompute every hash after it; the first record that differs from its checkpoint is the first one rewritten.
/// </summary>
internal static class MessageLogVerifier
{
    private const int PageSize = 2_000;

    /// <param name="from">The first record to check (its predecessor's stored hash is taken as the anchor); 1 checks all.</param>
    /// <param name="checkpoints">Checkpoints whose signatures verified, in sequence order.</param>
    public static async Task<MessageLogVerification> VerifyAsync(HubDbContext db, long from, IReadOnlyList<MessageLogCheckpointDocument> checkpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(checkpoints);
        var signed = checkpoints.OrderBy(c => c.FirstId).ToList();
        var covering = 0;
        from = Math.Max(1, from);
        var expectedPrevious = MessageLogChain.Genesis;
        // After a retention purge the chain starts after the purged range, anchored by the signed checkpoint ending there.
        var purged = await db.MessageLogHeads.AsNoTracking().Where(h => h.Id == MessageLogHead.SingletonId).Select(h => h.PurgedThrough).SingleOrDefaultAsync(cancellationToken);
        if (purged > 0 && from <= purged + 1)
        {
            from = purged + 1;
            var anchor = signed.Where(c => c.LastId == purged).Select(c => c.LastHash).FirstOrDefault();
            if (anchor is null)
            {
                return new MessageLogVerification(0, from, purged, purged, $"Records 1–{purged} were purged, but no verified signed checkpoint ends at record {purged} to anchor the chain after them.");
            }

            expectedPrevious = anchor;
        }
        else if (from > 1)
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
                while (covering < signed.Count && signed[covering].LastId < record.Id)
                {
                    covering++;
                }

                var problem = Check(record, expectedId, expectedPrevious)
                    ?? (covering < signed.Count ? CheckSigned(record, signed[covering]) : null);
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

        var beyond = signed.Where(c => c.LastId > lastId).Select(c => (MessageLogCheckpointDocument?)c).FirstOrDefault();
        if (beyond is not null)
        {
            return new MessageLogVerification(checkedCount, from, lastId, lastId + 1,
                $"The chain ends at record {lastId} but signed checkpoint {beyond.Sequence} covers records up to {beyond.LastId}: records were removed and the head moved back.");
        }

        return new MessageLogVerification(checkedCount, from, lastId, null, null);
    }

    private static string? CheckSigned(MessageLogRecord record, MessageLogCheckpointDocument checkpoint)
    {
        if (record.Id < checkpoint.FirstId)
        {
            return null;
        }

        var signedHash = checkpoint.Hashes[(int)(record.Id - checkpoint.FirstId)];
        return string.Equals(signedHash, record.Hash, StringComparison.Ordinal)
            ? null
            : $"Record {record.Id} is not the record signed in checkpoint {checkpoint.Sequence} (records {checkpoint.FirstId}–{checkpoint.LastId}, " +
              $"signed {checkpoint.At:u} by {checkpoint.Instance}): it was rewritten and the chain recomputed after it was signed.";
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
