using Lgsp.Hub.StatusSync.Outbox;

namespace Lgsp.Hub.Tests.StatusSync.Outbox;

public sealed class RetryBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(6, 64)]
    [InlineData(9, 512)]
    [InlineData(10, 600)]
    [InlineData(1000, 600)]
    public void Delay_WithoutJitter_DoublesFromTheBaseUpToTheMaximum(int attempts, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryBackoff.Delay(attempts, Base, Max, jitter: 0, random: 0.7));
    }

    [Theory]
    [InlineData(0.0, 8.0)]
    [InlineData(0.5, 7.6)]
    [InlineData(1.0, 7.2)]
    public void Delay_WithJitter_ShortensByAtMostTheJitterShare(double random, double seconds)
    {
        Assert.Equal(seconds, RetryBackoff.Delay(3, Base, Max, jitter: 0.1, random).TotalSeconds, precision: 6);
    }

    [Fact]
    public void Delay_NoAttemptYet_IsAnError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryBackoff.Delay(0, Base, Max, 0, 0));
    }
}
