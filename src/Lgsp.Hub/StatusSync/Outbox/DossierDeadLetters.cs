using Lgsp.Core.Time;
using Lgsp.Hub.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.StatusSync.Outbox;

/// <summary>An event parked after its delivery failed for good; its dossier's later events wait behind it.</summary>
internal sealed record DeadLetter(
    long Id, Guid EventId, string DossierCode, string Destination, string Type, string IdempotencyKey,
    DateTimeOffset DeadAt, string Reason, int Attempts, string Body);

/// <summary>
/// The dead-letter store: the outbox rows parked by the relay (or by a Kafka consumer through <see cref="ParkAsync"/>),
/// kept with their reason and attempts. <see cref="ReplayAsync"/> puts one back at the head of its dossier's queue
/// with a fresh count of attempts; the relay then delivers it and, behind it, the events that waited.
/// Issue #6 puts an admin screen on top; a Kafka transport mirrors parked events to its dead-letter topic.
/// </summary>
internal sealed class DossierDeadLetters(IDbContextFactory<HubDbContext> contexts, TimeProvider time, OutboxSignal signal)
{
    /// <summary>
    /// Parked events, oldest first, optionally for one destination; <paramref name="after"/> is the last
    /// <see cref="DeadLetter.Id"/> of the previous page (0 for the first).
    /// </summary>
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(string? destination, int limit, CancellationToken cancellationToken, long after = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.DossierEvents.AsNoTracking()
            .Where(e => e.DeadAt != null && e.Id > after && (destination == null || e.Destination == destination))
            .OrderBy(e => e.Id)
            .Take(limit)
            .Select(e => new DeadLetter(e.Id, e.EventId, e.DossierCode, e.Destination, e.Type, e.IdempotencyKey, e.DeadAt!.Value, e.DeadReason ?? "", e.DeadAttempts, e.Body))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Puts a parked event back for delivery (and everything after it that was already handed on, for transports
    /// that published past it); false when no such dead letter exists.
    /// </summary>
    public async Task<bool> ReplayAsync(Guid eventId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var revived = await db.Database.ExecuteSqlRawAsync(
            "UPDATE dossier_events SET dead_at = NULL, dead_reason = NULL, dead_attempts = 0 WHERE event_id = {0} AND dead_at IS NOT NULL",
            [eventId], cancellationToken);
        if (revived == 0)
        {
            return false;
        }

        await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE dossier_sync_states SET
              state = CASE
                WHEN EXISTS (SELECT 1 FROM dossier_events d WHERE d.dossier_code = e.dossier_code AND d.destination = e.destination AND d.dead_at IS NOT NULL) THEN 2
                WHEN dossier_sync_states.last_delivered_id >= dossier_sync_states.last_event_id THEN 1 ELSE 0 END,
              last_published_id = CASE WHEN dossier_sync_states.last_published_id >= e.id THEN e.id - 1 ELSE dossier_sync_states.last_published_id END,
              attempts = 0, last_error = NULL, next_attempt_at = {1}
            FROM (SELECT id, dossier_code, destination FROM dossier_events WHERE event_id = {0}) AS e
            WHERE dossier_sync_states.dossier_code = e.dossier_code AND dossier_sync_states.destination = e.destination
            """,
            [eventId, time.GetUtcNow().UtcDateTime], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return true;
    }

    /// <summary>
    /// Parks an event that a transport other than the relay gave up on (a Kafka consumer after its retries): the
    /// event becomes a dead letter and its dossier waits. False when the event is unknown.
    /// </summary>
    public async Task<bool> ParkAsync(Guid eventId, string reason, int attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var bounded = reason.Length <= 2000 ? reason : reason[..2000];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var parked = await db.Database.ExecuteSqlRawAsync(
            "UPDATE dossier_events SET dead_at = {1}, dead_reason = {2}, dead_attempts = {3} WHERE event_id = {0}",
            [eventId, VietnamTime.Now(time).UtcDateTime, bounded, attempts], cancellationToken);
        if (parked == 0)
        {
            return false;
        }

        await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE dossier_sync_states SET state = 2, last_error = {1}
            FROM (SELECT dossier_code, destination FROM dossier_events WHERE event_id = {0}) AS e
            WHERE dossier_sync_states.dossier_code = e.dossier_code AND dossier_sync_states.destination = e.destination
            """,
            [eventId, bounded], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
