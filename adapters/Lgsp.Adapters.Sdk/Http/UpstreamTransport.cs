using System.Globalization;
using Lgsp.Adapters.Sdk.Faults;

namespace Lgsp.Adapters.Sdk.Http;

/// <summary>
/// The one transport under every upstream HTTP client: Refit and SOAP clients, the token endpoints, gRPC channels. It
/// never follows a redirect: whatever the request carries (an <c>apikey</c>, a request signature, a password body) goes
/// to the address the operators allowed and nowhere else. A 3xx answer is not the contract, so it ends the attempt as
/// <c>upstream.&lt;source&gt;.bad_response</c> (not retried, not counted by the breaker).
/// </summary>
internal sealed class UpstreamTransport : DelegatingHandler
{
    private readonly string _source;

    private UpstreamTransport(string source, HttpMessageHandler inner)
        : base(inner)
    {
        _source = source;
    }

    /// <summary>The primary handler of a client of <paramref name="source"/>.</summary>
    /// <param name="http2">For gRPC channels: several HTTP/2 connections when one reaches its stream limit.</param>
    public static HttpMessageHandler Create(string source, bool http2 = false) =>
        new UpstreamTransport(source, new SocketsHttpHandler { AllowAutoRedirect = false, EnableMultipleHttp2Connections = http2 });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            response.Dispose();
            // Where it pointed is not repeated: a Location may carry what the upstream should not have put in it.
            throw UpstreamFaults.Malformed(_source, string.Create(CultureInfo.InvariantCulture,
                $"The upstream answered HTTP {status} (a redirect); the hub never follows an upstream's redirects."));
        }

        return response;
    }
}
