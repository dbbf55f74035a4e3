using Lgsp.Adapters.Sdk.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Lgsp.Adapters.Sdk.Tests.Auth;

public sealed class AccessTokenCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero));
    private int _fetches;

    [Fact]
    public async Task GetAsync_ManyConcurrentCallers_FetchOnce()
    {
        var release = new TaskCompletionSource();
        using var cache = new AccessTokenCache(async _ =>
        {
            await release.Task;
            return Token(TimeSpan.FromHours(1));
        }, _time);

        var callers = Enumerable.Range(0, 50).Select(_ => cache.GetAsync(CancellationToken.None).AsTask()).ToList();
        release.SetResult();
        var tokens = await Task.WhenAll(callers);

        Assert.Equal(1, _fetches);
        Assert.All(tokens, t => Assert.Equal("token-1", t));
    }

    [Fact]
    public async Task GetAsync_NearExpiry_RenewsBeforeItExpires()
    {
        using var cache = new AccessTokenCache(_ => Task.FromResult(Token(TimeSpan.FromSeconds(100))), _time);
        Assert.Equal("token-1", await cache.GetAsync(CancellationToken.None));

        _time.Advance(TimeSpan.FromSeconds(89));
        Assert.Equal("token-1", await cache.GetAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(2)); // 9 s left: inside the last tenth of the lifetime
        Assert.Equal("token-2", await cache.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Invalidate_RefusedToken_FetchesOnceForABurst()
    {
        using var cache = new AccessTokenCache(_ => Task.FromResult(Token(TimeSpan.FromHours(1))), _time);
        var refused = await cache.GetAsync(CancellationToken.None);

        cache.Invalidate(refused);
        var renewed = await cache.GetAsync(CancellationToken.None);
        cache.Invalidate(refused); // a late refusal of the old token must not drop the new one

        Assert.Equal("token-2", renewed);
        Assert.Equal("token-2", await cache.GetAsync(CancellationToken.None));
        Assert.Equal(2, _fetches);
    }

    [Fact]
    public void AccessToken_ToString_NeverShowsTheValue()
    {
        var token = new AccessToken("secret-value", _time.GetUtcNow(), _time.GetUtcNow().AddHours(1));

        Assert.DoesNotContain("secret-value", token.ToString(), StringComparison.Ordinal);
    }

    private AccessToken Token(TimeSpan lifetime)
    {
        var n = Interlocked.Increment(ref _fetches);
        return new AccessToken($"token-{n}", _time.GetUtcNow(), _time.GetUtcNow() + lifetime);
    }
}
