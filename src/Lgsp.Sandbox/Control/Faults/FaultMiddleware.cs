using System.Globalization;
using Lgsp.Sandbox.Data;
using Microsoft.Extensions.Options;

namespace Lgsp.Sandbox.Control.Faults;

/// <summary>
/// In front of every stand-in: counts the call, adds the stand-in's natural latency, and applies the fault switched on
/// for it, in the stand-in's protocol (an HTTP status, or for gRPC a status in a trailers-only answer). Waits run on the
/// sandbox's <see cref="TimeProvider"/>, so a test on fake time decides when a slow answer comes.
/// </summary>
internal sealed class FaultMiddleware(RequestDelegate next, FaultSwitchboard switchboard, IOptions<SandboxOptions> options, TimeProvider time)
{
    private static readonly byte[] Filler = System.Text.Encoding.ASCII.GetBytes(new string('a', 64 * 1024));

    // A gRPC message frame (not compressed, 4 bytes) whose bytes are no valid protobuf (field 0 is never legal).
    private static readonly byte[] UnreadableGrpcFrame = [0, 0, 0, 0, 4, 0x00, 0xFF, 0xFF, 0xFF];

    public async Task InvokeAsync(HttpContext context)
    {
        var standIn = switchboard.ServingPath(context.Request.Path);
        if (standIn is null)
        {
            await next(context);
            return;
        }

        var fault = switchboard.OnCall(standIn, context.Request.Path);
        try
        {
            if (options.Value.NaturalLatency)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(standIn.NaturalLatency.MinMs, standIn.NaturalLatency.MaxMs + 1)), time, context.RequestAborted);
            }

            await ApplyAsync(context, standIn, fault);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (its timeout or its caller): nothing left to answer. Counted, so a test sees the call cut.
            switchboard.OnAbandoned(standIn);
        }
    }

    private async Task ApplyAsync(HttpContext context, StandIn standIn, FaultSettings? fault)
    {
        var grpc = context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;
        switch (fault?.Mode)
        {
            case null:
                await next(context);
                break;
            case FaultModes.Slow:
                await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs ?? 0), time, context.RequestAborted);
                await next(context);
                break;
            case FaultModes.BadSignature:
                context.Items[FaultSwitchboard.BreakSignatureKey] = true;
                await next(context);
                break;
            case FaultModes.Down:
                context.Abort();
                break;
            case FaultModes.LostAnswer:
                // The stand-in handles the call (its effects stay), its answer going nowhere; then the line drops.
                context.Response.Body = Stream.Null;
                await next(context);
                context.Abort();
                break;
            case FaultModes.Error:
                var status = fault.Status ?? StatusCodes.Status503ServiceUnavailable;
                await (grpc ? GrpcStatusAsync(context, GrpcCodeFor(status), null) : HttpErrorAsync(context, status, null));
                break;
            case FaultModes.RateLimit:
                var retryAfter = fault.RetryAfterSeconds ?? 1;
                await (grpc ? GrpcStatusAsync(context, 8 /* ResourceExhausted */, retryAfter) : HttpErrorAsync(context, StatusCodes.Status429TooManyRequests, retryAfter));
                break;
            case FaultModes.Malformed:
                await (grpc ? UnreadableGrpcAsync(context) : UnreadableHttpAsync(context, standIn));
                break;
            case FaultModes.Huge:
                await HugeAsync(context, standIn, fault, grpc);
                break;
            case FaultModes.Redirect:
                // Over gRPC too: an HTTP redirect is what a misconfigured proxy in front of any upstream answers.
                context.Response.StatusCode = fault.Status ?? StatusCodes.Status307TemporaryRedirect;
                context.Response.Headers.Location = FaultSwitchboard.RedirectTarget(context.Request, standIn.Source);
                break;
            default:
                throw new InvalidOperationException("Unknown fault mode " + fault.Mode);
        }
    }

    // WSO2 API Manager's fault shape, which the national gateways answer with.
    private static Task HttpErrorAsync(HttpContext context, int status, int? retryAfter)
    {
        context.Response.StatusCode = status;
        if (retryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        var (code, message) = status == StatusCodes.Status429TooManyRequests ? (900802, "Message throttled out") : (101503, "Runtime Error");
        return context.Response.WriteAsJsonAsync(new { fault = new { code, message, description = $"Sandbox fault: HTTP {status}." } }, context.RequestAborted);
    }

    private static Task UnreadableHttpAsync(HttpContext context, StandIn standIn)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = standIn.MalformedContentType;
        return context.Response.WriteAsync(standIn.MalformedBody, context.RequestAborted);
    }

    /// <summary>A body of the asked size made as it is sent (never held in memory), chunked; it stops when the client goes.</summary>
    private static async Task HugeAsync(HttpContext context, StandIn standIn, FaultSettings fault, bool grpc)
    {
        var size = fault.SizeBytes ?? FaultModes.DefaultHugeBytes;
        context.Response.StatusCode = grpc ? StatusCodes.Status200OK : fault.Status ?? StatusCodes.Status200OK;
        context.Response.ContentType = grpc ? "application/grpc" : standIn.MalformedContentType;
        byte[] head = grpc
            ? [0, (byte)(size >> 24), (byte)(size >> 16), (byte)(size >> 8), (byte)size]
            : System.Text.Encoding.UTF8.GetBytes(standIn.MalformedBody);
        try
        {
            await context.Response.Body.WriteAsync(head, context.RequestAborted);
            for (var left = size - head.Length; left > 0 && !context.RequestAborted.IsCancellationRequested; left -= Filler.Length)
            {
                await context.Response.Body.WriteAsync(Filler.AsMemory(0, (int)Math.Min(left, Filler.Length)), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client stopped reading and went away.
        }
    }

    /// <summary>A trailers-only gRPC answer: HTTP 200, the status in the headers, no message.</summary>
    private static Task GrpcStatusAsync(HttpContext context, int code, int? retryAfter)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = code.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = "Sandbox fault";
        if (retryAfter is { } seconds)
        {
            context.Response.Headers["retry-after"] = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return Task.CompletedTask;
    }

    private static async Task UnreadableGrpcAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        await context.Response.Body.WriteAsync(UnreadableGrpcFrame, context.RequestAborted);
        if (context.Response.SupportsTrailers())
        {
            context.Response.AppendTrailer("grpc-status", "0");
        }
    }

    /// <summary>The gRPC status a gRPC server would end with for what an HTTP server answers with this status.</summary>
    internal static int GrpcCodeFor(int httpStatus) => httpStatus switch
    {
        400 => 3,        // InvalidArgument
        401 => 16,       // Unauthenticated
        403 => 7,        // PermissionDenied
        404 => 5,        // NotFound
        408 or 504 => 4, // DeadlineExceeded
        429 => 8,        // ResourceExhausted
        500 => 13,       // Internal
        501 => 12,       // Unimplemented
        502 or 503 => 14, // Unavailable
        _ => 2,          // Unknown
    };
}
