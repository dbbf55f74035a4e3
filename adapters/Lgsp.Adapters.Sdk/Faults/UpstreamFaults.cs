using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml;
using Grpc.Core;
using Lgsp.Adapters.Sdk.Grpc;
using Lgsp.Adapters.Sdk.Http;
using Lgsp.Core.Errors;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;
using Refit;

namespace Lgsp.Adapters.Sdk.Faults;

/// <summary>
/// Turns what an upstream system answered (or failed to answer) into the catalogue's
/// <c>upstream.&lt;source&gt;.*</c> errors, so every adapter reports faults the same way and the caller
/// always sees <c>faultOrigin=upstream</c> for a fault that is not theirs or the hub's. The hub's own refusals
/// (its concurrency limiter, a source switched off) are <c>faultOrigin=hub</c>; the caller's own cancellation is
/// never translated and stays an <see cref="OperationCanceledException"/>.
/// </summary>
public static class UpstreamFaults
{
    private static readonly LocalizedText Unreadable = new("Không đọc được câu trả lời của hệ thống nguồn.", "The upstream's answer could not be read.");

    /// <summary>
    /// The catalogue error for an exception out of an upstream call (an <see cref="LgspException"/> raised inside the
    /// client, e.g. by a handler, is unwrapped and returned as is). False when the exception must propagate as it
    /// is: the caller cancelled, or it is a bug of ours (reported as <c>hub.internal</c>). Use as
    /// <c>catch (Exception ex) when (UpstreamFaults.TryTranslate(Source, ex, ct, out var fault)) { throw fault; }</c>.
    /// </summary>
    public static bool TryTranslate(string source, Exception exception, CancellationToken callerToken, [NotNullWhen(true)] out LgspException? fault)
    {
        ArgumentNullException.ThrowIfNull(exception);
        fault = null;
        if (callerToken.IsCancellationRequested && IsCancellation(exception))
        {
            return false;
        }

        fault = Classify(source, exception, out var translated);
        if (translated)
        {
            UpstreamTelemetry.Fault(source, fault!.Error);
        }

        return fault is not null;
    }

    /// <summary>
    /// The catalogue code of a failed attempt's exception, for the operators' health figures: what a caller would be
    /// told (<c>upstream.business.timeout</c>), or <c>hub.internal</c> for anything unforeseen. Not counted as a fault:
    /// the call's own translation counts it.
    /// </summary>
    internal static string CodeOf(string source, Exception exception) =>
        Classify(source, exception, out _)?.Error.Code ?? ErrorCatalogue.Internal.Code;

    /// <summary>The catalogue code of an answer the pipeline counts as failed (an HTTP status), <c>unavailable</c> otherwise.</summary>
    internal static string CodeOf(string source, object? answer) =>
        (answer is HttpResponseMessage response ? ForStatus(source, response.StatusCode) : null)?.Code ?? UpstreamErrors.For(source).Unavailable.Code;

    private static LgspException? Classify(string source, Exception exception, out bool translated)
    {
        translated = false;
        // Refit wraps whatever happened while sending or reading (a handler's LgspException included), and gRPC a
        // handler's failure under its channel; the cause is inside.
        while (Cause(exception) is { } cause)
        {
            exception = cause;
        }

        if (exception is LgspException known)
        {
            return known;
        }

        var fault = Translate(source, exception);
        translated = fault is not null;
        return fault;
    }

    /// <summary>The error for an HTTP status the upstream returned; null for a success status.</summary>
    public static ErrorDescriptor? ForStatus(string source, HttpStatusCode status)
    {
        var errors = UpstreamErrors.For(source);
        var code = (int)status;
        return code switch
        {
            < 400 => null,
            401 or 403 => errors.Unauthorized,
            404 or 410 => errors.NotFound,
            408 or 504 => errors.Timeout,
            429 => errors.RateLimited,
            502 or 503 => errors.Unavailable,
            >= 500 => errors.Unavailable,
            // Any other 4xx means the upstream refused what the hub sent; the caller's input was already validated.
            _ => errors.Rejected,
        };
    }

