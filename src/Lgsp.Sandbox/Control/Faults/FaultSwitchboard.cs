using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Lgsp.Sandbox.Control.Faults;

/// <summary>
/// The fault switch of every stand-in and what each has seen: calls per path, faults applied. Thread-safe; one per
/// sandbox. Stand-ins are declared in DI (<see cref="StandIn"/>) by their own <c>Add…StandIn</c>.
/// </summary>
internal sealed class FaultSwitchboard(IEnumerable<StandIn> standIns)
{
    /// <summary>Set on <see cref="HttpContext.Items"/> when the stand-in must break its signature on this answer.</summary>
    public const string BreakSignatureKey = "Lgsp.Sandbox.BreakSignature";

    /// <summary>Where a <c>redirect</c> fault sends the caller: not a stand-in, so nothing there is faulted or served.</summary>
    public const string RedirectedPath = "/_sandbox/redirected";

    private readonly FrozenDictionary<string, StandIn> _standIns = standIns.ToFrozenDictionary(s => s.Source, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Switch> _switches = new(StringComparer.Ordinal);

    public IEnumerable<StandIn> StandIns => _standIns.Values;

    public StandIn? Find(string source) => _standIns.GetValueOrDefault(source);

    public StandIn? ServingPath(PathString path) => _standIns.Values.FirstOrDefault(s => s.Serves(path));

    public void Set(string source, FaultSettings settings) => SwitchOf(source).Set(settings);

    public void Reset(string source) => SwitchOf(source).Set(null);

    public void ResetAll()
    {
        foreach (var s in _switches.Values)
        {
            s.Set(null);
        }
    }

    /// <summary>Counts the call; the fault to apply to it, if any.</summary>
    public FaultSettings? OnCall(StandIn standIn, PathString path) => SwitchOf(standIn.Source).OnCall(path, standIn.Faults(path));

    public FaultStatus Status(string source) => SwitchOf(source).Status(source);

    /// <summary>A request reached the address a <c>redirect</c> fault of <paramref name="source"/> pointed at: someone followed it.</summary>
    public void OnRedirectFollowed(string source) => SwitchOf(source).OnRedirectFollowed();

    /// <summary>The absolute URL a <c>redirect</c> fault answers with: the same request, under <see cref="RedirectedPath"/>.</summary>
    public static string RedirectTarget(HttpRequest request, string source) =>
        $"{request.Scheme}://{request.Host}{RedirectedPath}/{source}{request.Path}{request.QueryString}";

    /// <summary>A call to <paramref name="standIn"/> whose client hung up before the answer (its timeout or its caller's).</summary>
    public void OnAbandoned(StandIn standIn) => SwitchOf(standIn.Source).OnAbandoned();

    private Switch SwitchOf(string source) => _switches.GetOrAdd(source, _ => new Switch());

    private sealed class Switch
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);
        private FaultSettings? _settings;
        private Random? _random;
        private int _matching;
        private int _applied;
        private int _redirectsFollowed;
        private int _abandoned;
        private int? _remaining;

        public void Set(FaultSettings? settings)
        {
            lock (_lock)
            {
                _settings = settings;
                _random = settings?.Probability is null ? null : new Random(settings.Seed ?? 1);
                _matching = 0;
                _applied = 0;
                _redirectsFollowed = 0;
                _abandoned = 0;
                _remaining = settings?.Count;
                _calls.Clear();
            }
        }

        public FaultSettings? OnCall(PathString path, bool faultable)
        {
            lock (_lock)
            {
                var key = path.Value ?? "/";
                _calls[key] = _calls.GetValueOrDefault(key) + 1;
                if (_settings is not { } settings || !faultable)
                {
                    return null;
                }

                _matching++;
                if (settings.EveryNth is { } n && _matching % n != 0)
                {
                    return null;
                }

                if (_random is { } random && random.NextDouble() >= settings.Probability)
                {
                    return null;
                }

                _applied++;
                if (_remaining is not null && --_remaining == 0)
                {
                    _settings = null; // used up: the switch turns itself off
                }

                return settings;
            }
        }

        public void OnRedirectFollowed()
        {
            lock (_lock)
            {
                _redirectsFollowed++;
            }
        }

        public void OnAbandoned()
        {
            lock (_lock)
            {
                _abandoned++;
            }
        }

        public FaultStatus Status(string source)
        {
            lock (_lock)
            {
                return new FaultStatus(source, _settings, _remaining, _applied, _redirectsFollowed, _abandoned,
                    _calls.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal));
            }
        }
    }
}

/// <summary>What <c>GET /_sandbox/faults/{source}</c> shows.</summary>
/// <remarks><c>RedirectsFollowed</c>: requests that reached the address a <c>redirect</c> fault pointed at (anything above 0
/// means a client followed it). <c>Abandoned</c>: calls whose client hung up before the answer was written (its timeout
/// or its caller's cancellation).</remarks>
internal sealed record FaultStatus(string Source, FaultSettings? Fault, int? Remaining, int FaultsApplied, int RedirectsFollowed, int Abandoned, IReadOnlyDictionary<string, int> Calls);
