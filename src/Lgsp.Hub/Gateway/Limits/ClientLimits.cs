using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.RateLimiting;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Core.Errors;
using Lgsp.Core.Time;
using Lgsp.Hub.Gateway.AccessRights;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Gateway.Limits;

/// <summary>
/// A client's limits on one source, checked right after its right to the source (step 3 of an exchange): first the
/// rate (a token bucket per client and source on this instance), then the daily quota (counted by every instance
/// together, <see cref="DailyQuotaCounter"/>). Between the two, its fair share of the source's concurrency: at most
/// <see cref="GatewayOptions.ClientShareOfSourceConcurrency"/> per cent of the adapter's <c>Concurrency:PermitLimit</c>
/// exchanges of one client in flight on one source, so that a client at its limit cannot take every slot from the others.
/// A call over any is refused with 429 <c>client.rate_limited</c>, a <c>Retry-After</c> header and a detail naming the
/// limit, and counted in the meter <c>Lgsp.Gateway.Limits</c>.
/// The limits come from the grant in force, so an operator's change applies to the next call: the bucket's partition
/// key holds the settings, and a changed setting starts a new (full) bucket.
/// </summary>
internal sealed class ClientLimits : IDisposable
{
    public const string MeterName = "Lgsp.Gateway.Limits";
    public const string RateLimit = "rate";
    public const string DailyQuotaLimit = "daily_quota";
    public const string ConcurrencyLimit = "concurrency";

    private readonly PartitionedRateLimiter<BucketKey> _buckets;
    private readonly PartitionedRateLimiter<ShareKey> _shares;
    private readonly IOptionsMonitor<UpstreamOptions> _upstreams;
    private readonly int _sharePercent;
    private readonly DailyQuotaCounter _quotas;
    private readonly ClientLimitRefusals _refusals;
    private readonly TimeProvider _time;
    private readonly Meter _meter;
    private readonly Counter<long> _refused;

    public ClientLimits(DailyQuotaCounter quotas, ClientLimitRefusals refusals, TimeProvider time, IMeterFactory meters, IOptionsMonitor<UpstreamOptions> upstreams, IOptions<GatewayOptions> options)
    {
        _quotas = quotas;
        _refusals = refusals;
        _time = time;
        _upstreams = upstreams;
        _sharePercent = options.Value.ClientShareOfSourceConcurrency;
        _buckets = PartitionedRateLimiter.Create<BucketKey, BucketKey>(key => RateLimitPartition.Get(key, k => new ClockedTokenBucket(k.PermitsPerSecond, k.Burst, time)));

        // No queue: a client over its share is told so at once rather than waiting in front of the others.
        _shares = PartitionedRateLimiter.Create<ShareKey, ShareKey>(key => RateLimitPartition.GetConcurrencyLimiter(key, k => new ConcurrencyLimiterOptions { PermitLimit = k.Slots, QueueLimit = 0 }));
        _meter = meters.Create(MeterName);
        _refused = _meter.CreateCounter<long>("lgsp.gateway.client_limit.refused", unit: "{call}",
            description: "Lookups refused by a client's limit, by client, source and limit (rate | concurrency | daily_quota).");
    }

