using System.Globalization;
using System.Text;
using Lgsp.Hub.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.StatusSync.Outbox;

/// <summary>A (dossier, destination) pair claimed by this relay, and how far its events were handed on.</summary>
internal sealed record ClaimedPair(string DossierCode, string Destination, long LastPublishedId);

/// <summary>One outbox row as the relay needs it.</summary>
internal sealed record PendingEvent(long Id, Guid EventId, string Body, string? TraceParent, string? TraceState, DateTimeOffset? DeadAt);

/// <summary>
/// The relay's SQL, the same on both providers apart from the row locks. A claim is a lease on one (dossier,
/// destination) pair: only its holder hands that dossier's events on, so they leave in order and no two instances
/// deliver the same dossier at once. Every progress write checks the lease is still ours, so an instance that
/// stalled past its lease (and was replaced) cannot record anything.
/// </summary>
internal sealed class OutboxStore(IDbContextFactory<HubDbContext> contexts)
{
    /// <summary>
    /// Claims up to <paramref name="limit"/> pairs that have events not yet handed on, are not parked behind a dead
    /// letter, are due (backoff over) and not leased by a live claim, oldest due first. On PostgreSQL
    /// <c>FOR UPDATE SKIP LOCKED</c> lets instances claim side by side; SQLite has one writer at a time anyway.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedPair>> ClaimAsync(string owner, IReadOnlyList<string> destinations, int limit, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        if (destinations.Count == 0)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var parameters = new List<object> { owner, leaseUntil.UtcDateTime, now.UtcDateTime, limit };
        var names = new StringBuilder();
        foreach (var destination in destinations)
        {
            names.Append(CultureInfo.InvariantCulture, $"{(names.Length == 0 ? "" : ", ")}{{{parameters.Count}}}");
            parameters.Add(destination);
        }

        var lockRows = db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : "";
        var sql = $"""
            UPDATE dossier_sync_states SET lease_owner = {"{0}"}, lease_until = {"{1}"}
            WHERE (dossier_code, destination) IN (
                SELECT dossier_code, destination FROM dossier_sync_states
                WHERE last_published_id < last_event_id AND state <> 2 AND next_attempt_at <= {"{2}"}
                  AND (lease_until IS NULL OR lease_until < {"{2}"}) AND destination IN ({names})
                ORDER BY next_attempt_at LIMIT {"{3}"} {lockRows})
              AND (lease_until IS NULL OR lease_until < {"{2}"})
            RETURNING dossier_code AS "DossierCode", destination AS "Destination", last_published_id AS "LastPublishedId"
            """;
        return await db.Database.SqlQueryRaw<ClaimedPair>(sql, [.. parameters]).ToListAsync(ct);
    }

    /// <summary>The pair's events after the last one handed on, oldest first (dead letters included: they stop the run).</summary>
    public async Task<IReadOnlyList<PendingEvent>> LoadAsync(ClaimedPair pair, int limit, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.DossierEvents.AsNoTracking()
            .Where(e => e.DossierCode == pair.DossierCode && e.Destination == pair.Destination && e.Id > pair.LastPublishedId)
            .OrderBy(e => e.Id)
            .Take(limit)
            .Select(e => new PendingEvent(e.Id, e.EventId, e.Body, e.TraceParent, e.TraceState, e.DeadAt))
            .ToListAsync(ct);
    }

    /// <summary>Records that the event was handed on and extends the lease; false when the lease is no longer ours.</summary>
    public async Task<bool> MarkPublishedAsync(ClaimedPair pair, long eventId, string owner, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE dossier_sync_states SET last_published_id = {0}, lease_until = {1}
            WHERE dossier_code = {2} AND destination = {3} AND lease_owner = {4} AND last_published_id < {0}
            """,
            [eventId, leaseUntil.UtcDateTime, pair.DossierCode, pair.Destination, owner], ct) == 1;
    }

    /// <summary>Counts a failed attempt the publisher did not record itself (e.g. a timeout); returns the attempts so far.</summary>
    public async Task<int> CountFailureAsync(ClaimedPair pair, string owner, string reason, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var attempts = await db.Database.SqlQueryRaw<int>(
            """
            UPDATE dossier_sync_states SET attempts = attempts + 1, last_error = {0}
            WHERE dossier_code = {1} AND destination = {2} AND lease_owner = {3}
            RETURNING attempts AS "Value"
            """,
            reason, pair.DossierCode, pair.Destination, owner).ToListAsync(ct);
        return attempts.Count == 0 ? int.MaxValue : attempts[0];
    }

    /// <summary>Releases the pair until <paramref name="nextAttemptAt"/> (its backoff).</summary>
    public async Task ScheduleRetryAsync(ClaimedPair pair, string owner, DateTimeOffset nextAttemptAt, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE dossier_sync_states SET next_attempt_at = {0}, lease_owner = NULL, lease_until = NULL
            WHERE dossier_code = {1} AND destination = {2} AND lease_owner = {3}
            """,
            [nextAttemptAt.UtcDateTime, pair.DossierCode, pair.Destination, owner], ct);
    }

    /// <summary>Parks the event as a dead letter and the pair as failed (its later events wait), releasing the lease.</summary>
    public async Task DeadLetterAsync(ClaimedPair pair, string owner, long eventId, string reason, int attempts, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var owned = await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE dossier_sync_states SET state = 2, last_error = {0}, lease_owner = NULL, lease_until = NULL
            WHERE dossier_code = {1} AND destination = {2} AND lease_owner = {3}
            """,
            [reason, pair.DossierCode, pair.Destination, owner], ct);
        if (owned == 1)
        {
            await db.Database.ExecuteSqlRawAsync(
                "UPDATE dossier_events SET dead_at = {0}, dead_reason = {1}, dead_attempts = {2} WHERE id = {3}",
                [now.UtcDateTime, reason, attempts, eventId], ct);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>Marks the pair failed because its head event is (still) a dead letter.</summary>
    public async Task BlockAsync(ClaimedPair pair, string owner, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE dossier_sync_states SET state = 2, lease_owner = NULL, lease_until = NULL
            WHERE dossier_code = {0} AND destination = {1} AND lease_owner = {2}
            """,
            [pair.DossierCode, pair.Destination, owner], ct);
    }

    public async Task ReleaseAsync(ClaimedPair pair, string owner, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE dossier_sync_states SET lease_owner = NULL, lease_until = NULL
            WHERE dossier_code = {0} AND destination = {1} AND lease_owner = {2}
            """,
            [pair.DossierCode, pair.Destination, owner], ct);
    }

    /// <summary>Forgets Idempotency-Keys older than the retention.</summary>
    public async Task<int> PurgeIdempotencyAsync(DateTimeOffset before, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.IdempotencyRecords.Where(r => r.CreatedAt < before).ExecuteDeleteAsync(ct);
    }
}
