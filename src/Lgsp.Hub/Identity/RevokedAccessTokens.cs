using System.Collections.Concurrent;
using Lgsp.Hub.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.Identity;

/// <summary>
/// The revocation list: the access tokens revoked before their expiry, by their <c>jti</c>. Every instance keeps it in
/// memory, so the APIs check a token against it without a database read; the shared store
/// (<c>revoked_access_tokens</c>) carries it to the other instances, which load it every
/// <see cref="HubIdentityOptions.RevocationRefreshInterval"/> (<see cref="RevokedAccessTokensRefresher"/>). The instance
/// that revoked knows at once.
/// </summary>
/// <remarks>
/// Access tokens are issued without a row (<see cref="ClientCredentialsAccessTokens"/>, bench/README.md), so the list
/// holds only what was revoked, and only until the token would have expired anyway: an entry is dropped, in memory and
/// in the store, once its token's expiry plus the validation's clock skew has passed. Entries are only ever added
/// while valid, so a refresh merges the store into the memory set: a revocation made here while a refresh read the
/// store is never lost.
/// </remarks>
internal sealed partial class RevokedAccessTokens(IDbContextFactory<HubDbContext> contexts, TimeProvider time, ILogger<RevokedAccessTokens> logger)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private TaskCompletionSource _nextRefresh = NewRefresh();

    /// <summary>How many revoked tokens this instance knows of.</summary>
    public int Count => _revoked.Count;

    /// <summary>Completes when the next refresh from the store has been applied (for tests and diagnostics).</summary>
    public Task NextRefresh => Volatile.Read(ref _nextRefresh).Task;

    /// <summary>True when the access token with this <c>jti</c> was revoked (an in-memory lookup).</summary>
    public bool IsRevoked(string? tokenId) => tokenId is not null && _revoked.ContainsKey(tokenId);

    /// <summary>Revokes an access token until <paramref name="expiresAt"/>: in the store for every instance, here at once.</summary>
    public async Task RevokeAsync(string tokenId, string? clientId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        var entry = new RevokedAccessToken
        {
            TokenId = tokenId,
            ClientId = clientId,
            ExpiresAt = expiresAt.ToUniversalTime(),
            RevokedAt = time.GetUtcNow(),
        };
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.RevokedAccessTokens.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Revoked at the same time at another instance (whose list did not have it yet): already done.
            if (!await ExistsAsync(tokenId, cancellationToken))
            {
                throw;
            }
        }

        _revoked[tokenId] = entry.ExpiresAt;
        Revoked(logger, clientId ?? "-", entry.ExpiresAt);
    }

    /// <summary>
    /// Loads the store's list into memory, drops the entries whose tokens have expired (and deletes them from the
    /// store when it still has some), then completes <see cref="NextRefresh"/>.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        // One refresh at a time (the schedule's and an explicit one), each judging expiry by the clock when it starts.
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            await RefreshOnceAsync(cancellationToken);
        }
        finally
        {
            _refreshing.Release();
        }

        Interlocked.Exchange(ref _nextRefresh, NewRefresh()).TrySetResult();
    }

    private async Task RefreshOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expired = new List<string>();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // The list is small (revocations of the last AccessTokenLifetime): read it whole, compare in memory.
            var rows = await db.RevokedAccessTokens.AsNoTracking()
                .Select(r => new { r.TokenId, r.ExpiresAt })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                if (IsOver(row.ExpiresAt, now))
                {
                    expired.Add(row.TokenId);
                }
                else
                {
                    _revoked.TryAdd(row.TokenId, row.ExpiresAt);
                }
            }

            foreach (var (tokenId, expiresAt) in _revoked)
            {
                if (IsOver(expiresAt, now))
                {
                    _revoked.TryRemove(tokenId, out _);
                }
            }

            // A delete only when there is something to delete: instances do not write on every refresh.
            foreach (var chunk in expired.Chunk(500))
            {
                await db.RevokedAccessTokens.Where(r => chunk.Contains(r.TokenId)).ExecuteDeleteAsync(cancellationToken);
            }
        }

        if (expired.Count > 0)
        {
            Purged(logger, expired.Count);
        }
    }

    /// <summary>The APIs accept a token up to the clock skew past its expiry; after that nobody would.</summary>
    private static bool IsOver(DateTimeOffset expiresAt, DateTimeOffset now) =>
        expiresAt + HubIdentityOptions.TokenClockSkew < now;

    private async Task<bool> ExistsAsync(string tokenId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RevokedAccessTokens.AnyAsync(r => r.TokenId == tokenId, cancellationToken);
    }

    private static TaskCompletionSource NewRefresh() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(EventId = 5500, Level = LogLevel.Information, Message = "Access token of client {ClientId} revoked until {ExpiresAt:o}")]
    private static partial void Revoked(ILogger logger, string clientId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 5501, Level = LogLevel.Debug, Message = "{Count} expired entries purged from the access-token revocation list")]
    private static partial void Purged(ILogger logger, int count);
}

/// <summary>A row of <c>revoked_access_tokens</c>: an access token revoked before its expiry.</summary>
internal sealed class RevokedAccessToken
{
    /// <summary>The token's <c>jti</c> (every access token the hub issues has a random one).</summary>
    public required string TokenId { get; set; }

    /// <summary>The client the token was issued to (for the operators; never personal data).</summary>
    public string? ClientId { get; set; }

    /// <summary>The token's own expiry: the entry is purged after it.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset RevokedAt { get; set; }
}

internal static class RevokedAccessTokenModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RevokedAccessToken>(e =>
        {
            e.ToTable("revoked_access_tokens");
            e.HasKey(x => x.TokenId).HasName("pk_revoked_access_tokens");
            e.Property(x => x.TokenId).HasColumnName("token_id").HasMaxLength(100);
            e.Property(x => x.ClientId).HasColumnName("client_id").HasMaxLength(100);
            e.Property(x => x.ExpiresAt).HasColumnName("expires_at");
            e.Property(x => x.RevokedAt).HasColumnName("revoked_at");
        });
    }
}