    /// <summary>
    /// Admits one call of <paramref name="grant"/>'s client to its source, or names the refusal without throwing it (a
    /// refusal is an ordinary answer here, and the path an overloaded hub takes most). The lease returned is the call's
    /// slot in the client's share of the source: dispose it when the exchange is done.
    /// </summary>
    /// <returns>The lease, or <c>client.rate_limited</c> (429) naming the limit hit; <c>Retry-After</c> is then set on the response.</returns>
    public async ValueTask<(IDisposable? Share, LgspException? Refusal)> AdmitAsync(HttpContext http, ServiceGrant grant)
    {
        if (grant.RateLimit is { } rate)
        {
            var burst = rate.Burst ?? rate.PermitsPerSecond;
            using var lease = _buckets.AttemptAcquire(new BucketKey(grant.ClientId, grant.Source, rate.PermitsPerSecond, burst));
            if (!lease.IsAcquired)
            {
                var after = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                return (null, await RefuseAsync(http, grant, RateLimit, after, new(
                    $"Client '{grant.ClientId}' đã vượt giới hạn tốc độ {rate.PermitsPerSecond} yêu cầu/giây (tối đa {burst} yêu cầu dồn) với nguồn '{grant.Source}'.",
                    $"The client '{grant.ClientId}' is over its rate limit of {rate.PermitsPerSecond} requests per second (burst {burst}) on the '{grant.Source}' source.")));
            }
        }

        var sourceSlots = _upstreams.Get(grant.Source).Concurrency.PermitLimit;
        var slots = Math.Max(1, sourceSlots * _sharePercent / 100);
        var share = _shares.AttemptAcquire(new ShareKey(grant.ClientId, grant.Source, slots));
        if (!share.IsAcquired)
        {
            share.Dispose();
            return (null, await RefuseAsync(http, grant, ConcurrencyLimit, TimeSpan.FromSeconds(1), new(
                $"Client '{grant.ClientId}' đang có {slots} yêu cầu chưa xong với nguồn '{grant.Source}', tối đa phần của mình ({_sharePercent}% trong {sourceSlots} kết nối đồng thời của nguồn).",
                $"The client '{grant.ClientId}' already has {slots} calls in flight on the '{grant.Source}' source, its share ({_sharePercent}% of the source's {sourceSlots} concurrent calls).")));
        }

        return (share, null);
    }

    /// <summary>
    /// Counts one call of <paramref name="grant"/>'s client against its daily quota on the source, or names the refusal
    /// (not thrown). Called once the exchange is admissible (inputs, purpose and subject checked), just before the
    /// source is called: a refused input writes nothing, not even a count.
    /// </summary>
    /// <returns>Null, or <c>client.rate_limited</c> (429) with <c>Retry-After</c> until 00:00 Vietnam time set on the response.</returns>
    public async ValueTask<LgspException?> CountDailyQuotaAsync(HttpContext http, ServiceGrant grant, CancellationToken ct)
    {
        if (grant.DailyQuota is not { } quota)
        {
            return null;
        }

        var day = VietnamTime.Today(_time);
        if (await _quotas.TryCountAsync(grant.ClientId, grant.Source, day, quota, ct))
        {
            return null;
        }

        var midnight = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), VietnamTime.Offset);
        return await RefuseAsync(http, grant, DailyQuotaLimit, midnight - _time.GetUtcNow(), new(
            $"Client '{grant.ClientId}' đã dùng hết hạn mức {quota} yêu cầu trong ngày {day:dd/MM/yyyy} với nguồn '{grant.Source}'; hạn mức mới từ 00:00 ngày mai (giờ Việt Nam).",
            $"The client '{grant.ClientId}' has used its daily quota of {quota} requests on the '{grant.Source}' source for {day:yyyy-MM-dd}; it renews at 00:00 Vietnam time."));
    }

    public void Dispose()
    {
        _buckets.Dispose();
        _shares.Dispose();
        _meter.Dispose();
    }

    private async ValueTask<LgspException> RefuseAsync(HttpContext http, ServiceGrant grant, string limit, TimeSpan retryAfter, LocalizedText detail)
    {
        _refused.Add(1, new("client_id", grant.ClientId), new("source", grant.Source), new("limit", limit));
        await _refusals.CountAsync(grant.ClientId, grant.Source, VietnamTime.Today(_time), limit, CancellationToken.None);

        // Whole seconds, rounded up, at least one (RFC 9110 delay-seconds).
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return new LgspException(ErrorCatalogue.RateLimited, detail);
    }

    private readonly record struct BucketKey(string ClientId, string Source, int PermitsPerSecond, int Burst);

    private readonly record struct ShareKey(string ClientId, string Source, int Slots);
}
