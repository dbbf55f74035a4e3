using System.Text.Json.Nodes;
using Lgsp.Core.Errors;
using Lgsp.Hub.Operations;

namespace Lgsp.Hub.Operations.Settings;

/// <summary>
/// How any runtime-changeable document changes, whatever it is (an adapter's section, a client's access rights): the
/// candidate is the document in force after the operator's edit; it is judged by its schema (unknown keys, value types,
/// the start-up validators), refused whole with every problem listed, stored as a new version on top of the version its
/// author saw (otherwise a conflict), and put in force here at once and at every other instance within a poll.
/// </summary>
internal sealed partial class SettingsDocuments(
    RuntimeSettings settings, SettingsStore store, SettingsSync sync, IServiceProvider services, ILogger<SettingsDocuments> logger) : IDisposable
{
    private const int MaxReasonLength = 1000;

    // One write at a time here (two operators on one instance meet at the version check, not at the database's unique
    // index); writes at different instances are settled by that index.
    private readonly SemaphoreSlim _writes = new(1, 1);

    public RuntimeSettings Runtime => settings;

    /// <summary>The version in force (0: the files) and who made it.</summary>
    public SettingsVersion? Current(SettingsSchema schema) => settings.Current(schema.Kind, schema.Name);

    /// <summary>Where a document in force comes from: an operator's version, or the files (none, or a rollback to 0).</summary>
    public static string Origin(SettingsVersion? current) => current?.Settings is null ? "files" : "operator";

    public IReadOnlyDictionary<string, string> Effective(SettingsSchema schema) => settings.EffectiveSettings(schema.Kind, schema.Name);

    public Task ChangeAsync(SettingsSchema schema, int expectedVersion, JsonObject? changes, string? reason, string by, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (changes is null || changes.Count == 0)
        {
            errors.Add(new FieldError("changes", "changes.required", "Chưa có thay đổi nào (changes trống).", "There is nothing to change (changes is empty)."));
        }

        return WriteAsync(schema, expectedVersion, reason, by, "change", null, errors, current => changes is null ? current : schema.Patch(current, changes), false, ct);
    }

    /// <summary>A write whose new document the caller computes from the one in force (enable/disable).</summary>
    public Task WriteAsync(SettingsSchema schema, int expectedVersion, string? reason, string by, string action,
        Func<IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, string>> change, CancellationToken ct) =>
        WriteAsync(schema, expectedVersion, reason, by, action, null, [], change, false, ct);

    public async Task RollbackAsync(SettingsSchema schema, int expectedVersion, int? toVersion, string? reason, string by, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        IReadOnlyDictionary<string, string>? target = null;
        var found = false;
        if (toVersion is not { } version || version < 0)
        {
            errors.Add(new FieldError("toVersion", "to_version.required", "Cần nêu phiên bản muốn quay lại (toVersion ≥ 0; 0 là cấu hình trong tệp).",
                "Say which version to go back to (toVersion ≥ 0; 0 is the configuration files)."));
        }
        else if (version == 0)
        {
            found = true;
        }
        else if (await store.FindAsync(schema.Kind, schema.Name, version, ct) is { } record)
        {
            found = true;
            target = SettingsStore.ReadSettings(record);
        }
        else
        {
            errors.Add(new FieldError("toVersion", "to_version.not_found", $"'{schema.Name}' không có phiên bản {version}.", $"'{schema.Name}' has no version {version}."));
        }

        // Back to the files stores no document (the files rule again); any other version is restored key for key.
        await WriteAsync(schema, expectedVersion, reason, by, "rollback", found ? toVersion : null, errors,
            _ => new Dictionary<string, string>(target ?? settings.FileSettings(schema.Kind, schema.Name), StringComparer.OrdinalIgnoreCase),
            storeNothing: found && target is null, ct);
    }

    public async Task<(int Current, IReadOnlyList<HistoryItem> Items)> HistoryAsync(SettingsSchema schema, CancellationToken ct)
    {
        var records = await store.HistoryAsync(schema.Kind, schema.Name, ct);
        var files = settings.FileSettings(schema.Kind, schema.Name);
        var items = new List<HistoryItem>(records.Count + 1);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var previous = i + 1 < records.Count ? AsInForce(schema, SettingsStore.ReadSettings(records[i + 1]), files) : files;
            var now = AsInForce(schema, SettingsStore.ReadSettings(record), files);
            items.Add(new HistoryItem(record.Version, record.Action, record.ChangedAt, record.ChangedBy, record.Reason, record.RolledBackTo, Diff(schema, previous, now)));
        }

        items.Add(new HistoryItem(0, "files", null, null, null, null, []));
        return (records.Count == 0 ? 0 : records[0].Version, items);
    }

    public async Task<JsonObject> VersionAsync(SettingsSchema schema, int version, CancellationToken ct)
    {
        if (version == 0)
        {
            return schema.ToJson(settings.FileSettings(schema.Kind, schema.Name));
        }

        var record = await store.FindAsync(schema.Kind, schema.Name, version, ct)
            ?? throw new LgspException(ErrorCatalogue.NotFound, new($"'{schema.Name}' không có phiên bản {version}.", $"'{schema.Name}' has no version {version}."));
        return schema.ToJson(AsInForce(schema, SettingsStore.ReadSettings(record), settings.FileSettings(schema.Kind, schema.Name)));
    }

    public void Dispose() => _writes.Dispose();

    private async Task WriteAsync(
        SettingsSchema schema, int expectedVersion, string? reason, string by, string action, int? rolledBackTo, List<FieldError> errors,
        Func<IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, string>> change, bool storeNothing, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            errors.Add(new FieldError("reason", "reason.required", "Cần nêu lý do thay đổi (reason).", "A reason for the change is required (reason)."));
        }
        else if (reason.Length > MaxReasonLength)
        {
            errors.Add(new FieldError("reason", "reason.too_long", $"Lý do dài tối đa {MaxReasonLength} ký tự.", $"The reason is at most {MaxReasonLength} characters."));
        }

        await _writes.WaitAsync(ct);
        try
        {
            // Judge the change against what is really the latest, even if this instance has not polled it yet.
            await sync.RefreshAsync(ct);
            var inForce = settings.Current(schema.Kind, schema.Name)?.Version ?? 0;
            if (inForce != expectedVersion)
            {
                throw new VersionConflictException(schema.Name, expectedVersion, inForce);
            }

            var current = settings.EffectiveSettings(schema.Kind, schema.Name);
            var candidate = change(current);
            if (action == "rollback")
            {
                // A version restores what operators may change; what the deployment fixes stays the files'.
                candidate = WithFixedFrom(schema, current, candidate);
            }

            errors.AddRange(FixedChanges(schema, current, candidate));
            errors.AddRange(schema.Validate(candidate, services));
            if (errors.Count == 0 && action != "rollback" && SameSettings(current, candidate))
            {
                errors.Add(new FieldError("changes", "changes.none", "Thay đổi này không làm khác cấu hình hiện hành.", "The change leaves the settings as they are."));
            }

            if (errors.Count > 0)
            {
                throw new LgspException(ErrorCatalogue.ValidationFailed, new($"Thay đổi '{schema.Name}' bị từ chối; không có gì thay đổi.", $"The change to '{schema.Name}' was refused; nothing changed."), errors);
            }

            var document = storeNothing ? null : candidate.Where(c => !settings.Fixed.IsFixed(schema.Kind, schema.Name, c.Key))
                .ToDictionary(c => c.Key, c => c.Value, StringComparer.OrdinalIgnoreCase);
            var (stored, now) = await store.AppendAsync(schema.Kind, schema.Name, expectedVersion, document, action, by, reason!.Trim(), rolledBackTo, ct);
            if (stored is null)
            {
                throw new VersionConflictException(schema.Name, expectedVersion, now);
            }

            await sync.RefreshAsync(ct);
            LogChanged(schema.Kind, schema.Name, stored.Version, action, by);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>A change to a setting the deployment fixes: refused, naming it.</summary>
    private IEnumerable<FieldError> FixedChanges(SettingsSchema schema, IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> candidate) =>
        current.Keys.Concat(candidate.Keys)
            .Where(k => settings.Fixed.IsFixed(schema.Kind, schema.Name, k))
            .Where(k => !string.Equals(current.GetValueOrDefault(k), candidate.GetValueOrDefault(k), StringComparison.Ordinal))
            .DistinctBy(schema.Path, StringComparer.OrdinalIgnoreCase)
            .Select(key => (Path: schema.Path(key), Label: schema.Label(key)))
            .Select(s => new FieldError(s.Path, "setting.not_changeable",
                $"{s.Label.Vi} do cấu hình triển khai (tệp cấu hình, biến môi trường) quy định, không thể đổi qua API điều khiển: thiết lập này nêu tên một bí mật, tệp khóa hoặc chứng thư được tin cậy.",
                $"{s.Label.En} is fixed by the deployment (configuration files, environment) and cannot be changed through the control API: it names a secret, a key file or a trust anchor."));

    /// <summary>A stored version as it is (or was) in force: the files when it stores nothing, and the files' fixed settings.</summary>
    private IReadOnlyDictionary<string, string> AsInForce(SettingsSchema schema, IReadOnlyDictionary<string, string>? stored, IReadOnlyDictionary<string, string> files) =>
        stored is null ? files : WithFixedFrom(schema, files, stored);

    private Dictionary<string, string> WithFixedFrom(SettingsSchema schema, IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> candidate) =>
        candidate.Where(c => !settings.Fixed.IsFixed(schema.Kind, schema.Name, c.Key))
            .Concat(current.Where(c => settings.Fixed.IsFixed(schema.Kind, schema.Name, c.Key)))
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.OrdinalIgnoreCase);

    private static bool SameSettings(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(x => b.TryGetValue(x.Key, out var v) && string.Equals(v, x.Value, StringComparison.Ordinal));

    private static List<SettingChange> Diff(SettingsSchema schema, IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        var keys = before.Keys.Concat(after.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase);
        return [.. keys
            .Select(k => (Key: k, From: before.GetValueOrDefault(k), To: after.GetValueOrDefault(k)))
            .Where(x => !string.Equals(x.From, x.To, StringComparison.Ordinal))
            .Select(x => new SettingChange(schema.Path(x.Key), schema.Label(x.Key), x.From, x.To))];
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Runtime settings {Kind} {Name}: version {Version} ({Action}) by {By} is in force")]
    private partial void LogChanged(string kind, string name, int version, string action, string by);
}

/// <summary>The document is no longer at the version the operator edited (409, with the version it is at).</summary>
internal sealed class VersionConflictException(string name, int expected, int current)
    : Exception($"'{name}' is at version {current}; the change was made on version {expected}.")
{
    public string Document { get; } = name;

    public int Expected { get; } = expected;

    public int Current { get; } = current;
}
