using System.Net.Http.Headers;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Adapters.Sdk.Resilience;
using Lgsp.Core.Lookups;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.Population.Soap;

/// <summary>
/// Posts one SOAP request to the service through the standard pipeline (the client is registered with
/// <c>AddUpstreamPipeline</c>) and returns the answer's text. Lookups change nothing upstream, so every request is
/// marked idempotent and retried like a read.
/// </summary>
internal sealed class PopulationSoapClient(HttpClient http, IOptionsMonitor<PopulationOptions> options, TimeProvider time)
{
    private const string Source = SourceNames.Population;

    public async Task<string> CallAsync(string operation, byte[] envelope, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.CurrentValue.ServicePath, UriKind.Relative))
        {
            Content = new ByteArrayContent(envelope) { Headers = { ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" } } },
        };
        request.Headers.TryAddWithoutValidation("SOAPAction", PopulationWire.ActionOf(operation));
        request.MarkIdempotent();

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw UpstreamFaults.FromResponse(Source, response, time);
        }

        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }
}
