using System.Globalization;
using Google.Protobuf;
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
            // An unreadable answer is not worth asking for again, whatever status the client wraps it in; nor is an
            // attempt a handler under the channel ended with the catalogue's verdict (a redirect).
            RpcException rpc when IsUnreadableMessage(rpc) || rpc.Status.DebugException is Lgsp.Core.Errors.LgspException => false,
            RpcException rpc => rpc.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted,
            TimeoutRejectedException or HttpRequestException => true,
            _ => false,
        },
        // ResourceExhausted is the upstream pacing us, not failing: it must not open the circuit for everyone.
        IsFailure: o => o.Exception switch
        {
            // As over HTTP, where a 200 with an unreadable body never reaches the breaker.
            RpcException rpc when IsUnreadableMessage(rpc) || rpc.Status.DebugException is Lgsp.Core.Errors.LgspException => false,
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

    /// <summary>
    /// Whether the client could not read the upstream's message. Grpc.Net.Client reports a unary response it cannot
    /// parse as <c>Unavailable</c> ("Error starting gRPC call") with the protobuf exception as
    /// <see cref="Status.DebugException"/>, and other failures to deserialize as <c>Internal</c> with this detail.
    /// </summary>
    public static bool IsUnreadableMessage(RpcException exception)
    {
        for (var cause = exception.Status.DebugException; cause is not null; cause = cause.InnerException)
        {
            if (cause is InvalidProtocolBufferException)
            {
                return true;
            }
        }

        // A message above the channel's MaxReceiveMessageSize is refused unread, as ResourceExhausted: not a quota.
        return (exception.StatusCode == StatusCode.Internal && exception.Status.Detail.Contains("deserialize", StringComparison.OrdinalIgnoreCase))
            || (exception.StatusCode == StatusCode.ResourceExhausted && exception.Status.Detail.Contains("exceeds the maximum", StringComparison.OrdinalIgnoreCase));
    }
}