    /// <summary>The exception an adapter throws for a failed upstream call, with the upstream's status as detail.</summary>
    public static LgspException FromStatus(string source, HttpStatusCode status, TimeSpan? retryAfter = null, Exception? inner = null)
    {
        var error = ForStatus(source, status)
            ?? throw new ArgumentOutOfRangeException(nameof(status), status, "A success status is not a fault.");
        LocalizedText detail = retryAfter is { } wait
            ? new($"Hệ thống nguồn trả lời HTTP {(int)status}; thử lại sau {Seconds(wait)} giây.", $"Upstream answered HTTP {(int)status}; retry after {Seconds(wait)} s.")
            : new($"Hệ thống nguồn trả lời HTTP {(int)status}.", $"Upstream answered HTTP {(int)status}.");
        return new LgspException(error, detail, inner: inner);
    }

    /// <summary>
    /// The exception for an unsuccessful answer of a plain <see cref="HttpClient"/> (SOAP, raw HTTP): the status's
    /// error, with the upstream's <c>Retry-After</c> (seconds, or an HTTP date against <paramref name="time"/>) in the
    /// detail. The response is not disposed.
    /// </summary>
    public static LgspException FromResponse(string source, HttpResponseMessage response, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(time);
        var fault = FromStatus(source, response.StatusCode, HttpOutcomes.RetryAfter(response.Headers.RetryAfter, time));
        UpstreamTelemetry.Fault(source, fault.Error);
        return fault;
    }

    /// <summary>A transport-level failure: no answer in time, or no connection at all.</summary>
    public static LgspException FromTransport(string source, Exception exception) => exception switch
    {
        TimeoutException or TimeoutRejectedException or TaskCanceledException { InnerException: TimeoutException } =>
            new LgspException(UpstreamErrors.For(source).Timeout,
                new("Không có trả lời trong thời gian chờ đã cấu hình.", "No answer within the configured timeout."), inner: exception),
        _ => new LgspException(UpstreamErrors.For(source).Unavailable,
            new("Không kết nối được tới hệ thống nguồn.", "The upstream system could not be reached."), inner: exception),
    };

    /// <summary>The upstream answered, but with something the adapter cannot read.</summary>
    public static LgspException Malformed(string source, LocalizedText what, Exception? inner = null) =>
        new(UpstreamErrors.For(source).BadResponse, what, inner: inner);

    /// <summary>The upstream's answer is not signed as it must be, or the signature does not verify.</summary>
    public static LgspException SignatureInvalid(string source, LocalizedText what, Exception? inner = null) =>
        new(UpstreamErrors.For(source).SignatureInvalid, what, inner: inner);

    /// <summary>The upstream says it has no such record.</summary>
    public static LgspException NotFound(string source, LocalizedText? what = null) =>
        new(UpstreamErrors.For(source).NotFound, what);

    /// <summary>The circuit is open: the upstream is not called until the break is over.</summary>
    public static LgspException CircuitOpen(string source, TimeSpan? retryAfter = null, Exception? inner = null) =>
        new(UpstreamErrors.For(source).CircuitOpen,
            retryAfter is { } wait
                ? new($"Sẽ gọi lại sau khoảng {Seconds(wait)} giây.", $"Calls resume in about {Seconds(wait)} s.")
                : new("Sẽ gọi lại khi hết thời gian tạm ngừng.", "Calls resume after the break."),
            inner: inner);

