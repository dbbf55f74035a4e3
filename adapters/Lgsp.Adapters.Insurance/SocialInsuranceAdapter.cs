using Lgsp.Adapters.Insurance.Wire;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Core.Codes;
using Lgsp.Core.Lookups;
using Microsoft.Extensions.Logging;

namespace Lgsp.Adapters.Insurance;

/// <summary>
/// <see cref="ISocialInsuranceSource"/> over the LGSP's BHXH connection: <c>GET /apiBHXH/1.0/traCuuThongTinBHXH?masobhxh=</c>,
/// carrying the partner's <c>lgspaccesstoken</c> (by profile), through the standard pipeline (which waits out a 429's <c>Retry-After</c> up to its cap),
/// mapped to <see cref="SocialInsuranceRecord"/>.
/// </summary>
internal sealed partial class SocialInsuranceAdapter(ISocialInsuranceApi api, ILogger<SocialInsuranceAdapter> logger) : ISocialInsuranceSource
{
    private const string Source = SourceNames.Insurance;

    public async Task<SocialInsuranceRecord> GetParticipantAsync(SocialInsuranceCode code, LookupContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var answer = await api.GetParticipantAsync(code.Value, cancellationToken).ConfigureAwait(false);
            return SocialInsuranceMapping.ToRecord(code, answer);
        }
        catch (Exception ex) when (UpstreamFaults.TryTranslate(Source, ex, cancellationToken, out var fault))
        {
            LookupFailed(logger, context.RequestId, fault.Error.Code);
            throw fault;
        }
    }

    // The exchange id only: no code, name or credential in logs.
    [LoggerMessage(EventId = 6300, Level = LogLevel.Information, Message = "Social insurance lookup {RequestId} failed with {Code}")]
    private static partial void LookupFailed(ILogger logger, string requestId, string code);
}
