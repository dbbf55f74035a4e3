using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Lgsp.Sandbox.Business;

/// <summary>The gateway's OAuth tokens (client credentials): issued, checked, expired by the sandbox's clock.</summary>
internal sealed class BusinessTokens(IOptions<BusinessStandInOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _issued = new(StringComparer.Ordinal);
    private readonly Lock _throttleLock = new();
    private long _window;
    private int _inWindow;

    public int Lifetime => options.Value.TokenLifetimeSeconds;

    public bool CredentialsMatch(string key, string secret) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(key), System.Text.Encoding.UTF8.GetBytes(options.Value.ConsumerKey))
        & CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes(options.Value.ConsumerSecret));

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
        lock (_throttleLock)
        {
            if (second != _window)
            {
                _window = second;
                _inWindow = 0;
            }

            retryAfterSeconds = 1;
            return ++_inWindow <= options.Value.RequestsPerSecond;
        }
    }
}

internal enum TokenState
{
    Unknown,
    Expired,
    Valid,
}
