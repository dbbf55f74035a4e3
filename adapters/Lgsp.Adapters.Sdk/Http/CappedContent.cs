using System.Globalization;
using System.Net;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Core.Errors;
using Lgsp.Core.IO;

namespace Lgsp.Adapters.Sdk.Http;

/// <summary>
/// An upstream's answer body that can be read only up to <c>Adapters:&lt;source&gt;:MaxAnswerBytes</c>, however the
/// adapter reads it (a stream, a string, Refit's serializer, an XML reader, a buffer): one byte more and the read fails
/// with <c>upstream.&lt;source&gt;.bad_response</c>, so a chunked answer without a length cannot fill the hub's memory.
/// </summary>
internal sealed class CappedContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly long _max;
    private readonly string _source;

    public CappedContent(HttpContent inner, long max, string source)
    {
        _inner = inner;
        _max = max;
        _source = source;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    /// <summary>The fault of an answer longer than the cap.</summary>
    public static LgspException TooLarge(string source, long max) => UpstreamFaults.Malformed(source, new(
        string.Create(CultureInfo.InvariantCulture, $"Câu trả lời lớn hơn {max} byte (Adapters:{source}:MaxAnswerBytes); phần còn lại không được đọc."),
        string.Create(CultureInfo.InvariantCulture, $"The answer is larger than {max} bytes (Adapters:{source}:MaxAnswerBytes); the rest was not read.")));

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var source = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            await source.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new BoundedReadStream(await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), _max, () => TooLarge(_source, _max));

    protected override bool TryComputeLength(out long length)
    {
        length = _inner.Headers.ContentLength ?? 0;
        return _inner.Headers.ContentLength is not null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
