using System.Security.Cryptography;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Lgsp.Core.Packets;
using Lgsp.Core.Signing;
using Lgsp.Core.Time;
using Lgsp.Hub.Errors;
using Lgsp.Hub.Gateway.AccessRights;
using Lgsp.Hub.Gateway.MessageLog;

namespace Lgsp.Hub.Gateway;

/// <summary>The gateway's faults: a refused or failed exchange recorded, then answered as ProblemDetails.</summary>
internal sealed partial class LookupGateway
{
    private async Task FailAsync(HttpContext http, LookupExchange exchange, LgspException fault)
    {
        var record = exchange.Record;
        record.Outcome = fault.Error.Code;
        record.HttpStatus = fault.Error.HttpStatus;
        record.ResponseDigest = null;
        record.Signature = null;
        record.LatencyMicroseconds = exchange.ElapsedMicroseconds;
        if (fault.Error.Origin != FaultOrigin.Client)
        {
            LogFault(logger, record.ExchangeId, record.Service, fault.Error.Code);
        }

        var error = fault.Error;
        var detail = fault.Detail;
        IReadOnlyList<FieldError> fields = fault.FieldErrors;
        if (!ReferenceEquals(fault.Error, ErrorCatalogue.StorageUnavailable) && !await TryAppendAsync(record))
        {
            error = ErrorCatalogue.StorageUnavailable;
            detail = new("Không ghi được lần trao đổi này vào nhật ký thông điệp.", "The exchange could not be recorded in the message log.");
            fields = [];
        }

        await WriteProblemAsync(http, record.ExchangeId, error, detail, fields);
    }

    private static async Task WriteProblemAsync(HttpContext http, Guid exchangeId, ErrorDescriptor error, LocalizedText? detail, IReadOnlyList<FieldError> fields)
    {
        if (http.Response.HasStarted || http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        var problem = ProblemDetailsMapper.ToProblemDetails(http, error, detail, fields);
        problem.Extensions["exchangeId"] = exchangeId.ToString("D");
        http.Response.StatusCode = error.HttpStatus;
        var writer = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await writer.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }

    private async Task<bool> TryAppendAsync(MessageLogRecord record)
    {
        try
        {
            await messageLog.AppendAsync(record, CancellationToken.None);
            return true;
        }
        catch (LgspException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Exchange {ExchangeId} to {Service} failed with {Code}")]
    private static partial void LogFault(ILogger logger, Guid exchangeId, string service, string code);
}
