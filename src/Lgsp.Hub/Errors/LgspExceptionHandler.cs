using Lgsp.Core.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace Lgsp.Hub.Errors;

/// <summary>
/// Turns any exception into the catalogue's problem details. Known errors keep their code; malformed requests
/// become <c>client.validation_failed</c>; everything else is <c>hub.internal</c> without internal details.
/// </summary>
internal sealed partial class LgspExceptionHandler(ILogger<LgspExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case LgspException lgsp:
                if (lgsp.Error.Origin != FaultOrigin.Client)
                {
                    LogFault(logger, lgsp.Error.Code, lgsp);
                }

                await ProblemDetailsMapper.WriteAsync(httpContext, lgsp.Error, lgsp.Detail, lgsp.FieldErrors);
                return true;
            case BadHttpRequestException bad:
                // Malformed JSON, wrong content type, oversized body: the framework's message names the problem.
                await ProblemDetailsMapper.WriteAsync(httpContext, ErrorCatalogue.ValidationFailed, new("Không đọc được yêu cầu: " + bad.Message, bad.Message));
                return true;
            case InvalidDataException form when httpContext.Request.HasFormContentType:
                // A form the framework cannot decode (a NUL in a value, too many or too long values): the caller's fault.
                await ProblemDetailsMapper.WriteAsync(httpContext, ErrorCatalogue.ValidationFailed, new("Không đọc được biểu mẫu gửi lên: " + form.Message, "The form could not be read: " + form.Message));
                return true;
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                return true;
            default:
                LogUnhandled(logger, exception);
                await ProblemDetailsMapper.WriteAsync(httpContext, ErrorCatalogue.Internal);
                return true;
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Request failed with {Code}")]
    private static partial void LogFault(ILogger logger, string code, Exception exception);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}
