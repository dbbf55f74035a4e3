using Lgsp.Hub.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.StatusSync.Kafka;

/// <summary>What the consumer does with a message, decided against the outbox (the source of truth).</summary>
internal enum GateDecision
{
    /// <summary>The next undelivered event of its (dossier, destination): deliver it.</summary>
    Deliver,

    /// <summary>Already delivered (a republished or re-read copy): skip.</summary>
    Duplicate,

    /// <summary>
    /// Parked, or behind an earlier undelivered event (a dead letter, or one replayed and republished further on):
    /// skip; the relay publishes it again in order once what precedes it goes through.
    /// </summary>
    HeldBack,

    /// <summary>Not in this hub's outbox (another deployment's topic?): skip.</summary>
    Unknown,
}

/// <summary>
/// Per-dossier order and exactly-once delivery on top of an at-least-once topic. Kafka may hold an event twice (the
/// relay republishes after a crash or a lost acknowledgement, a replay republishes everything after a dead letter)
/// and a re-read partition repeats what was not committed; the outbox knows which of a dossier's events was
/// delivered last, so only the one right after it is delivered.
/// </summary>
internal sealed class KafkaDeliveryGate(IDbContextFactory<HubDbContext> contexts)
{
    public async Task<GateDecision> DecideAsync(Guid eventId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Database.SqlQueryRaw<GateRow>(
            """
            SELECT e.id AS "Id", s.last_delivered_id AS "LastDeliveredId",
                   CASE WHEN e.dead_at IS NULL THEN 0 ELSE 1 END AS "Dead",
                   CASE WHEN EXISTS (SELECT 1 FROM dossier_events p
                                     WHERE p.dossier_code = e.dossier_code AND p.destination = e.destination
                                       AND p.id > s.last_delivered_id AND p.id < e.id) THEN 1 ELSE 0 END AS "Behind"
            FROM dossier_events e
            JOIN dossier_sync_states s ON s.dossier_code = e.dossier_code AND s.destination = e.destination
            WHERE e.event_id = {0}
            """,
            eventId).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return GateDecision.Unknown;
        }

        var row = rows[0];
        return row.Id <= row.LastDeliveredId ? GateDecision.Duplicate
            : row.Dead == 1 || row.Behind == 1 ? GateDecision.HeldBack
            : GateDecision.Deliver;
    }

    private sealed record GateRow(long Id, long LastDeliveredId, int Dead, int Behind);
}
