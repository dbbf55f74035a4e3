using System.Globalization;
using Lgsp.Adapters.Sdk.Faults;

namespace Lgsp.Adapters.Sdk.Http;

/// <summary>
/// The one transport under every upstream HTTP client: Refit and SOAP clients, the token endpoints, gRPC channels. It
/// never follows a redirect: whatever the request carries (an <c>apikey</c>, a request signature, a password body) goes
/// to the address the operators allowed and nowhere else. A 3xx answer is not the contract, so it ends the attempt as
/// <c>upstream.&lt;source&gt;.bad_response</c> (not retried, not counted by the breaker). And every answer body is
/// capped before anyone buffers it (<see cref="CappedContent"/>, <c>Adapters:&lt;source&gt;:MaxAnswerBytes</c>): a
/// <c>Content-Length</c> above the cap is refused at once, a chunked answer at the first byte beyond it.
/// </summary>
internal sealed class UpstreamTransport : DelegatingHandler
{
    private readonly string _source;
    private readonly Func<long>? _maxAnswerBytes;

    private UpstreamTransport(string source, HttpMessageHandler inner, Func<long>? maxAnswerBytes)
        : base(inner)
    {
        _source = source;
        _maxAnswerBytes = maxAnswerBytes;
    }

    /// <summary>The primary handler of a client of <paramref name="source"/>.</summary>
    /// <param name="maxAnswerBytes">The cap in force (read per answer, so a change applies to the next call); null for
    /// gRPC channels, whose messages the channel caps itself (<c>MaxReceiveMessageSize</c>).</param>
    /// <param name="http2">For gRPC channels: several HTTP/2 connections when one reaches its stream limit.</param>
    public static HttpMessageHandler Create(string source, Func<long>? maxAnswerBytes, bool http2 = false) =>
        new UpstreamTransport(source, new SocketsHttpHandler { AllowAutoRedirect = false, EnableMultipleHttp2Connections = http2 }, maxAnswerBytes);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            response.Dispose();
            // Where it pointed is not repeated: a Location may carry what the upstream should not have put in it.
            throw UpstreamFaults.Malformed(_source, new(
                string.Create(CultureInfo.InvariantCulture, $"Hệ thống nguồn trả lời HTTP {status} (chuyển hướng); nền tảng không bao giờ đi theo chuyển hướng của hệ thống nguồn."),
                string.Create(CultureInfo.InvariantCulture, $"The upstream answered HTTP {status} (a redirect); the hub never follows an upstream's redirects.")));
        }

        if (_maxAnswerBytes is not null)
        {
            var max = _maxAnswerBytes();
            if (response.Content.Headers.ContentLength > max)
            {
                response.Dispose();
                throw CappedContent.TooLarge(_source, max);
            }

            response.Content = new CappedContent(response.Content, max, _source);
        }

        return response;
    }
}
