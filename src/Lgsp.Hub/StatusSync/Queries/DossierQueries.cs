using System.Text;
using System.Text.Json;
using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.StatusSync;
using Lgsp.Hub.Storage;
using Lgsp.Hub.StatusSync.Outbox;
using Lgsp.Hub.StatusSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.StatusSync.Queries;

// ---- answers (schemas/dossiers/v1/*.schema.json) ----

/// <summary>
/// A dossier as stored: the canonical JSON, its processing history and where each side's copy stands; derived, never
/// stored: what DVCQG receives altered (<see cref="DvcqgLimits.Warnings"/>) and the 766 timeliness now.
/// </summary>
internal sealed record DossierView(
    JsonElement Dossier,
    string Origin,
    int Version,
    int Status,
    string StatusName,
    string Group766,
    IReadOnlyList<JsonElement> Steps,
    IReadOnlyList<SyncStateView> Sync,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<DossierWarning> Warnings,
    string? Timeliness);

/// <summary>
/// Per destination: <c>pending</c> (events not yet confirmed), <c>synced</c> (everything confirmed) or
/// <c>failed</c> (an event is parked as a dead letter; later ones wait), with the failed attempts on the current head
/// event and the last reason.
/// </summary>
internal sealed record SyncStateView(string Destination, string State, int Attempts, string? LastError, DateTimeOffset? LastSyncedAt, DateTimeOffset? NextAttemptAt);

/// <summary>One page of the change feed; resume with <c>after=next</c>.</summary>
internal sealed record ChangePage(IReadOnlyList<ChangeItem> Items, long Next);

internal sealed record ChangeItem(long Position, JsonElement Event);

/// <summary>The 766 sync-rate view of one agency (and the units under it) for dossiers received in a period.</summary>
internal sealed record ReconciliationReport(
    string Agency,
    DateOnly From,
    DateOnly To,
    int Received,
    int Synced,
    int Pending,
    int Failed,
    double SyncRate,
    IReadOnlyList<UnsyncedDossier> NotSynced,
    bool Truncated);

internal sealed record UnsyncedDossier(string DossierCode, int Status, DateTimeOffset? ReceivedAt, string State, int Attempts, string? LastError, DateTimeOffset? LastSyncedAt);

/// <summary>
/// What the national portal and operators read: one dossier, the change feed, the reconciliation, each limited to the
/// reader's <see cref="DossierScope"/>. A dossier out of scope is absent: the same null as an unknown code.
/// </summary>
internal sealed class DossierQueries(IDbContextFactory<HubDbContext> contexts, FeedSequencer sequencer, TimeProvider time)
{
    public const int MaxPageSize = 1000;
    public const int MaxUnsyncedListed = 1000;

