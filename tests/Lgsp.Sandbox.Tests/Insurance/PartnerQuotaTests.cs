using Lgsp.Sandbox.Insurance;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lgsp.Sandbox.Tests.Insurance;

/// <summary>The BHXH partner quota's token bucket on a fake clock: burst, refill, Retry-After, partners apart.</summary>
public sealed class PartnerQuotaTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryTake_Burst_IsAllowedThenRefusedWithTheWaitForOneToken()
    {
        var quota = Quota(requestsPerSecond: 2, burst: 3);

        Assert.All(Enumerable.Range(0, 3), _ => Assert.True(quota.TryTake("P", out _)));
        Assert.False(quota.TryTake("P", out var retryAfter));

        Assert.Equal(1, retryAfter); // half a second to the next token, rounded up to whole seconds
    }

    [Fact]
    public void TryTake_AfterTheRefillTime_IsAllowedAgainButNeverBeyondTheBurst()
    {
        var quota = Quota(requestsPerSecond: 2, burst: 3);
        Assert.All(Enumerable.Range(0, 3), _ => Assert.True(quota.TryTake("P", out _)));

        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(quota.TryTake("P", out _));
        Assert.False(quota.TryTake("P", out _));

        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.All(Enumerable.Range(0, 3), _ => Assert.True(quota.TryTake("P", out _)));
        Assert.False(quota.TryTake("P", out _));
    }

    [Fact]
    public void TryTake_SlowQuota_RetryAfterIsTheWholeWait()
    {
        var quota = Quota(requestsPerSecond: 0.02, burst: 1);
        Assert.True(quota.TryTake("P", out _));

        Assert.False(quota.TryTake("P", out var retryAfter));

        Assert.Equal(50, retryAfter);
    }

    [Fact]
    public void TryTake_TwoPartners_HaveTheirOwnBuckets()
    {
        var quota = Quota(requestsPerSecond: 1, burst: 1);

        Assert.True(quota.TryTake("A", out _));
        Assert.False(quota.TryTake("A", out _));
        Assert.True(quota.TryTake("B", out _));
    }

    private PartnerQuota Quota(double requestsPerSecond, int burst) =>
        new(Options.Create(new InsuranceStandInOptions { RequestsPerSecond = requestsPerSecond, Burst = burst }), _time);
}
