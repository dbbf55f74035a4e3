using System.Net.Http.Headers;
using System.Text;
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
    /// <summary>An answer of this service is a few kilobytes; more than this is not one (and is not read).</summary>
    public const int MaxAnswerBytes = 1024 * 1024;

    private const string Source = SourceNames.Population;

    /// <param name="headers">The profile's credentials (<c>lgspaccesstoken</c>, <c>AuthHash</c>); sent again on a retry.</param>
    public async Task<string> CallAsync(string operation, byte[] envelope, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.CurrentValue.ServicePath, UriKind.Relative))
        {
            Content = new ByteArrayContent(envelope) { Headers = { ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" } } },
        };
        request.Headers.TryAddWithoutValidation("SOAPAction", PopulationWire.ActionOf(operation));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.MarkIdempotent();

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw UpstreamFaults.FromResponse(Source, response, time);
        }

        return await ReadCappedAsync(response.Content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The body as text, refused (<c>bad_response</c>) beyond <see cref="MaxAnswerBytes"/> without buffering more.</summary>
    private static async Task<string> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxAnswerBytes)
        {
            throw UpstreamFaults.Malformed(Source, new($"Câu trả lời lớn hơn {MaxAnswerBytes} byte.", $"The answer is larger than {MaxAnswerBytes} bytes."));
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxAnswerBytes + 1];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
            {
                read += n;
            }

            if (read > MaxAnswerBytes)
            {
                throw UpstreamFaults.Malformed(Source, new($"Câu trả lời lớn hơn {MaxAnswerBytes} byte.", $"The answer is larger than {MaxAnswerBytes} bytes."));
            }

            var charset = content.Headers.ContentType?.CharSet?.Trim('"');
            Encoding encoding;
            try
            {
                encoding = string.IsNullOrEmpty(charset) ? Encoding.UTF8 : Encoding.GetEncoding(charset);
            }
            catch (ArgumentException ex)
            {
                throw UpstreamFaults.Malformed(Source, new("Không rõ bảng mã của câu trả lời.", "The answer's charset is unknown."), ex);
            }

            return encoding.GetString(buffer, 0, read);
        }
    }
}
