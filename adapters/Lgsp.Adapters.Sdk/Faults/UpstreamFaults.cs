using System.Net;
using Lgsp.Core.Errors;

namespace Lgsp.Adapters.Sdk.Faults;

/// <summary>
/// Turns what an upstream system answered (or failed to answer) into the catalogue's
/// <c>upstream.&lt;source&gt;.*</c> errors, so every adapter reports faults the same way and the caller
/// always sees <c>faultOrigin=upstream</c> for a fault that is not theirs or the hub's.
/// </summary>
public static class UpstreamFaults
{
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
        var detail = retryAfter is { } wait
            ? $"Upstream answered HTTP {(int)status}; retry after {Math.Ceiling(wait.TotalSeconds)} s."
            : $"Upstream answered HTTP {(int)status}.";
        return new LgspException(error, detail, inner: inner);
    }

    /// <summary>A transport-level failure: no answer in time, or no connection at all.</summary>
    public static LgspException FromTransport(string source, Exception exception) => exception switch
    {
        TimeoutException or TaskCanceledException { InnerException: TimeoutException } =>
            new LgspException(UpstreamErrors.For(source).Timeout, "No answer within the configured timeout.", inner: exception),
        _ => new LgspException(UpstreamErrors.For(source).Unavailable, "The upstream system could not be reached.", inner: exception),
    };

    /// <summary>The upstream answered, but with something the adapter cannot read.</summary>
    public static LgspException Malformed(string source, string what, Exception? inner = null) =>
        new(UpstreamErrors.For(source).BadResponse, what, inner: inner);
}