    /// <summary>The dossier by its code or its alias (MaHoSoKhac), or null (also when it is out of <paramref name="scope"/>).</summary>
    public async Task<DossierView?> GetDossierAsync(DossierCode code, DossierScope scope, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Code == code.Value, ct)
            ?? await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Alias == code.Value, ct);
        if (row is null || !scope.Covers(row.AgencyPath))
        {
            return null;
        }

        var steps = await db.DossierSteps.AsNoTracking().Where(s => s.DossierCode == row.Code).OrderBy(s => s.Seq).Select(s => s.Document).ToListAsync(ct);
        var sync = await db.DossierSyncStates.AsNoTracking().Where(s => s.DossierCode == row.Code).OrderBy(s => s.Destination).ToListAsync(ct);
        var status = (DossierStatus)row.Status;
        var dossier = DossierJson.DeserializeDossier(Encoding.UTF8.GetBytes(row.Document));
        var warnings = DvcqgLimits.Warnings(dossier, [.. steps.Select(s => DossierJson.DeserializeStep(Encoding.UTF8.GetBytes(s)))]);
        return new DossierView(
            Parse(row.Document),
            row.Origin,
            row.Version,
            row.Status,
            status.NameVi(),
            GroupName(status.ToGroup766()),
            [.. steps.Select(Parse)],
            [.. sync.Select(View)],
            row.CreatedAt,
            row.UpdatedAt,
            warnings,
            TimelinessOf(dossier, status));
    }

    /// <summary>
    /// Events with a feed position after <paramref name="after"/>, in position order. Positions are stamped right
    /// before reading, so a change is on the feed as soon as it is committed. Only the events of dossiers in
    /// <paramref name="scope"/> (by the dossier's receiving agency now); the cursor still moves by position.
    /// </summary>
    public async Task<ChangePage> GetChangesAsync(long after, int limit, DossierScope scope, CancellationToken ct)
    {
        await sequencer.StampAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var inScope = db.Dossiers.Where(scope.Predicate()).Select(d => d.Code);
        var rows = await db.DossierEvents.AsNoTracking()
            .Where(e => e.Position > after && inScope.Contains(e.DossierCode))
            .OrderBy(e => e.Position)
            .Take(limit)
            .Select(e => new { Position = e.Position!.Value, e.Body })
            .ToListAsync(ct);
        var items = rows.Select(r => new ChangeItem(r.Position, Parse(r.Body))).ToList();
        return new ChangePage(items, items.Count == 0 ? after : items[^1].Position);
    }

    /// <summary>
    /// Dossiers of <paramref name="agency"/> and its units received in [from, to] (Vietnam days, both inclusive):
    /// how many, and where their DVCQG copy stands. A dossier that came from DVCQG and has had no change since is on
    /// DVCQG by definition (synced). Only the dossiers in <paramref name="scope"/> count.
    /// </summary>
    public async Task<ReconciliationReport> ReconcileAsync(AgencyCode agency, DateOnly from, DateOnly to, DossierScope scope, CancellationToken ct)
    {
        var period = new ReportingPeriod(
            new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), Lgsp.Core.Time.VietnamTime.Offset),
            new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), Lgsp.Core.Time.VietnamTime.Offset));
        var path = agency.ShortForm;
        var below = path + ".";
        await using var db = await contexts.CreateDbContextAsync(ct);
        var received =
            from d in db.Dossiers.AsNoTracking().Where(scope.Predicate())
            where (d.AgencyPath == path || d.AgencyPath.StartsWith(below)) && d.ReceivedAt >= period.Start && d.ReceivedAt < period.End
            join s in db.DossierSyncStates.AsNoTracking().Where(s => s.Destination == SyncSides.Dvcqg) on d.Code equals s.DossierCode into sync
            from s in sync.DefaultIfEmpty()
            select new
            {
                d.Code,
                d.Status,
                d.ReceivedAt,
                State = s == null ? (d.Origin == SyncSides.Dvcqg ? SyncStateCodes.Synced : SyncStateCodes.Pending) : s.State,
                Attempts = s == null ? 0 : s.Attempts,
                LastError = s == null ? null : s.LastError,
                LastSyncedAt = s == null ? null : s.LastSyncedAt,
            };

        var counts = await received.GroupBy(r => r.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(ct);
        var unsynced = await received.Where(r => r.State != SyncStateCodes.Synced)
            .OrderBy(r => r.ReceivedAt).ThenBy(r => r.Code)
            .Take(MaxUnsyncedListed + 1)
            .ToListAsync(ct);

        int Count(int state) => counts.Where(c => c.State == state).Sum(c => c.Count);
        var total = counts.Sum(c => c.Count);
        var synced = Count(SyncStateCodes.Synced);
        return new ReconciliationReport(
            agency.Value,
            from,
            to,
            total,
            synced,
            Count(SyncStateCodes.Pending),
            Count(SyncStateCodes.Failed),
            total == 0 ? 0 : Math.Round(100.0 * synced / total, 2),
            [.. unsynced.Take(MaxUnsyncedListed).Select(r => new UnsyncedDossier(r.Code, r.Status, r.ReceivedAt, SyncStateCodes.Name(r.State), r.Attempts, r.LastError, r.LastSyncedAt))],
            unsynced.Count > MaxUnsyncedListed);
    }

    private static SyncStateView View(DossierSyncStateRecord s) =>
        new(s.Destination, SyncStateCodes.Name(s.State), s.Attempts, s.LastError, s.LastSyncedAt, s.Attempts > 0 && s.State == SyncStateCodes.Pending ? s.NextAttemptAt : null);

    /// <summary>TD-DVC's 766 verdict now (calendar days, Vietnam time); a paused dossier by its latest supplement request.</summary>
    private string? TimelinessOf(Dossier dossier, DossierStatus status)
    {
        if (!DossierTimeline.TryCreate(status, dossier.ReceivedAt, dossier.DueAt, dossier.ProcessingEndedAt, out var timeline, out _))
        {
            return null;
        }

        var pausedAt = status.ToGroup766() == Group766.Paused && dossier.Supplements.Count > 0 ? dossier.Supplements.Max(s => s.RequestedAt) : (DateTimeOffset?)null;
        var value = (timeline with { PausedAt = pausedAt }).GetTimeliness(time);
        return JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
    }

    private static string GroupName(Group766 group) => group switch
    {
        Group766.PreReceipt => "preReceipt",
        Group766.Open => "open",
        Group766.Paused => "paused",
        Group766.Closed => "closed",
        _ => "refused",
    };

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
