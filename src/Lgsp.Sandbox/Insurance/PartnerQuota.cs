using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Lgsp.Sandbox.Insurance;

/// <summary>
/// The partner's quota as a token bucket (per partner code): <c>Burst</c> tokens at most, refilled at
/// <c>RequestsPerSecond</c>; a request takes one. An empty bucket answers with how long until the next token,
/// rounded up to whole seconds for <c>Retry-After</c>.
/// </summary>
internal sealed class PartnerQuota(IOptions<InsuranceStandInOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public bool TryTake(string partnerCode, out int retryAfterSeconds)
    {
        var settings = options.Value;
        var bucket = _buckets.GetOrAdd(partnerCode, _ => new Bucket(settings.Burst, time.GetTimestamp()));
        lock (bucket)
        {
            var now = time.GetTimestamp();
            bucket.Tokens = Math.Min(settings.Burst, bucket.Tokens + (time.GetElapsedTime(bucket.Stamp, now).TotalSeconds * settings.RequestsPerSecond));
            bucket.Stamp = now;
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                retryAfterSeconds = 0;
                return true;
            }

            retryAfterSeconds = Math.Max(1, (int)Math.Ceiling((1 - bucket.Tokens) / settings.RequestsPerSecond));
            return false;
        }
    }

    private sealed class Bucket(double tokens, long stamp)
    {
        public double Tokens { get; set; } = tokens;

        public long Stamp { get; set; } = stamp;
    }
}
