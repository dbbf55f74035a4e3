using Lgsp.Adapters.Business.Wire;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.Business;

/// <summary>
/// <see cref="IBusinessRegistrySource"/> over the NGSP gateway: <c>GET /apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=</c>
/// with the gateway's bearer token, through the standard pipeline, mapped to <see cref="Enterprise"/>. The code was
/// validated by the gateway before it got here; the answer is validated here.
/// </summary>
internal sealed partial class BusinessRegistryAdapter(
    IBusinessRegistryApi api, IOptionsMonitor<BusinessRegistryOptions> options, ILogger<BusinessRegistryAdapter> logger) : IBusinessRegistrySource
{
    private const string Source = SourceNames.Business;

    public async Task<Enterprise> GetEnterpriseAsync(EnterpriseCode code, LookupContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            // Read per call, so an operator's change of profile applies to the next lookup.
            var profile = options.Get(Source).AnswerProfile;
            var answer = await api.GetEnterpriseAsync(code.Value, cancellationToken).ConfigureAwait(false);
            return BusinessRegistryMapping.ToEnterprise(code, answer, profile);
        }
        catch (Exception ex) when (UpstreamFaults.TryTranslate(Source, ex, cancellationToken, out var fault))
        {
            LookupFailed(logger, context.RequestId, fault.Error.Code);
            throw fault;
        }
    }

    // The exchange id only: no code, name or other record data in logs.
    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "Business registry lookup {RequestId} failed with {Code}")]
    private static partial void LookupFailed(ILogger logger, string requestId, string code);
}
