using System.Net;
using System.Net.Http.Headers;
using Lgsp.Adapters.Sdk.Resilience;
using Polly;
using Polly.Timeout;

namespace Lgsp.Adapters.Sdk.Http;

/// <summary>How HTTP answers read to the standard pipeline.</summary>
internal static class HttpOutcomes
{
    public static UpstreamOutcomes<HttpResponseMessage> Create(TimeProvider time) => new(
        IsTransient: o => o.Exception is not null ? IsTransientException(o.Exception) : IsTransientStatus(o.Result!.StatusCode),
        // 429 is the upstream pacing us, not failing: it must not open the circuit for everyone.
        IsFailure: o => o.Exception is not null ? IsTransientException(o.Exception) : IsTransientStatus(o.Result!.StatusCode) && o.Result.StatusCode != HttpStatusCode.TooManyRequests,
        RetryAfter: o => o.Result is { } response ? RetryAfter(response.Headers.RetryAfter, time) : null,
        IsIdempotent: context => UpstreamRequest.IsIdempotent(context.GetRequestMessage()),
        // A 429 is the gateway refusing the request before anything behind it ran (RFC 6585): repeating a POST that
        // creates something is then as safe as repeating a read. Any other failure may have happened after the work.
        NotProcessed: o => o.Result?.StatusCode == HttpStatusCode.TooManyRequests);

    public static bool IsTransientStatus(HttpStatusCode status) => (int)status switch
    {
        408 or 429 => true,
        501 or 505 => false,
        >= 500 => true,
        _ => false,
    };

    private static bool IsTransientException(Exception exception) =>
        exception is HttpRequestException or TimeoutRejectedException or HttpIOException;

    /// <summary><c>Retry-After</c> as a delay: seconds, or an HTTP date measured against the hub's clock.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, TimeProvider time) => header switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
