using System.Globalization;
using Grpc.Core;
using Lgsp.Adapters.Sdk.Resilience;
using Polly;
using Polly.Timeout;

namespace Lgsp.Adapters.Sdk.Grpc;

/// <summary>
/// How gRPC outcomes read to the standard pipeline. A gRPC failure is a status in the trailers (the HTTP status is
/// 200), so it is read from the <see cref="RpcException"/> the call ends with, never from an HTTP handler.
/// </summary>
internal static class GrpcOutcomes
{
    /// <summary>Set per call by the interceptor: may this method be sent again?</summary>
    public static readonly ResiliencePropertyKey<bool> IdempotentKey = new("Lgsp.Idempotent");

    /// <summary>gRPC's standard server pushback (A6), in milliseconds.</summary>
    public const string PushbackTrailer = "grpc-retry-pushback-ms";

    /// <summary>The HTTP-style hint some servers (and the sandbox) send, in seconds.</summary>
    public const string RetryAfterTrailer = "retry-after";

    public static UpstreamOutcomes<object> Create() => new(
        IsTransient: o => o.Exception switch
        {
            RpcException rpc => rpc.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted,
            TimeoutRejectedException or HttpRequestException => true,
            _ => false,
        },
        // ResourceExhausted is the upstream pacing us, not failing: it must not open the circuit for everyone.
        IsFailure: o => o.Exception switch
        {
            RpcException rpc => rpc.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown or StatusCode.DataLoss,
            TimeoutRejectedException or HttpRequestException => true,
            _ => false,
        },
        RetryAfter: o => o.Exception is RpcException rpc ? RetryAfter(rpc) : null,
        IsIdempotent: context => context.Properties.GetValue(IdempotentKey, false));

    public static TimeSpan? RetryAfter(RpcException exception)
    {
        var trailers = exception.Trailers;
        if (trailers.GetValue(PushbackTrailer) is { } ms && long.TryParse(ms, NumberStyles.None, CultureInfo.InvariantCulture, out var millis))
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        if (trailers.GetValue(RetryAfterTrailer) is { } s && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return null;
    }

    /// <summary>Grpc.Net.Client reports a response it cannot deserialize as <c>Internal</c> with this detail.</summary>
    public static bool IsUnreadableMessage(RpcException exception) =>
        exception.StatusCode == StatusCode.Internal
        && exception.Status.Detail.Contains("deserialize", StringComparison.OrdinalIgnoreCase);
}
