namespace Lgsp.Hub.StatusSync.Outbox;

/// <summary>
/// Exponential backoff: <c>base × 2^(attempts−1)</c>, capped at the maximum, minus up to <c>jitter</c> of itself
/// at random so that many dossiers failing together (the portal is down) do not retry in lockstep.
/// </summary>
internal static class RetryBackoff
{
    public static TimeSpan Delay(int attempts, TimeSpan baseDelay, TimeSpan maxDelay, double jitter, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var exponent = Math.Min(attempts - 1, 40);
        var ticks = Math.Min(baseDelay.Ticks * Math.Pow(2, exponent), maxDelay.Ticks);
        return TimeSpan.FromTicks((long)(ticks * (1 - (jitter * Math.Clamp(random, 0, 1)))));
    }
}
