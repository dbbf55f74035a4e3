namespace Lgsp.Adapters.Sdk.Auth;

/// <summary>A bearer token and when it stops being valid (by the hub's clock, from <c>expires_in</c>).</summary>
public sealed record AccessToken(string Value, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>Renew a little before expiry (a tenth of the lifetime, at most a minute), so no call carries a dying token.</summary>
    public DateTimeOffset RefreshAt => ExpiresAt - TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, (ExpiresAt - IssuedAt).Ticks / 10));

    public override string ToString() => $"AccessToken(expires {ExpiresAt:O})"; // never the value
}

/// <summary>
/// One upstream token shared by every call: fetched on first use, renewed before it expires or when the upstream
/// refuses it, and fetched by one caller at a time (single flight): fifty concurrent calls wait for one fetch.
/// </summary>
public sealed class AccessTokenCache(Func<CancellationToken, Task<AccessToken>> fetch, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _current;

    /// <summary>A token valid now, fetching one if needed.</summary>
    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh(Volatile.Read(ref _current)) is { } token)
        {
            return token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Someone may have fetched while this caller waited.
            if (Fresh(_current) is { } fetched)
            {
                return fetched;
            }

            var fresh = await fetch(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, fresh);
            return fresh.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The upstream refused <paramref name="refused"/>: forget it, unless another caller already replaced it (then
    /// the replacement is kept, so a burst of refusals costs one fetch).
    /// </summary>
    public void Invalidate(string refused)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && string.Equals(current.Value, refused, StringComparison.Ordinal))
        {
            Interlocked.CompareExchange(ref _current, null, current);
        }
    }

    public void Dispose() => _gate.Dispose();

    private string? Fresh(AccessToken? token) => token is not null && time.GetUtcNow() < token.RefreshAt ? token.Value : null;
}
