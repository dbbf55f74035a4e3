using System.Text.Json.Nodes;
using Lgsp.Adapters.Sdk.Health;
using Lgsp.Hub.Operations.Settings;

namespace Lgsp.Hub.Operations;

/// <summary>An adapter in the list: what it is, whether it is on, the version in force and how it is doing.</summary>
/// <param name="Name">What operators call the source ("CSDL quốc gia về đăng ký doanh nghiệp"), in Vietnamese and English.</param>
internal sealed record AdapterSummary(string Source, SettingLabel Name, string Kind, string Protocol, bool Enabled, int Version, string Origin, string? BaseUrl, HealthView Health);

/// <summary>
/// One adapter in full: its settings as in force (never a secret's value: only the secret's name is a setting), and
/// which of them the deployment fixes (<c>readOnly</c>, e.g. <c>credentialsSecret</c>): shown, refused if changed; and
/// every setting's label (<c>labels</c>, by path, <c>*</c> for a dictionary's key or a list's index).
/// </summary>
internal sealed record AdapterView(
    string Source, SettingLabel Name, string Kind, string Protocol, bool Enabled, int Version, string Origin, DateTimeOffset? ChangedAt, string? ChangedBy,
    string? Reason, JsonObject Settings, HealthView Health, IReadOnlyList<string> ReadOnly, IReadOnlyDictionary<string, SettingLabel> Labels);

/// <summary>A source's recent calls at this instance (<see cref="UpstreamHealth.Window"/>).</summary>
internal sealed record HealthView(
    string Circuit, int Calls, int Failures, double ErrorRate, double? P50Ms, double? P95Ms, int WindowSeconds, FailureView? LastFailure)
{
    public static HealthView From(UpstreamHealthSnapshot snapshot) => new(
        snapshot.Circuit switch
        {
            UpstreamCircuit.Closed => "closed",
            UpstreamCircuit.Open => "open",
            UpstreamCircuit.HalfOpen => "half-open",
            UpstreamCircuit.Isolated => "isolated",
            _ => "unknown",
        },
        snapshot.Calls, snapshot.Failures, Math.Round(snapshot.ErrorRate, 4), snapshot.P50Ms, snapshot.P95Ms, (int)UpstreamHealth.Window.TotalSeconds,
        snapshot.LastFailure is { } f ? new FailureView(f.Code, f.At) : null);
}

/// <summary>The last failed call: the catalogue code its caller got, and when.</summary>
internal sealed record FailureView(string Code, DateTimeOffset At);

/// <summary>The versions of one adapter, newest first, ending with version 0 (the configuration files).</summary>
internal sealed record AdapterHistory(string Source, int CurrentVersion, IReadOnlyList<HistoryItem> Items);

internal sealed record HistoryItem(
    int Version, string Action, DateTimeOffset? At, string? By, string? Reason, int? RolledBackTo, IReadOnlyList<SettingChange> Changes);

/// <summary>One key that differs from the version before (null: absent there), with the setting's label.</summary>
internal sealed record SettingChange(string Path, SettingLabel Label, string? From, string? To);

internal sealed record AdapterVersionView(string Source, int Version, JsonObject Settings);

/// <summary>The answer of a connectivity test: any HTTP answer proves the target reachable.</summary>
internal sealed record ConnectivityResult(string Source, string Target, bool Reachable, int? Status, double LatencyMs, ConnectivityError? Error);

internal sealed record ConnectivityError(string Code, string Message);

/// <summary>Bodies of the writes.</summary>
internal sealed record SettingsChangeRequest(string? Reason, JsonObject? Changes);

internal sealed record ReasonRequest(string? Reason);

internal sealed record RollbackRequest(int? ToVersion, string? Reason);

internal sealed record ConnectivityRequest(string? BaseUrl);
