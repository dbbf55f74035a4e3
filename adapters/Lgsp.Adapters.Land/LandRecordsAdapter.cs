using Google.Rpc;
using Grpc.Core;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Lgsp.Schemas.Land.V1;
using Microsoft.Extensions.Logging;

namespace Lgsp.Adapters.Land;

/// <summary>
/// <see cref="ILandSource"/> over the land database's gRPC service, through the standard pipeline, mapped to
/// <see cref="LandParcel"/>. The exchange id and the procedure code travel as call metadata, for the database's own
/// audit trail of who looked up what and why.
/// </summary>
internal sealed partial class LandRecordsAdapter(LandRecords.LandRecordsClient client, ILogger<LandRecordsAdapter> logger) : ILandSource
{
    private const string Source = SourceNames.Land;

    public async Task<LandParcel> GetParcelAsync(ParcelKey key, LookupContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(context);
        var request = new FindParcelRequest { MaXa = key.WardCode.Trim(), SoHieuBanDo = key.MapSheetNo, SoThuTuThua = key.ParcelNo };
        try
        {
            var answer = await client.FindParcelAsync(request, CallHeaders(context), cancellationToken: cancellationToken).ConfigureAwait(false);
            return LandParcelMapping.ToParcel(answer, request);
        }
        catch (Exception ex) when (UpstreamFaults.TryTranslate(Source, ex, cancellationToken, out var fault))
        {
            throw Failed(context, WithFieldNames(fault, ex));
        }
    }

    public async Task<LandParcel> GetParcelByCertificateAsync(string certificateSerial, LookupContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificateSerial);
        ArgumentNullException.ThrowIfNull(context);
        var request = new FindParcelByCertificateRequest { SoPhatHanh = LandParcelMapping.NormaliseSerial(certificateSerial) };
        try
        {
            var answer = await client.FindParcelByCertificateAsync(request, CallHeaders(context), cancellationToken: cancellationToken).ConfigureAwait(false);
            return LandParcelMapping.ToParcel(answer, request);
        }
        catch (Exception ex) when (UpstreamFaults.TryTranslate(Source, ex, cancellationToken, out var fault))
        {
            throw Failed(context, WithFieldNames(fault, ex));
        }
    }

    private static Metadata CallHeaders(LookupContext context) => new()
    {
        { "x-request-id", context.RequestId },
        { "x-purpose", context.Purpose.Value },
    };

    /// <summary>
    /// The database names each field it refused in a <c>google.rpc.BadRequest</c> detail: the field names (never the
    /// values) go into the error's detail, so an operator sees which part of the key was refused.
    /// </summary>
    private static LgspException WithFieldNames(LgspException fault, Exception cause)
    {
        if (cause is not RpcException { StatusCode: StatusCode.InvalidArgument } rpc
            || rpc.GetRpcStatus()?.GetDetail<BadRequest>() is not { FieldViolations.Count: > 0 } badRequest)
        {
            return fault;
        }

        var fields = string.Join(", ", badRequest.FieldViolations.Select(v => v.Field).Distinct(StringComparer.Ordinal));
        return new LgspException(fault.Error, new($"CSDL đất đai từ chối khóa tra cứu; các trường: {fields}.", $"The land database refused the lookup key; fields: {fields}."), inner: rpc);
    }

    private LgspException Failed(LookupContext context, LgspException fault)
    {
        LookupFailed(logger, context.RequestId, fault.Error.Code);
        return fault;
    }

    // The exchange id only: no parcel key, certificate or owner in logs.
    [LoggerMessage(EventId = 6500, Level = LogLevel.Information, Message = "Land lookup {RequestId} failed with {Code}")]
    private static partial void LookupFailed(ILogger logger, string requestId, string code);
}
