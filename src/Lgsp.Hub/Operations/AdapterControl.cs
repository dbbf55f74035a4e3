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
internal sealed class AdapterControl(
    SettingsDocuments documents,
    IEnumerable<UpstreamSettingsType> types,
    IOptionsMonitor<UpstreamOptions> upstream,
    IOptions<OperationsOptions> operations,
    UpstreamHealth health,
    IHttpClientFactory http,
    IUpstreamHostResolver resolver)
{
    public const string ProbeClient = "operations.probe";

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

    private readonly FrozenDictionary<string, SettingsSchema> _schemas = types
        .GroupBy(t => t.Source, StringComparer.OrdinalIgnoreCase)
        .ToFrozenDictionary(g => g.Key, g => SettingsSchema.ForAdapter(g.Key, [.. g]), StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Sources => _schemas.Keys.Order(StringComparer.Ordinal);

    /// <summary>Every adapter in brief (the list the console refreshes every few seconds: no settings rendered).</summary>
    public IReadOnlyList<AdapterSummary> List() =>
        [.. Sources.Select(source =>
        {
            var schema = Schema(source);
            var current = documents.Current(schema);
            var effective = documents.Effective(schema);
            var (kind, protocol) = Kinds.GetValueOrDefault(schema.Name, ("lookup", "rest"));
            return new AdapterSummary(schema.Name, SettingLabels.Source(schema.Name), kind, protocol, Enabled(schema.Name, effective), current?.Version ?? 0, SettingsDocuments.Origin(current),
                effective.GetValueOrDefault("BaseUrl"), HealthView.From(health.Snapshot(schema.Name)));
        })];

    public AdapterView View(string source)
    {
        var schema = Schema(source);
        var current = documents.Current(schema);
        var effective = documents.Effective(schema);
        var (kind, protocol) = Kinds.GetValueOrDefault(schema.Name, ("lookup", "rest"));
        return new AdapterView(
            schema.Name, SettingLabels.Source(schema.Name), kind, protocol, Enabled(schema.Name, effective), current?.Version ?? 0, SettingsDocuments.Origin(current),
            current?.ChangedAt, current?.ChangedBy, current?.Reason, schema.ToJson(effective), HealthView.From(health.Snapshot(schema.Name)), schema.ReadOnly,
            schema.Labels());
    }

    public async Task<AdapterView> ChangeAsync(string source, int expectedVersion, JsonObject? changes, string? reason, string by, CancellationToken ct)
    {
        var schema = Schema(source);
        await documents.ChangeAsync(schema, expectedVersion, changes, reason, by, ct);
        return View(schema.Name);
    }

    public async Task<AdapterView> SetEnabledAsync(string source, int expectedVersion, bool enabled, string? reason, string by, CancellationToken ct)
    {
        var schema = Schema(source);
        await documents.WriteAsync(schema, expectedVersion, reason, by, enabled ? "enable" : "disable",
            current => new Dictionary<string, string>(current, StringComparer.OrdinalIgnoreCase) { ["Enabled"] = enabled ? "true" : "false" }, ct);
        return View(schema.Name);
    }

    public async Task<AdapterView> RollbackAsync(string source, int expectedVersion, int? toVersion, string? reason, string by, CancellationToken ct)
    {
        var schema = Schema(source);
        await documents.RollbackAsync(schema, expectedVersion, toVersion, reason, by, ct);
        return View(schema.Name);
    }

    public async Task<AdapterHistory> HistoryAsync(string source, CancellationToken ct)
    {
        var schema = Schema(source);
        var (current, items) = await documents.HistoryAsync(schema, ct);
        return new AdapterHistory(schema.Name, current, items);
    }

    public async Task<AdapterVersionView> VersionAsync(string source, int version, CancellationToken ct)
    {
        var schema = Schema(source);
        return new AdapterVersionView(schema.Name, version, await documents.VersionAsync(schema, version, ct));
    }

    /// <summary>
    /// Whether the adapter's upstream (or a candidate base URL, under the same rules) answers at all: one request with
    /// the adapter's attempt timeout (at most 10 s), no retry, nothing sent but the request line and headers.
    /// </summary>
    public async Task<ConnectivityResult> TestAsync(string source, string? candidate, CancellationToken ct)
    {
        var schema = Schema(source);
        var options = Options(schema.Name);
        var text = string.IsNullOrWhiteSpace(candidate) ? options?.BaseUrl : candidate;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            throw Invalid(Translate(schema, new SettingFailure("BaseUrl", SettingReasons.AbsoluteHttpUrl)));
        }

        if (!operations.Value.Allows(target))
        {
            throw Invalid(Translate(schema, new SettingFailure("BaseUrl", SettingReasons.HostNotAllowed, target.Authority)));
        }

        if (operations.Value.UnallowedInternalAddresses(target, resolver) is { Count: > 0 } refused)
        {
            throw Invalid(Translate(schema, new SettingFailure("BaseUrl", SettingReasons.HostInternal, target.Host, refused.Select(a => a.ToString()).ToArray())));
        }

        var timeout = options is null ? TimeSpan.FromSeconds(10) : TimeSpan.FromTicks(Math.Min(options.AttemptTimeout.Ticks, TimeSpan.FromSeconds(10).Ticks));
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutSource.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        if (Kinds.GetValueOrDefault(schema.Name).Protocol == "grpc")
        {
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.CreateClient(ProbeClient).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token);
            return new ConnectivityResult(schema.Name, target.ToString(), true, (int)response.StatusCode, Elapsed(started), null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ConnectivityResult(schema.Name, target.ToString(), false, null, Elapsed(started),
                new ConnectivityError("timeout", $"No answer within {timeout.TotalSeconds:0.#} s."));
        }
        catch (HttpRequestException ex)
        {
            // The kind of failure, not the message: it may echo internal details.
            return new ConnectivityResult(schema.Name, target.ToString(), false, null, Elapsed(started),
                new ConnectivityError("unreachable", ex.HttpRequestError.ToString()));
        }
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

    private SettingsSchema Schema(string source) =>
        _schemas.TryGetValue(source, out var schema) ? schema : throw NotFound(new(
            $"Không có bộ kết nối '{source}'. Các bộ kết nối: {string.Join(", ", Sources)}.", $"There is no adapter '{source}'. Adapters: {string.Join(", ", Sources)}."));

    private static double Elapsed(long started) => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);

    private static LgspException NotFound(LocalizedText detail) => new(ErrorCatalogue.NotFound, detail);

    /// <summary>A failure of the connectivity test's candidate URL, answered like a change's (labelled, both languages).</summary>
    private static FieldError Translate(SettingsSchema schema, SettingFailure failure) =>
        new SettingFailureTranslation(schema).Translate(new SettingVerdict(schema.Section, failure, null));

    private static LgspException Invalid(FieldError error) => new(ErrorCatalogue.ValidationFailed, error.Message, [error]);
}
