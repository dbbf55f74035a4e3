using System.Text.Json;
using Lgsp.Hub.Storage;
using Lgsp.Hub.StatusSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.Operations.Settings;

/// <summary>
/// The versions of the adapters' settings in the hub's database, shared by every instance: append-only, one row per
/// version, numbered per source from 1 (0 is the configuration files). A new version is written only on top of the
/// version its author saw; anything else is a conflict.
/// </summary>
internal sealed class AdapterSettingsStore(IDbContextFactory<HubDbContext> contexts, TimeProvider time)
{
    /// <summary>The latest version of every source that has one.</summary>
    public async Task<IReadOnlyList<AdapterVersion>> LatestAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.AdapterVersions.AsNoTracking()
            .Where(v => v.Version == db.AdapterVersions.Where(w => w.Source == v.Source).Max(w => w.Version))
            .ToListAsync(ct);
        return [.. rows.Select(ToVersion)];
    }

    /// <summary>The newest row id: it moves whenever any source gets a version, so polling it is one cheap query.</summary>
    public async Task<long> WatermarkAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.AdapterVersions.MaxAsync(v => (long?)v.Id, ct) ?? 0;
    }

    /// <summary>Every stored version of <paramref name="source"/>, newest first.</summary>
    public async Task<IReadOnlyList<AdapterVersionRecord>> HistoryAsync(string source, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.AdapterVersions.AsNoTracking().Where(v => v.Source == source).OrderByDescending(v => v.Version).ToListAsync(ct);
    }

    public async Task<AdapterVersionRecord?> FindAsync(string source, int version, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.AdapterVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Source == source && v.Version == version, ct);
    }

    /// <summary>
    /// Stores version <paramref name="expectedVersion"/> + 1, or answers the current version when it is no longer
    /// <paramref name="expectedVersion"/> (another operator saved first, here or at another instance).
    /// </summary>
    public async Task<(AdapterVersionRecord? Stored, int CurrentVersion)> AppendAsync(
        string source, int expectedVersion, IReadOnlyDictionary<string, string>? settings, string action, string changedBy, string reason,
        int? rolledBackTo, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var current = await db.AdapterVersions.Where(v => v.Source == source).MaxAsync(v => (int?)v.Version, ct) ?? 0;
        if (current != expectedVersion)
        {
            return (null, current);
        }

        var record = new AdapterVersionRecord
        {
            Source = source,
            Version = expectedVersion + 1,
            Action = action,
            Settings = settings is null ? null : JsonSerializer.Serialize(new SortedDictionary<string, string>(settings.ToDictionary(), StringComparer.OrdinalIgnoreCase)),
            ChangedAt = time.GetUtcNow(),
            ChangedBy = changedBy,
            Reason = reason,
            RolledBackTo = rolledBackTo,
        };
        db.AdapterVersions.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
            return (record, record.Version);
        }
        catch (DbUpdateException ex) when (DbErrors.IsRetryable(ex))
        {
            // The unique (source, version) index: someone stored the same version between our read and our write.
            return (null, await CurrentAsync(source, ct));
        }
    }

    public static IReadOnlyDictionary<string, string>? ReadSettings(AdapterVersionRecord record) =>
        record.Settings is null
            ? null
            : new Dictionary<string, string>(JsonSerializer.Deserialize<Dictionary<string, string>>(record.Settings)!, StringComparer.OrdinalIgnoreCase);

    private async Task<int> CurrentAsync(string source, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.AdapterVersions.Where(v => v.Source == source).MaxAsync(v => (int?)v.Version, ct) ?? 0;
    }

    private static AdapterVersion ToVersion(AdapterVersionRecord record) =>
        new(record.Source, record.Version, ReadSettings(record), record.Action, record.ChangedAt, record.ChangedBy, record.Reason);
}
