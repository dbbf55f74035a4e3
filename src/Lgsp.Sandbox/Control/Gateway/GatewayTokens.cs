using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Lgsp.Sandbox.Control.Gateway;

/// <summary>
/// What one application is subscribed to on a WSO2-style gateway: its client credentials, the lifetime of the tokens
/// it gets and its throttling tier (calls per second).
/// </summary>
internal sealed record GatewayTier(string ClientId, string ClientSecret, int TokenLifetimeSeconds, int RequestsPerSecond);

/// <summary>
/// A gateway's OAuth tokens (client credentials): issued, checked and expired by the sandbox's clock, plus the
/// subscription's throttling tier. One per stand-in behind a gateway (registered keyed by the stand-in's source);
/// the tier is read at each use, so a reloaded option applies at once.
/// </summary>
internal sealed class GatewayTokens(Func<GatewayTier> tier, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _issued = new(StringComparer.Ordinal);
    private readonly Lock _throttleLock = new();
    private long _window;
    private int _inWindow;

    public int Lifetime => tier().TokenLifetimeSeconds;

    public bool CredentialsMatch(string key, string secret)
    {
        var expected = tier();
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(expected.ClientId))
            & CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(expected.ClientSecret));
    }

    public string Issue()
    {
        // WSO2 issues opaque UUID-like tokens.
        var token = Guid.NewGuid().ToString("D");
        _issued[token] = time.GetUtcNow().AddSeconds(Lifetime);
        return token;
    }

    public TokenState Check(string? token)
    {
        if (string.IsNullOrEmpty(token) || !_issued.TryGetValue(token, out var expiresAt))
        {
            return TokenState.Unknown;
        }

        return time.GetUtcNow() < expiresAt ? TokenState.Valid : TokenState.Expired;
    }

    /// <summary>The subscription tier: false when this second's quota is used up.</summary>
    public bool TryTakeQuota(out int retryAfterSeconds)
    {
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        var limit = tier().RequestsPerSecond;
        lock (_throttleLock)
        {
            if (second != _window)
            {
                _window = second;
                _inWindow = 0;
            }

            retryAfterSeconds = 1;
            return ++_inWindow <= limit;
        }
    }
}

internal enum TokenState
{
    Unknown,
    Expired,
    Valid,
}
