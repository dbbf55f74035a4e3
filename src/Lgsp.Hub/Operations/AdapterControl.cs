using System.Collections.Frozen;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Lgsp.Adapters.Sdk.Health;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Lgsp.Core.StatusSync;
using Lgsp.Hub.Operations.Settings;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Operations;

/// <summary>
/// The operators' hand on the adapters: read them with their live state, and change them safely. A change is the
/// whole section after the operator's patch; it is judged by the validators a start runs (plus unknown keys and
/// unreadable values), refused whole with every problem listed, stored as a new version on top of the version its
/// author saw (otherwise a conflict), and put in force here at once and at every other instance within a poll.
/// </summary>
internal sealed partial class AdapterControl(
    RuntimeAdapterSettings settings,
    AdapterSettingsStore store,
    AdapterSettingsSync sync,
    IEnumerable<UpstreamSettingsType> types,
    IServiceProvider services,
    IOptionsMonitor<UpstreamOptions> upstream,
    IOptions<OperationsOptions> operations,
    UpstreamHealth health,
    IHttpClientFactory http,
    ILogger<AdapterControl> logger)
{
    public const string ProbeClient = "operations.probe";
    private const int MaxReasonLength = 1000;

    // How each source is reached, for operators and for the connectivity test (gRPC needs HTTP/2 even without TLS).
    private static readonly FrozenDictionary<string, (string Kind, string Protocol)> Kinds = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase)
    {
        [SourceNames.Business] = ("lookup", "rest"),
        [SourceNames.Population] = ("lookup", "soap"),
        [SourceNames.Land] = ("lookup", "grpc"),
        [SourceNames.Insurance] = ("lookup", "rest"),
        [SourceNames.CivilRegistry] = ("lookup", "rest"),
        [SyncSides.Dvcqg] = ("sync", "rest"),
        [SyncSides.Provincial] = ("sync", "rest"),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly SemaphoreSlim _writes = new(1, 1);

    private readonly FrozenDictionary<string, AdapterSchema> _schemas = types
        .GroupBy(t => t.Source, StringComparer.OrdinalIgnoreCase)
        .ToFrozenDictionary(g => g.Key, g => new AdapterSchema(g.Key, g), StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Sources => _schemas.Keys.Order(StringComparer.Ordinal);

    public IReadOnlyList<AdapterSummary> List() =>
        [.. Sources.Select(source =>
        {
            var view = View(source);
            return new AdapterSummary(view.Source, view.Kind, view.Protocol, view.Enabled, view.Version, view.Origin,
                view.Settings["baseUrl"]?.GetValue<string>(), view.Health);
        })];

    public AdapterView View(string source)
    {
        var schema = Schema(source);
        var current = settings.Current(schema.Source);
        var effective = settings.EffectiveSettings(schema.Source);
        var (kind, protocol) = Kinds.GetValueOrDefault(schema.Source, ("lookup", "rest"));
        return new AdapterView(
            schema.Source, kind, protocol, Enabled(schema.Source, effective), current?.Version ?? 0, current?.Settings is null ? "files" : "operator",
            current?.ChangedAt, current?.ChangedBy, current?.Reason, schema.ToJson(effective), HealthView.From(health.Snapshot(schema.Source)));
    }

    public Task<AdapterView> ChangeAsync(string source, int expectedVersion, JsonObject? changes, string? reason, string by, CancellationToken ct)
    {
        var schema = Schema(source);
        var errors = new List<FieldError>();
        if (changes is null || changes.Count == 0)
        {
            errors.Add(new FieldError("changes", "changes.required", "Chưa có thay đổi nào (changes trống).", "There is nothing to change (changes is empty)."));
        }

        return WriteAsync(schema, expectedVersion, reason, by, "change", null, errors,
            current => changes is null ? current : schema.Patch(current, changes), ct);
    }

    public Task<AdapterView> SetEnabledAsync(string source, int expectedVersion, bool enabled, string? reason, string by, CancellationToken ct)
    {
        var schema = Schema(source);
        return WriteAsync(schema, expectedVersion, reason, by, enabled ? "enable" : "disable", null, [],
            current => new Dictionary<string, string>(current, StringComparer.OrdinalIgnoreCase) { ["Enabled"] = enabled ? "true" : "false" }, ct);
    }

    public async Task<AdapterView> RollbackAsync(string source, int expectedVersion, int? toVersion, string? reason, string by, CancellationToken ct)
    {
        var schema = Schema(source);
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
        else if (await store.FindAsync(schema.Source, version, ct) is { } record)
        {
            found = true;
            target = AdapterSettingsStore.ReadSettings(record);
        }
        else
        {
            errors.Add(new FieldError("toVersion", "to_version.not_found", $"Nguồn {schema.Source} không có phiên bản {version}.",
                $"The {schema.Source} adapter has no version {version}."));
        }

        // Back to the files stores no section (the files rule again); any other version is restored key for key.
        return await WriteAsync(schema, expectedVersion, reason, by, "rollback", found ? toVersion : null, errors,
            _ => target is null ? new Dictionary<string, string>(settings.FileSettings(schema.Source), StringComparer.OrdinalIgnoreCase) : new Dictionary<string, string>(target, StringComparer.OrdinalIgnoreCase),
            ct, storeNothing: found && target is null);
    }

    public async Task<AdapterHistory> HistoryAsync(string source, CancellationToken ct)
    {
        var schema = Schema(source);
        var records = await store.HistoryAsync(schema.Source, ct);
        var files = settings.FileSettings(schema.Source);
        var items = new List<HistoryItem>(records.Count + 1);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var previous = i + 1 < records.Count ? AdapterSettingsStore.ReadSettings(records[i + 1]) ?? files : files;
            var now = AdapterSettingsStore.ReadSettings(record) ?? files;
            items.Add(new HistoryItem(record.Version, record.Action, record.ChangedAt, record.ChangedBy, record.Reason, record.RolledBackTo, Diff(schema, previous, now)));
        }

        items.Add(new HistoryItem(0, "files", null, null, null, null, []));
        return new AdapterHistory(schema.Source, records.Count == 0 ? 0 : records[0].Version, items);
    }

    public async Task<AdapterVersionView> VersionAsync(string source, int version, CancellationToken ct)
    {
        var schema = Schema(source);
        if (version == 0)
        {
            return new AdapterVersionView(schema.Source, 0, schema.ToJson(settings.FileSettings(schema.Source)));
        }

        var record = await store.FindAsync(schema.Source, version, ct) ?? throw NotFound($"The {schema.Source} adapter has no version {version}.");
        return new AdapterVersionView(schema.Source, version, schema.ToJson(AdapterSettingsStore.ReadSettings(record) ?? settings.FileSettings(schema.Source)));
    }

    /// <summary>
    /// Whether the adapter's upstream (or a candidate base URL, under the same rules) answers at all: one request with
    /// the adapter's attempt timeout (at most 10 s), no retry, nothing sent but the request line and headers.
    /// </summary>
    public async Task<ConnectivityResult> TestAsync(string source, string? candidate, CancellationToken ct)
    {
        var schema = Schema(source);
        var options = Options(schema.Source);
        var text = string.IsNullOrWhiteSpace(candidate) ? options?.BaseUrl : candidate;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            throw Invalid(new FieldError("baseUrl", "setting.invalid", "BaseUrl phải là một địa chỉ http hoặc https tuyệt đối.", "BaseUrl must be an absolute http or https URL."));
        }

        if (!operations.Value.Allows(target))
        {
            throw Invalid(new FieldError("baseUrl", "setting.host_not_allowed",
                $"Máy chủ '{target.Authority}' không nằm trong danh sách được phép (Operations:AllowedUpstreamHosts).",
                $"The host '{target.Authority}' is not in Operations:AllowedUpstreamHosts."));
        }

        var timeout = options is null ? TimeSpan.FromSeconds(10) : TimeSpan.FromTicks(Math.Min(options.AttemptTimeout.Ticks, TimeSpan.FromSeconds(10).Ticks));
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutSource.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        if (Kinds.GetValueOrDefault(schema.Source).Protocol == "grpc")
        {
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.CreateClient(ProbeClient).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token);
            return new ConnectivityResult(schema.Source, target.ToString(), true, (int)response.StatusCode, Elapsed(started), null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ConnectivityResult(schema.Source, target.ToString(), false, null, Elapsed(started),
                new ConnectivityError("timeout", $"No answer within {timeout.TotalSeconds:0.#} s."));
        }
        catch (HttpRequestException ex)
        {
            // The kind of failure, not the message: it may echo internal details.
            return new ConnectivityResult(schema.Source, target.ToString(), false, null, Elapsed(started),
                new ConnectivityError("unreachable", ex.HttpRequestError.ToString()));
        }
    }

    private async Task<AdapterView> WriteAsync(
        AdapterSchema schema, int expectedVersion, string? reason, string by, string action, int? rolledBackTo, List<FieldError> errors,
        Func<IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, string>> change, CancellationToken ct, bool storeNothing = false)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            errors.Add(new FieldError("reason", "reason.required", "Cần nêu lý do thay đổi (reason).", "A reason for the change is required (reason)."));
        }
        else if (reason.Length > MaxReasonLength)
        {
            errors.Add(new FieldError("reason", "reason.too_long", $"Lý do dài tối đa {MaxReasonLength} ký tự.", $"The reason is at most {MaxReasonLength} characters."));
        }

        // One write at a time here (two operators on one instance meet at the version check, not at the database's
        // unique index); writes at different instances are settled by that index.
        await _writes.WaitAsync(ct);
        try
        {
            return await WriteLockedAsync(schema, expectedVersion, reason ?? string.Empty, by, action, rolledBackTo, errors, change, storeNothing, ct);
        }
        finally
        {
            _writes.Release();
        }
    }

    private async Task<AdapterView> WriteLockedAsync(
        AdapterSchema schema, int expectedVersion, string reason, string by, string action, int? rolledBackTo, List<FieldError> errors,
        Func<IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, string>> change, bool storeNothing, CancellationToken ct)
    {
        // Judge the change against what is really the latest, even if this instance has not polled it yet.
        await sync.RefreshAsync(ct);
        var inForce = settings.Current(schema.Source)?.Version ?? 0;
        if (inForce != expectedVersion)
        {
            throw new VersionConflictException(schema.Source, expectedVersion, inForce);
        }

        var current = settings.EffectiveSettings(schema.Source);
        var candidate = change(current);
        errors.AddRange(schema.Validate(candidate, services));

        if (errors.Count == 0 && action != "rollback" && SameSettings(current, candidate))
        {
            errors.Add(new FieldError("changes", "changes.none", "Thay đổi này không làm khác cấu hình hiện hành.", "The change leaves the settings as they are."));
        }

        if (errors.Count > 0)
        {
            throw new LgspException(ErrorCatalogue.ValidationFailed, $"The change to the {schema.Source} adapter was refused; nothing changed.", errors);
        }

        var (stored, now) = await store.AppendAsync(schema.Source, expectedVersion, storeNothing ? null : candidate, action, by, reason.Trim(), rolledBackTo, ct);
        if (stored is null)
        {
            throw new VersionConflictException(schema.Source, expectedVersion, now);
        }

        await sync.RefreshAsync(ct);
        LogChanged(schema.Source, stored.Version, action, by);
        return View(schema.Source);
    }

    private static bool SameSettings(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(x => b.TryGetValue(x.Key, out var v) && string.Equals(v, x.Value, StringComparison.Ordinal));

    private static List<SettingChange> Diff(AdapterSchema schema, IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        var keys = before.Keys.Concat(after.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase);
        return [.. keys
            .Select(k => (Key: k, From: before.GetValueOrDefault(k), To: after.GetValueOrDefault(k)))
            .Where(x => !string.Equals(x.From, x.To, StringComparison.Ordinal))
            .Select(x => new SettingChange(schema.Path(x.Key), x.From, x.To))];
    }

    private bool Enabled(string source, IReadOnlyDictionary<string, string> effective)
    {
        if (Options(source) is { } options)
        {
            return options.Enabled;
        }

        return !effective.TryGetValue("Enabled", out var text) || !bool.TryParse(text, out var value) || value;
    }

    private UpstreamOptions? Options(string source)
    {
        try
        {
            return upstream.Get(source);
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }

    private AdapterSchema Schema(string source) =>
        _schemas.TryGetValue(source, out var schema) ? schema : throw NotFound($"There is no adapter '{source}'. Adapters: {string.Join(", ", Sources)}.");

    private static double Elapsed(long started) => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);

    private static LgspException NotFound(string detail) => new(ErrorCatalogue.NotFound, detail);

    private static LgspException Invalid(FieldError error) => new(ErrorCatalogue.ValidationFailed, error.MessageEn, [error]);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adapter {Source}: version {Version} ({Action}) by {By} is in force")]
    private partial void LogChanged(string source, int version, string action, string by);
}

/// <summary>The adapter is no longer at the version the operator edited (409, with the version it is at).</summary>
internal sealed class VersionConflictException(string source, int expected, int current)
    : Exception($"The {source} adapter is at version {current}; the change was made on version {expected}.")
{
    public string Adapter { get; } = source;

    public int Expected { get; } = expected;

    public int Current { get; } = current;
}
