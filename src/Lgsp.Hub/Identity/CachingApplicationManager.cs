using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;

namespace Lgsp.Hub.Identity;

/// <summary>
/// OpenIddict's application manager with one change: a client secret that passed the full check (PBKDF2-SHA256,
/// 10,000 rounds, ~2.3 ms of CPU on this machine) is remembered for Identity:ClientSecretCacheLifetime, so a back end
/// asking for a client-credentials token many times a second does not spend a core on hashing.
/// </summary>
/// <remarks>
/// Why this is safe:
/// <list type="bullet">
/// <item>The cache key is SHA-256(stored hash ‖ 0 ‖ presented secret); only keys of secrets that passed the real
/// check are ever stored, and only success is cached: a wrong secret always pays the full PBKDF2 price.</item>
/// <item>A hit needs the same presented secret under the same stored hash: guessing another secret that hits is a
/// SHA-256 second preimage. Rotating a secret changes the stored hash, so the old secret stops hitting at once.</item>
/// <item>The cache holds no secret, only that fast hash; secrets are at least 32 random characters (checked on start),
/// far beyond brute force even of a fast hash, which is what PBKDF2 protects weak secrets against.</item>
/// <item>Entries expire after a bounded lifetime and the cache holds at most <see cref="MaxEntries"/> of them.</item>
/// </list>
/// </remarks>
internal sealed class CachingApplicationManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> coreOptions,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store,
    VerifiedSecretCache verified,
    ClientSecretHashing hashing)
    : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, coreOptions, store)
{
    public const int MaxEntries = 1024;

    protected override async ValueTask<bool> ValidateClientSecretAsync(string secret, string comparand, CancellationToken cancellationToken = default)
    {
        if (!verified.Enabled)
        {
            return await FullCheckAsync(secret, comparand, cancellationToken);
        }

        var key = VerifiedSecretCache.Key(secret, comparand);
        if (verified.Contains(key))
        {
            return true;
        }

        var valid = await FullCheckAsync(secret, comparand, cancellationToken);
        if (valid)
        {
            verified.Add(key);
        }

        return valid;
    }

    /// <summary>
    /// For a client id that is not registered: the same check a registered confidential client's secret goes through
    /// (the public <c>ValidateClientSecretAsync</c>, the cache lookup, PBKDF2 with the same parameters), against a
    /// stand-in hash made once per process, so an unknown client id costs what a wrong secret does. It never passes:
    /// the stand-in's secret is random and thrown away.
    /// </summary>
    public async ValueTask CheckUnknownClientSecretAsync(string secret, CancellationToken cancellationToken)
    {
        var standIn = hashing.StandInHash ??= await ObfuscateClientSecretAsync(Convert.ToBase64String(RandomNumberGenerator.GetBytes(33)), cancellationToken);
        var application = new OpenIddictEntityFrameworkCoreApplication
        {
            ClientId = "unregistered",
            ClientType = OpenIddictConstants.ClientTypes.Confidential,
            ClientSecret = standIn,
        };
        await ValidateClientSecretAsync(application, secret, cancellationToken);
    }

    private ValueTask<bool> FullCheckAsync(string secret, string comparand, CancellationToken cancellationToken)
    {
        hashing.Count();
        return base.ValidateClientSecretAsync(secret, comparand, cancellationToken);
    }
}

/// <summary>
/// How many full client-secret checks (PBKDF2) this process has run, and the stand-in hash unknown client ids are
/// checked against (<see cref="CachingApplicationManager.CheckUnknownClientSecretAsync"/>). The count is what shows,
/// without a stopwatch, that an unknown client costs the same as a wrong secret.
/// </summary>
internal sealed class ClientSecretHashing
{
    private long _checks;

    public long Checks => Interlocked.Read(ref _checks);

    public string? StandInHash { get; set; }

    public void Count() => Interlocked.Increment(ref _checks);
}

/// <summary>The remembered successes of <see cref="CachingApplicationManager"/>: one per process, bounded.</summary>
internal sealed class VerifiedSecretCache(IOptions<HubIdentityOptions> options, TimeProvider time) : IDisposable
{
    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = CachingApplicationManager.MaxEntries, Clock = new TimeProviderClock(time) });

    public bool Enabled => options.Value.ClientSecretCacheLifetime > TimeSpan.Zero;

    public static string Key(string secret, string comparand)
    {
        var comparandBytes = Encoding.UTF8.GetBytes(comparand);
        var secretBytes = Encoding.UTF8.GetBytes(secret);
        var input = new byte[comparandBytes.Length + 1 + secretBytes.Length];
        comparandBytes.CopyTo(input, 0);
        secretBytes.CopyTo(input, comparandBytes.Length + 1);
        return Convert.ToHexString(SHA256.HashData(input));
    }

    public bool Contains(string key) => _entries.TryGetValue(key, out _);

    public void Add(string key) =>
        _entries.Set(key, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.Value.ClientSecretCacheLifetime });

    public void Dispose() => _entries.Dispose();
}
