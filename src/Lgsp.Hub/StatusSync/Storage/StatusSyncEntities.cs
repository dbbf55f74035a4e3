namespace Lgsp.Hub.StatusSync.Storage;

/// <summary>
/// A dossier as last stored: the canonical JSON (<see cref="Document"/>) and the columns the hub queries and
/// validates against without reading it (status, dates, last step). <see cref="Status"/> is the DVCQG code exactly
/// as sent.
/// </summary>
internal sealed class DossierRecord
{
    public required string Code { get; init; }

    public string? Alias { get; set; }

    /// <summary>The side that created it: <c>provincial</c> or <c>dvcqg</c>.</summary>
    public required string Origin { get; init; }

    /// <summary>The receiving agency, canonical form.</summary>
    public required string AgencyCode { get; set; }

    /// <summary>The agency's top-down short form (<c>H56.14</c>), so "this agency and every unit under it" is a prefix.</summary>
    public required string AgencyPath { get; set; }

    public required string ProcedureCode { get; set; }

    public int Status { get; set; }

    /// <summary>The status the dossier was created in: where its first processing step moves from.</summary>
    public int InitialStatus { get; init; }

    public DateTimeOffset? ReceivedAt { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    /// <summary>1 when created, +1 per change.</summary>
    public int Version { get; set; }

    /// <summary>SHA-256 of the canonical JSON: a repeated submission has the same hash and changes nothing.</summary>
    public required string ContentHash { get; set; }

    public required string Document { get; set; }

    /// <summary>The event that produced <see cref="Version"/>.</summary>
    public Guid VersionEventId { get; set; }

    public int? LastStepSeq { get; set; }

    public int? LastStepStatus { get; set; }

    public DateTimeOffset? LastStepAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One processing step, append-only; (dossier, seq) is its natural idempotency key.</summary>
internal sealed class DossierStepRecord
{
    public required string DossierCode { get; init; }

    public int Seq { get; init; }

    public int Status { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public required string ContentHash { get; init; }

    public required string Document { get; init; }

    public Guid EventId { get; init; }

    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>
/// The outbox and the change feed in one row per event, written in the same transaction as the change.
/// <see cref="Id"/> orders one dossier's events (writes to one dossier are serialised by its row lock, so its
/// ids commit in order); <see cref="Position"/> is the feed cursor, stamped after commit by
/// <see cref="Outbox.FeedSequencer"/> so that it never runs ahead of a transaction still in flight.
/// </summary>
internal sealed class DossierEventRecord
{
    public long Id { get; set; }

    public Guid EventId { get; init; }

    public required string DossierCode { get; init; }

    public required string Destination { get; init; }

    public required string Type { get; init; }

    public required string IdempotencyKey { get; init; }

    /// <summary>The event's JSON (<c>schemas/events/dossier-changed.v1.schema.json</c>).</summary>
    public required string Body { get; init; }

    public string? TraceParent { get; init; }

    public string? TraceState { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public long? Position { get; set; }

    /// <summary>Set when the event was parked as a dead letter; cleared by a replay.</summary>
    public DateTimeOffset? DeadAt { get; set; }

    public string? DeadReason { get; set; }

    public int DeadAttempts { get; set; }
}

/// <summary>Per dossier and destination: how far its events got, and the relay's lease on it.</summary>
internal sealed class DossierSyncStateRecord
{
    public required string DossierCode { get; init; }

    public required string Destination { get; init; }

    /// <summary><see cref="SyncStateCodes"/>.</summary>
    public int State { get; set; }

    /// <summary>The newest event for this destination (written by ingestion).</summary>
    public long LastEventId { get; set; }

    /// <summary>The newest event handed to the publisher (the relay's progress).</summary>
    public long LastPublishedId { get; set; }

    /// <summary>The newest event the destination confirmed.</summary>
    public long LastDeliveredId { get; set; }

    /// <summary>Failed attempts on the event at the head of the queue (0 after a success).</summary>
    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? LastSyncedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }
}

internal static class SyncStateCodes
{
    public const int Pending = 0;
    public const int Synced = 1;
    public const int Failed = 2;

    public static string Name(int state) => state switch
    {
        Synced => "synced",
        Failed => "failed",
        _ => "pending",
    };
}

/// <summary>A request made with an <c>Idempotency-Key</c>: its hash and the answer it got, replayed on a retry.</summary>
internal sealed class IdempotencyRecord
{
    public required string Scope { get; init; }

    public required string Key { get; init; }

    public required string RequestHash { get; init; }

    public int StatusCode { get; init; }

    public required string Response { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The single row holding the last feed position handed out (its row lock serialises sequencers).</summary>
internal sealed class FeedCursorRecord
{
    public int Id { get; init; }

    public long LastPosition { get; set; }
}
