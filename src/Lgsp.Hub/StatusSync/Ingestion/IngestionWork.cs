using System.Diagnostics;
using System.Text;
using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.StatusSync;
using Lgsp.Core.Time;
using Lgsp.Hub.Storage;
using Lgsp.Hub.StatusSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.StatusSync.Ingestion;

/// <summary>The request's dossiers as locked and as changed so far, and the events to write.</summary>
internal sealed partial class IngestionWork(string source, DateTimeOffset now, HubDbContext db)
{
    private readonly Dictionary<string, DossierRecord> _rows = new(StringComparer.Ordinal);
    private readonly HashSet<string> _new = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Code, int Seq), (string Hash, Guid EventId, int Status)> _steps = [];
    private readonly Dictionary<string, DossierCode> _drawnAliases = new(StringComparer.Ordinal);

    // Alias → the code of the dossier it names (stored, or earlier in this request): an alias names one dossier.
    private readonly Dictionary<string, string> _aliasOwners = new(StringComparer.Ordinal);
    private readonly string _destination = SyncSides.OtherSide(source);

    public WritePlan Plan { get; } = new() { Now = now };

    /// <summary>The trace the events written next belong to: the request's (a group commit sets each request's in turn).</summary>
    public (string? Parent, string? State) TraceContext { get; set; } = CurrentTrace();

    public int EventCount => Plan.Events.Count;

    public async Task LoadAsync(IReadOnlyList<IngestionCommand> commands, CancellationToken ct)
    {
        var codes = commands.Select(c => c.Code.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var rows = db.Database.IsNpgsql()
            ? await db.Dossiers.FromSql($"SELECT * FROM dossiers WHERE code = ANY({codes}) ORDER BY code FOR UPDATE").AsNoTracking().ToListAsync(ct)
            : await db.Dossiers.AsNoTracking().Where(d => codes.Contains(d.Code)).ToListAsync(ct);
        foreach (var row in rows)
        {
            _rows[row.Code] = row;
        }

        var sentAliases = commands.OfType<UpsertDossier>().Select(c => c.Dossier.CodeAlias?.Value).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        if (sentAliases.Length > 0)
        {
            await LoadAliasOwnersAsync(sentAliases, ct);
        }

        // Stored steps matter only when a step repeats a seq at or below the last one stored.
        var repeats = commands.OfType<AppendSteps>()
            .Where(c => _rows.TryGetValue(c.Code.Value, out var r) && r.LastStepSeq is { } last && c.Steps.Any(s => s.Seq <= last))
            .ToList();
        if (repeats.Count == 0)
        {
            return;
        }

        var stepCodes = repeats.Select(c => c.Code.Value).Distinct(StringComparer.Ordinal).ToArray();
        var seqs = repeats.SelectMany(c => c.Steps.Select(s => s.Seq)).Distinct().ToArray();
        var stored = await db.DossierSteps.AsNoTracking()
            .Where(s => stepCodes.Contains(s.DossierCode) && seqs.Contains(s.Seq))
            .Select(s => new { s.DossierCode, s.Seq, s.ContentHash, s.EventId, s.Status })
            .ToListAsync(ct);
        foreach (var s in stored)
        {
            _steps[(s.DossierCode, s.Seq)] = (s.ContentHash, s.EventId, s.Status);
        }
    }

    /// <summary>
    /// Draws a MaHoSoKhac for every dossier of the province's that the policy says needs one and that has none, sent or
    /// stored: once, at its first storing (or the first update after aliases began), for the unit and day the alias
    /// names — the receipt day in Vietnam (TD-DVC's <c>NgayTiepNhan</c>), else the code's day.
    /// </summary>
    public async Task DrawAliasesAsync(IReadOnlyList<IngestionCommand> commands, IDossierAliasPolicy policy, CancellationToken ct)
    {
        if (source != SyncSides.Provincial)
        {
            return;
        }

        var needed = commands.OfType<UpsertDossier>()
            .Select(c => c.Dossier)
            .Where(d => d.CodeAlias is null && !(_rows.TryGetValue(d.Code.Value, out var row) && row.Alias is not null))
            .DistinctBy(d => d.Code.Value, StringComparer.Ordinal)
            .Select(d => (d.Code, Unit: policy.AliasUnitFor(d.Code, d.ReceivingAgencyCode),
                Day: d.ReceivedAt is { } received ? DateOnly.FromDateTime(received.ToVietnam().DateTime) : d.Code.Date))
            .Where(n => n.Unit is not null)
            .ToList();

        // In (unit, day) order, so two requests lock the counter rows in the same order.
        foreach (var group in needed.GroupBy(n => (Unit: n.Unit!.Value.Value, n.Day)).OrderBy(g => g.Key.Unit, StringComparer.Ordinal).ThenBy(g => g.Key.Day))
        {
            var unit = group.First().Unit!.Value;
            var waiting = new Queue<DossierCode>(group.Select(n => n.Code));
            while (waiting.Count > 0)
            {
                // A number some sender already used as its own alias is skipped (drawn past), never shared.
                var aliases = await DossierAliases.DrawAsync(db, unit, group.Key.Day, waiting.Count, ct);
                await LoadAliasOwnersAsync([.. aliases.Select(a => a.Value)], ct);
                foreach (var alias in aliases.Where(a => !_aliasOwners.ContainsKey(a.Value)))
                {
                    _drawnAliases[waiting.Dequeue().Value] = alias;
                }
            }
        }
    }

    private async Task LoadAliasOwnersAsync(string[] aliases, CancellationToken ct)
    {
        var owners = await db.Dossiers.AsNoTracking().Where(d => d.Alias != null && aliases.Contains(d.Alias))
            .Select(d => new { d.Code, d.Alias }).ToListAsync(ct);
        foreach (var owner in owners)
        {
            _aliasOwners[owner.Alias!] = owner.Code;
        }
    }

    /// <summary>
    /// The dossier as stored: a dossier sent without an alias keeps the one stored or drawn for it, so a repeat hashes
    /// alike and every event names the same DVCQG dossier.
    /// </summary>
    private Dossier WithAlias(Dossier dossier, DossierRecord? row)
    {
        if (dossier.CodeAlias is not null)
        {
            return dossier;
        }

        if (row?.Alias is { } stored && DossierCode.TryParse(stored, out var storedAlias))
        {
            return dossier with { CodeAlias = storedAlias };
        }

        return _drawnAliases.TryGetValue(dossier.Code.Value, out var drawn) ? dossier with { CodeAlias = drawn } : dossier;
    }

    /// <summary>
    /// Who may update a stored dossier: the side it came from, and the provincial one-stop system for every dossier,
    /// since it processes the ones submitted on DVCQG too (their status and results come from the province). The
    /// national portal never overwrites a dossier the province received.
    /// </summary>
    private static bool MayOverwrite(string source, string origin) =>
        string.Equals(source, origin, StringComparison.Ordinal) || string.Equals(source, SyncSides.Provincial, StringComparison.Ordinal);

    /// <summary>An existing dossier's row is written once, with everything the request did to it.</summary>
    private void Changed(DossierRecord row)
    {
        if (!_new.Contains(row.Code) && _changed.Add(row.Code))
        {
            Plan.ChangedDossiers.Add(row);
        }
    }

    private static DossierAccepted Accepted(DossierRecord row) =>
        new(row.Code, row.Version, row.Status, row.VersionEventId, DossierEventKeys.ForVersion(DossierCode.Parse(row.Code), row.Version));

    private void AddEvent(Guid eventId, AgencyCode agency, DateTimeOffset occurredAt, DossierEventPayload payload, byte[]? canonicalDossier = null)
    {
        var dossierEvent = new DossierEvent
        {
            MessageId = eventId,
            Source = source,
            Destination = _destination,
            AgencyCode = agency,
            OccurredAt = occurredAt,
            RecordedAt = now,
            Payload = payload,
            TraceParent = TraceContext.Parent,
            TraceState = TraceContext.State,
        };
        var record = new DossierEventRecord
        {
            EventId = eventId,
            DossierCode = payload.DossierCode.Value,
            Destination = _destination,
            Type = dossierEvent.Type,
            IdempotencyKey = dossierEvent.IdempotencyKey,
            Body = Encoding.UTF8.GetString(DossierEventJson.Serialize(dossierEvent, canonicalDossier)),
            TraceParent = TraceContext.Parent,
            TraceState = TraceContext.State,
            RecordedAt = now,
        };
        Plan.Events.Add(record);
    }

    // Version 7: time-ordered, so the unique index on event ids grows at its end.
    private Guid NewEventId() => Guid.CreateVersion7(now);

    /// <summary>The W3C trace of the current activity (the HTTP request's), carried in the events it writes.</summary>
    public static (string? Parent, string? State) CurrentTrace() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? (activity.Id, activity.TraceStateString) : (null, null);
}
