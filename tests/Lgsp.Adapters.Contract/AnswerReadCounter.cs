using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace Lgsp.Adapters.Contract;

/// <summary>
/// Counts the answer bytes an adapter's HTTP clients read from the network: a handler added last to every client (so
/// right above the SDK's transport, under the adapter's own handlers) that wraps each answer's body. What a test uses to
/// prove an adapter stopped reading a huge answer early, without timing anything.
/// </summary>
public sealed class AnswerReadCounter
{
    private long _bytes;

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Adds the counting handler to every HTTP client of <paramref name="services"/> (call after the adapter's registration).</summary>
    public void AddTo(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.AdditionalHandlers.Add(new Handler(this))));
    }

    private void Add(int read) => Interlocked.Add(ref _bytes, read);

    private sealed class Handler(AnswerReadCounter counter) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            response.Content = new Counted(response.Content, counter);
            return response;
        }
    }

    private sealed class Counted : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly AnswerReadCounter _counter;

        public Counted(HttpContent inner, AnswerReadCounter counter)
        {
            _inner = inner;
            _counter = counter;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await using var source = await CreateContentReadStreamAsync();
            await source.CopyToAsync(stream);
        }

        protected override async Task<Stream> CreateContentReadStreamAsync() => new CountingStream(await _inner.ReadAsStreamAsync(), _counter);

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

    private sealed class CountingStream(Stream inner, AnswerReadCounter counter) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Counted(int read)
        {
            counter.Add(read);
            return read;
        }
    }
}
