using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Identity.Throttling;

/// <summary>
/// Failed client authentications at <c>/connect/token</c>, <c>/connect/introspect</c> and <c>/connect/revoke</c>,
/// counted per client id and per source address (<see cref="SourceAddress"/>) in this instance's memory
/// (<see cref="ClientAuthThrottleSettings"/>). A locked source is refused everything; a locked client id is refused
/// except from the sources it authenticated from within <see cref="TrustedSourceLifetime"/>, so someone guessing
/// a client's secret cannot lock the client's own back end out. A success forgets the client id's failures, not the
/// source's (one valid client must not reset an address that is guessing another's secret).
/// </summary>
/// <remarks>
/// Per instance, not shared: the success path stays in memory (no database write or read per token), and with n
/// instances a key gets at most n × the limit failures per lockout period, still a handful against secrets of at
/// least 32 random characters. What this bounds is the PBKDF2 work strangers can make the hub do, and the noise.
/// </remarks>
internal sealed partial class ClientAuthThrottle
{
    public static readonly TimeSpan TrustedSourceLifetime = TimeSpan.FromDays(1);

    private static readonly TimeSpan TrustRefresh = TimeSpan.FromMinutes(1);

    private readonly ClientAuthThrottleSettings _settings;
    private readonly FailureWindows _clients;
    private readonly FailureWindows _sources;
    private readonly ConcurrentDictionary<(string Client, string Source), DateTimeOffset> _trusted = new();
    private readonly TimeProvider _time;
    private readonly ILogger<ClientAuthThrottle> _logger;

    public ClientAuthThrottle(IOptions<HubIdentityOptions> options, TimeProvider time, ILogger<ClientAuthThrottle> logger)
    {
        _settings = options.Value.ClientAuthThrottle;
        _time = time;
        _logger = logger;
        _clients = new FailureWindows(_settings.MaxFailuresPerClient, _settings.Window, _settings.LockoutDuration, time);
        _sources = new FailureWindows(_settings.MaxFailuresPerAddress, _settings.Window, _settings.LockoutDuration, time);
    }

    public bool Enabled => _settings.Enabled;

    /// <summary>How long a request from <paramref name="source"/> for <paramref name="clientId"/> must wait, or null to go ahead.</summary>
    public TimeSpan? Refusal(string? clientId, string source)
    {
        if (!Enabled)
        {
            return null;
        }

        var bySource = _sources.LockedFor(source);
        var byClient = string.IsNullOrEmpty(clientId) ? null : _clients.LockedFor(Key(clientId));
        if (byClient is not null && IsTrusted(clientId!, source))
        {
            byClient = null;
        }

        return bySource is { } a && byClient is { } b ? (a > b ? a : b) : bySource ?? byClient;
    }

    /// <summary>A client authentication failed (<c>invalid_client</c>).</summary>
    public void Failed(string? clientId, string source)
    {
        if (!Enabled)
        {
            return;
        }

        Report(_sources.RecordFailure(source), "address", source, _sources.Limit);
        if (!string.IsNullOrEmpty(clientId))
        {
            Report(_clients.RecordFailure(Key(clientId)), "client", LoggableClientId(clientId), _clients.Limit);
        }
    }

    /// <summary>A client authenticated: its failures are forgotten and the source is one of its own.</summary>
    public void Succeeded(string clientId, string source)
    {
        if (!Enabled)
        {
            return;
        }

        _clients.Reset(Key(clientId));
        var now = _time.GetUtcNow();
        var pair = (clientId, source);
        if (_trusted.TryGetValue(pair, out var at) && now - at < TrustRefresh)
        {
            return;
        }

        if (_trusted.Count >= FailureWindows.Capacity)
        {
            foreach (var (stale, since) in _trusted)
            {
                if (now - since >= TrustedSourceLifetime)
                {
                    _trusted.TryRemove(stale, out _);
                }
            }

            if (_trusted.Count >= FailureWindows.Capacity && !_trusted.ContainsKey(pair))
            {
                return;
            }
        }

        _trusted[pair] = now;
    }

    private bool IsTrusted(string clientId, string source) =>
        _trusted.TryGetValue((clientId, source), out var since) && _time.GetUtcNow() - since < TrustedSourceLifetime;

    private void Report(FailureOutcome outcome, string dimension, string key, int limit)
    {
        if (outcome == FailureOutcome.Locked)
        {
            LogLocked(_logger, dimension, key, limit, (int)_settings.LockoutDuration.TotalSeconds);
        }
        else if (outcome == FailureOutcome.NotTracked)
        {
            LogFull(_logger, dimension, FailureWindows.Capacity);
        }
    }

    /// <summary>Client ids are short; anything longer is made-up and is kept as a hash, so a key stays small.</summary>
    private static string Key(string clientId) =>
        clientId.Length <= 64 ? clientId : "#" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(clientId)));

    private static string LoggableClientId(string clientId) => ClientIdShape().IsMatch(clientId) ? clientId : "(not a client id)";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    private static partial Regex ClientIdShape();

    [LoggerMessage(EventId = 5880, Level = LogLevel.Warning,
        Message = "Client authentication throttled: {Dimension} {Key} failed {Limit} times; its requests get 429 for {Seconds} s")]
    private static partial void LogLocked(ILogger logger, string dimension, string key, int limit, int seconds);

    [LoggerMessage(EventId = 5881, Level = LogLevel.Warning,
        Message = "Client authentication throttle: {Capacity} {Dimension} keys with recent failures are tracked already; a new one is not counted")]
    private static partial void LogFull(ILogger logger, string dimension, int capacity);
}
