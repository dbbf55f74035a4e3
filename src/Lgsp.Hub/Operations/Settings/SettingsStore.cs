using System.Text.Json;
using Lgsp.Hub.Storage;
using Lgsp.Hub.StatusSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.Operations.Settings;

/// <summary>
/// The versions of the runtime-changeable documents in the hub's database, shared by every instance: append-only, one
/// row per version, numbered per document from 1 (0 is the configuration files). A new version is written only on top
/// of the version its author saw; anything else is a conflict.
/// </summary>
internal sealed class SettingsStore(IDbContextFactory<HubDbContext> contexts, TimeProvider time)
{
    /// <summary>The latest version of every document that has one.</summary>
    public async Task<IReadOnlyList<SettingsVersion>> LatestAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.SettingVersions.AsNoTracking()
            .Where(v => v.Version == db.SettingVersions.Where(w => w.Kind == v.Kind && w.Name == v.Name).Max(w => w.Version))
            .ToListAsync(ct);
        return [.. rows.Select(ToVersion)];
    }

    /// <summary>The newest row id: it moves whenever any document gets a version, so polling it is one cheap query.</summary>
    public async Task<long> WatermarkAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.SettingVersions.MaxAsync(v => (long?)v.Id, ct) ?? 0;
    }

    /// <summary>Every stored version of a document, newest first.</summary>
    public async Task<IReadOnlyList<SettingsVersionRecord>> HistoryAsync(string kind, string name, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.SettingVersions.AsNoTracking().Where(v => v.Kind == kind && v.Name == name).OrderByDescending(v => v.Version).ToListAsync(ct);
    }

    public async Task<SettingsVersionRecord?> FindAsync(string kind, string name, int version, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.SettingVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Kind == kind && v.Name == name && v.Version == version, ct);
    }

    /// <summary>
    /// Stores version <paramref name="expectedVersion"/> + 1, or answers the current version when it is no longer
    /// <paramref name="expectedVersion"/> (another operator saved first, here or at another instance).
    /// </summary>
    public async Task<(SettingsVersionRecord? Stored, int CurrentVersion)> AppendAsync(
        string kind, string name, int expectedVersion, IReadOnlyDictionary<string, string>? settings, string action, string changedBy, string reason,
        int? rolledBackTo, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var current = await CurrentAsync(db, kind, name, ct);
        if (current != expectedVersion)
        {
            return (null, current);
        }

        var record = new SettingsVersionRecord
        {
            Kind = kind,
            Name = name,
            Version = expectedVersion + 1,
            Action = action,
            Settings = settings is null ? null : JsonSerializer.Serialize(new SortedDictionary<string, string>(settings.ToDictionary(), StringComparer.OrdinalIgnoreCase)),
            ChangedAt = time.GetUtcNow(),
            ChangedBy = changedBy,
            Reason = reason,
            RolledBackTo = rolledBackTo,
        };
        db.SettingVersions.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
            return (record, record.Version);
        }
        catch (DbUpdateException ex) when (DbErrors.IsRetryable(ex))
        {
            // The unique (kind, name, version) index: another instance stored the same version between our read and write.
            await using var again = await contexts.CreateDbContextAsync(ct);
            return (null, await CurrentAsync(again, kind, name, ct));
        }
    }

    public static IReadOnlyDictionary<string, string>? ReadSettings(SettingsVersionRecord record) =>
        record.Settings is null
            ? null
            : new Dictionary<string, string>(JsonSerializer.Deserialize<Dictionary<string, string>>(record.Settings)!, StringComparer.OrdinalIgnoreCase);

    private static async Task<int> CurrentAsync(HubDbContext db, string kind, string name, CancellationToken ct) =>
        await db.SettingVersions.Where(v => v.Kind == kind && v.Name == name).MaxAsync(v => (int?)v.Version, ct) ?? 0;

    private static SettingsVersion ToVersion(SettingsVersionRecord record) =>
        new(record.Kind, record.Name, record.Version, ReadSettings(record), record.Action, record.ChangedAt, record.ChangedBy, record.Reason);
}
