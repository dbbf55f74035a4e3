using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using OpenIddict.Abstractions;

namespace Lgsp.Hub.Identity;

/// <summary>
/// The access tokens whose signature (and decryption, for a person's) this instance has already checked, keyed by
/// SHA-256 of the token's text, each with the principal that check produced, until the token expires. A hit spares
/// the JWT's parsing, signature and decryption, nothing else: every other check of the validation (expiry on the hub's
/// clock, audience, the revocation list, the token's row when <c>ValidateTokenEntries</c> is on) still runs on every
/// request (<see cref="AccessTokenValidationCacheHandlers"/>).
/// </summary>
/// <remarks>
/// A token altered in any byte has another hash, so it is never served from here: it goes through the full check and
/// fails it. Only tokens that passed every check are remembered. At most <see cref="MaxEntries"/> tokens are held (a
/// full cache leaves new tokens uncached, they are validated in full as before). What this does not follow: a token
/// signing certificate withdrawn from the hub stops tokens already remembered only when they expire (10 minutes at
/// most); revoke them (<c>/connect/revoke</c>) to end them sooner.
/// </remarks>
internal sealed class ValidatedAccessTokens(TimeProvider time) : IDisposable
{
    /// <summary>About 2 KB each: 10,000 tokens in use within ten minutes stay under 20 MB.</summary>
    public const int MaxEntries = 10_000;

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries, Clock = new TimeProviderClock(time) });
    private long _fullValidations;
    private long _hits;

    /// <summary>How many access tokens were validated in full (signature checked) by this instance.</summary>
    public long FullValidations => Interlocked.Read(ref _fullValidations);

    /// <summary>How many validations were served from the cache (the other checks still ran).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    public static string Key(string token) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A copy of the principal remembered for this token (the caller's checks may change it), or null.</summary>
    public ClaimsPrincipal? Find(string key)
    {
        if (!_entries.TryGetValue(key, out ClaimsPrincipal? principal) || principal is null)
        {
            return null;
        }

        Interlocked.Increment(ref _hits);
        return principal.Clone();
    }

    public void CountFullValidation() => Interlocked.Increment(ref _fullValidations);

    /// <summary>Remembers a principal until its token's expiry (plus the validation's clock skew); none without one.</summary>
    public void Add(string key, ClaimsPrincipal principal)
    {
        if (principal.GetExpirationDate() is not { } expiresAt)
        {
            return;
        }

        _entries.Set(key, principal, new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpiration = expiresAt + HubIdentityOptions.TokenClockSkew,
        });
    }

    public void Dispose() => _entries.Dispose();
}

#pragma warning disable CS0618 // ISystemClock is what MemoryCacheOptions takes; it reads the hub's TimeProvider here.
/// <summary>The hub's <see cref="TimeProvider"/> as the clock of a <see cref="MemoryCache"/> (fake time in tests).</summary>
internal sealed class TimeProviderClock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
{
    public DateTimeOffset UtcNow => time.GetUtcNow();
}
#pragma warning restore CS0618
