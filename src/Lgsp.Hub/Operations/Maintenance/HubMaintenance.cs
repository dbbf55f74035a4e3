using System.Globalization;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Hub.Gateway;
using Lgsp.Hub.Operations.Settings;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Lgsp.Hub.Operations.Maintenance;

/// <summary>
/// The maintenance windows in force, read from the versioned documents (<see cref="SettingsKinds.Maintenance"/>) and
/// re-read whenever a version changes here or at another instance (the runtime configuration's reload token), so a
/// call costs no database read. <see cref="HubScope"/> covers every client; an agency's window covers the clients whose
/// access rights act for that agency or a unit under it. Time comes from <see cref="TimeProvider"/>: a window lapses at
/// its end by itself.
/// </summary>
internal sealed class HubMaintenance : IDisposable
{
    /// <summary>The scope name of the whole hub's window.</summary>
    public const string HubScope = "hub";

    private readonly RuntimeSettings _runtime;
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<GatewayOptions> _gateway;
    private readonly IDisposable _subscription;
    private volatile Loaded? _loaded;

    public HubMaintenance(RuntimeSettings runtime, TimeProvider time, IOptionsMonitor<GatewayOptions> gateway)
    {
        _runtime = runtime;
        _time = time;
        _gateway = gateway;
        // The reload token fires before the new versions are published: it only marks the windows stale, and the next
        // call re-reads them once the versions in force (compared by reference) have moved.
        _subscription = ChangeToken.OnChange(runtime.Configuration.GetReloadToken, () => _loaded = null);
    }

    /// <summary><c>hub</c>, or an agency code in its 13-character form; null when <paramref name="scope"/> is neither.</summary>
    public static string? NormalizeScope(string? scope) =>
        string.Equals(scope, HubScope, StringComparison.OrdinalIgnoreCase) ? HubScope
        : AgencyCode.TryParse(scope, out var agency) ? agency.Value
        : null;

    /// <summary>The window in force for the whole hub, if any.</summary>
    public ActiveMaintenance? ForHub() => Active(HubScope);

    /// <summary>The window in force for <paramref name="clientId"/>'s calls: the hub's, else its agency's or a parent's.</summary>
    public ActiveMaintenance? ForClient(string? clientId)
    {
        if (ForHub() is { } hub)
        {
            return hub;
        }

        if (clientId is null || !_gateway.CurrentValue.AccessRights.TryGetValue(clientId, out var rights)
            || !AgencyCode.TryParse(rights.AgencyCode, out var agency))
        {
            return null;
        }

        for (AgencyCode? unit = agency; unit is { } u; unit = u.Parent)
        {
            if (Active(u.Value) is { } active)
            {
                return active;
            }
        }

        return null;
    }

    public void Dispose() => _subscription.Dispose();

    private ActiveMaintenance? Active(string scope)
    {
        var now = _time.GetUtcNow();
        return Windows().TryGetValue(scope.ToLowerInvariant(), out var window) && window.ActiveAt(now)
            ? new ActiveMaintenance(scope, window.MessageVi ?? "", window.MessageEn ?? "", window.Until!.Value, window.Until.Value - now)
            : null;
    }

    private IReadOnlyDictionary<string, MaintenanceWindow> Windows()
    {
        var versions = _runtime.VersionsInForce;
        if (_loaded is { } loaded && ReferenceEquals(loaded.Versions, versions))
        {
            return loaded.Windows;
        }

        var windows = _runtime.Names(SettingsKinds.Maintenance)
            .ToDictionary(n => n, n => MaintenanceWindow.Read(_runtime.EffectiveSettings(SettingsKinds.Maintenance, n)), StringComparer.Ordinal);
        _loaded = new Loaded(versions, windows);
        return windows;
    }

    private sealed record Loaded(object Versions, IReadOnlyDictionary<string, MaintenanceWindow> Windows);
}

/// <summary>A window in force: whose, the operators' message, when it ends and how long until then.</summary>
internal sealed record ActiveMaintenance(string Scope, string MessageVi, string MessageEn, DateTimeOffset Until, TimeSpan Remaining)
{
    /// <summary>Whole seconds until the end, rounded up, at least one (RFC 9110 delay-seconds).</summary>
    public string RetryAfter => Math.Max(1, (long)Math.Ceiling(Remaining.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public LgspException ToException()
    {
        var until = Until.ToOffset(Lgsp.Core.Time.VietnamTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var who = Scope == HubMaintenance.HubScope ? ("Nền tảng tích hợp", "The integration hub") : ($"Nền tảng tích hợp (với các hệ thống của cơ quan {Scope})", $"The integration hub (for the systems of agency {Scope})");
        return new LgspException(ErrorCatalogue.Maintenance, new(
            $"{who.Item1} đang bảo trì đến {until} (giờ Việt Nam): {MessageVi}",
            $"{who.Item2} is under maintenance until {until} (Vietnam time): {MessageEn}"));
    }
}
