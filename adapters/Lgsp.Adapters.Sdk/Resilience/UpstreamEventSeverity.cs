using Microsoft.Extensions.Options;
using Polly.Telemetry;

namespace Lgsp.Adapters.Sdk.Resilience;

/// <summary>
/// Polly logs a call the concurrency limiter turns away at Error, one line per request. Under overload that is a
/// flood of errors about the hub protecting itself as designed, on top of the gateway's own warning per failed
/// exchange and the <c>lgsp.upstream.faults</c> counter: such rejections are logged at Information instead. Every
/// other event keeps Polly's severity (a breaker opening stays an error).
/// </summary>
internal sealed class UpstreamEventSeverity : IConfigureOptions<TelemetryOptions>
{
    public const string RateLimiterRejected = "OnRateLimiterRejected";

    public void Configure(TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var inner = options.SeverityProvider;
        options.SeverityProvider = args => args.Event.EventName == RateLimiterRejected
            ? ResilienceEventSeverity.Information
            : inner?.Invoke(args) ?? args.Event.Severity;
    }
}