    /// <summary>The hub's own limiter refused the call: too many calls to this source in flight or in the window.</summary>
    public static LgspException HubCapacityExceeded(string source, TimeSpan? retryAfter = null, Exception? inner = null) =>
        new(ErrorCatalogue.UpstreamCapacityExceeded,
            retryAfter is { } wait
                ? new($"Nguồn '{source}': thử lại sau {Seconds(wait)} giây.", $"Source '{source}': retry after {Seconds(wait)} s.")
                : new($"Nguồn '{source}'.", $"Source '{source}'."),
            inner: inner);

    /// <summary>The operators switched the source off.</summary>
    public static LgspException Disabled(string source) =>
        new(ErrorCatalogue.SourceDisabled, new($"Nguồn '{source}' đang tắt.", $"Source '{source}' is switched off."));

    /// <summary>The error for a gRPC status the upstream ended a call with.</summary>
    public static LgspException FromRpc(string source, RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var errors = UpstreamErrors.For(source);
        var error = exception.StatusCode switch
        {
            // The client could not read the message: the upstream sent something that is not the contract.
            _ when GrpcOutcomes.IsUnreadableMessage(exception) => errors.BadResponse,
            StatusCode.DeadlineExceeded => errors.Timeout,
            StatusCode.ResourceExhausted => errors.RateLimited,
            StatusCode.NotFound => errors.NotFound,
            StatusCode.Unauthenticated or StatusCode.PermissionDenied => errors.Unauthorized,
            StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange or StatusCode.AlreadyExists => errors.Rejected,
            StatusCode.DataLoss => errors.BadResponse,
            _ => errors.Unavailable, // Unavailable, Internal, Unknown, Unimplemented, Aborted, Cancelled by the upstream
        };
        var wait = GrpcOutcomes.RetryAfter(exception);
        LocalizedText detail = wait is { } w
            ? new($"Hệ thống nguồn kết thúc lời gọi với mã gRPC {exception.StatusCode}; thử lại sau {Seconds(w)} giây.",
                $"Upstream ended the call with gRPC status {exception.StatusCode}; retry after {Seconds(w)} s.")
            : new($"Hệ thống nguồn kết thúc lời gọi với mã gRPC {exception.StatusCode}.", $"Upstream ended the call with gRPC status {exception.StatusCode}.");
        return new LgspException(error, detail, inner: exception);
    }

    private static LgspException? Translate(string source, Exception exception) => exception switch
    {
        ApiException api when (int)api.StatusCode is >= 200 and < 300 =>
            Malformed(source, Unreadable, api),
        ApiException api => FromStatus(source, api.StatusCode, HttpOutcomes.RetryAfter(api.Headers?.RetryAfter, TimeProvider.System), api),
        BrokenCircuitException broken => CircuitOpen(source, broken.RetryAfter, broken),
        RateLimiterRejectedException rejected => HubCapacityExceeded(source, rejected.RetryAfter, rejected),
        RpcException rpc => FromRpc(source, rpc),
        JsonException or XmlException or InvalidDataException or FormatException =>
            Malformed(source, Unreadable, exception),
        HttpRequestException { StatusCode: { } status } when (int)status >= 400 => FromStatus(source, status, inner: exception),
        TimeoutRejectedException or TimeoutException or HttpRequestException or HttpIOException or IOException => FromTransport(source, exception),
        // Not the caller's cancellation (checked before): something below gave up waiting.
        OperationCanceledException => FromTransport(source, new TimeoutException("The call was cancelled without the caller asking.", exception)),
        _ => null,
    };

    private static Exception? Cause(Exception exception) => exception switch
    {
        ApiRequestException { InnerException: { } cause } => cause,
        ApiException { InnerException: LgspException cause } => cause,
        RpcException { Status.DebugException: LgspException cause } => cause,
        _ => null,
    };

    private static bool IsCancellation(Exception exception) => exception switch
    {
        OperationCanceledException => true,
        RpcException { StatusCode: StatusCode.Cancelled } => true,
        ApiRequestException { InnerException: { } inner } => IsCancellation(inner),
        _ => false,
    };

    private static string Seconds(TimeSpan wait) => Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
