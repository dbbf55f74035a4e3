using System.Threading.RateLimiting;

namespace Lgsp.Hub.Gateway.Limits;

/// <summary>
/// A token bucket on the hub's <see cref="TimeProvider"/>: <c>permitsPerSecond</c> tokens a second, at most <c>burst</c>
/// kept, one token per call, no queue. <see cref="TokenBucketRateLimiter"/> reads the stopwatch and cannot be given a
/// clock, so tests could not move its time; this one is the same arithmetic, refilled from the elapsed time when asked.
/// It lives inside a <see cref="PartitionedRateLimiter{TResource}"/> (<see cref="ClientLimits"/>), which disposes it once
/// it has been full (idle) for a while.
/// </summary>
internal sealed class ClockedTokenBucket(int permitsPerSecond, int burst, TimeProvider time) : RateLimiter
{
    private readonly Lock _lock = new();
    private double _tokens = burst;
    private long _refilledAt = time.GetTimestamp();
    private long? _fullSince = time.GetTimestamp();
    private long _granted;
    private long _refused;

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                Refill();
                return _fullSince is { } since ? time.GetElapsedTime(since) : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            Refill();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = (long)_tokens,
                TotalSuccessfulLeases = _granted,
                TotalFailedLeases = _refused,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_lock)
        {
            Refill();
            if (permitCount == 0)
            {
                return _tokens >= 1 ? Lease.Granted : Lease.Refused(RetryAfter(1));
            }

            if (_tokens >= permitCount)
            {
                _tokens -= permitCount;
                _fullSince = null;
                _granted++;
                return Lease.Granted;
            }

            _refused++;
            return Lease.Refused(RetryAfter(permitCount));
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private TimeSpan RetryAfter(int permitCount) => TimeSpan.FromSeconds(Math.Max(permitCount - _tokens, 0) / permitsPerSecond);

    private void Refill()
    {
        var now = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(_refilledAt, now);
        _refilledAt = now;
        if (_tokens >= burst)
        {
            return;
        }

        _tokens = Math.Min(burst, _tokens + (elapsed.TotalSeconds * permitsPerSecond));
        if (_tokens >= burst)
        {
            _fullSince = now;
        }
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public static Lease Refused(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } after && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = after;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
