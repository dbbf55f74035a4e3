using Lgsp.Hub.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.StatusSync.Outbox;

/// <summary>
/// Gives committed events their change-feed position. Ids (identity/serial values) are drawn when a row is inserted,
/// so under concurrent transactions id 11 may commit before id 10; a reader paging by id would read 11, move its
/// cursor past 10 and never see it. Positions are therefore stamped only on rows already committed, by one
/// sequencer at a time (the cursor row's lock), each stamp larger than every earlier one: a reader can only ever see
/// a gap-free, growing prefix of the feed. Run by every relay round and before every feed read.
/// </summary>
internal sealed class FeedSequencer(IDbContextFactory<HubDbContext> contexts)
{
    private const int BatchSize = 10_000;

    /// <summary>Stamps positions on committed, unpositioned events in id order; returns how many.</summary>
    public async Task<int> StampAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.DossierEvents.AnyAsync(e => e.Position == null, cancellationToken))
        {
            return 0;
        }

        var total = 0;
        int stamped;
        do
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // Waits for any other sequencer's commit; the statements after it see that sequencer's positions.
            var last = (await db.Database.SqlQueryRaw<long>(
                "UPDATE dossier_feed_cursor SET last_position = last_position WHERE id = 1 RETURNING last_position AS \"Value\"")
                .ToListAsync(cancellationToken))[0];
            stamped = await db.Database.ExecuteSqlRawAsync(
                """
                UPDATE dossier_events SET position = s.pos
                FROM (SELECT id, {0} + row_number() OVER (ORDER BY id) AS pos
                      FROM dossier_events WHERE position IS NULL ORDER BY id LIMIT {1}) AS s
                WHERE dossier_events.id = s.id
                """,
                [last, BatchSize], cancellationToken);
            if (stamped > 0)
            {
                await db.Database.ExecuteSqlRawAsync("UPDATE dossier_feed_cursor SET last_position = {0} WHERE id = 1", [last + stamped], cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            total += stamped;
        }
        while (stamped == BatchSize);

        return total;
    }
}
