using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Adapters.Sdk.Options;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.Sdk.Http;

/// <summary>Outermost handler: a source the operators switched off is never called.</summary>
internal sealed class UpstreamEnabledHandler(string source, IOptionsMonitor<UpstreamOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        options.Get(source).Enabled ? base.SendAsync(request, cancellationToken) : throw UpstreamFaults.Disabled(source);
}
