using System.Globalization;
using Lgsp.Core.Errors;
using Lgsp.Core.IO;
using Microsoft.AspNetCore.Http.Features;

namespace Lgsp.Hub.Errors;

/// <summary>
/// An endpoint's request-body limit: the configuration key that sets it (bytes) and its default. Put on an endpoint or a
/// group with <see cref="RequestBodyLimitExtensions.WithRequestBodyLimit{TBuilder}"/>.
/// </summary>
internal sealed record RequestBodyLimit(string ConfigurationKey, long DefaultBytes)
{
    public long Resolve(IConfiguration configuration) =>
        long.TryParse(configuration[ConfigurationKey], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0 ? bytes : DefaultBytes;
}

internal static class RequestBodyLimitExtensions
{
    /// <summary>Caps the request body of these endpoints at <c>configurationKey</c>'s value (bytes), <paramref name="defaultBytes"/> unless set.</summary>
    public static TBuilder WithRequestBodyLimit<TBuilder>(this TBuilder builder, string configurationKey, long defaultBytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestBodyLimit(configurationKey, defaultBytes));
}

/// <summary>
/// Caps the body of every endpoint that declares a <see cref="RequestBodyLimit"/> before anything buffers it: a
/// <c>Content-Length</c> above the limit is refused at once; a chunked body is read through a
/// <see cref="BoundedReadStream"/> that fails at the first byte beyond it (whoever reads it: the endpoint's own reader,
/// the JSON binder). Kestrel's own cap (<see cref="IHttpMaxRequestBodySizeFeature"/>) is set just above it, so it stops
/// draining an unread rest there and closes the connection. Either way the caller gets 413
/// <c>client.body_too_large</c> and the endpoint has written nothing.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IConfiguration configuration)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequestBodyLimit>() is not { } limit)
        {
            return next(context);
        }

        var max = limit.Resolve(configuration);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } kestrel)
        {
            kestrel.MaxRequestBodySize = max + 1;
        }

        if (context.Request.ContentLength > max)
        {
            throw TooLarge(max);
        }

        context.Request.Body = new BoundedReadStream(new KestrelLimitTranslation(context.Request.Body, max), max, () => TooLarge(max), leaveOpen: true);
        return next(context);
    }

    private static LgspException TooLarge(long max)
    {
        var error = new FieldError("", "body.too_large",
            string.Create(CultureInfo.InvariantCulture, $"Nội dung yêu cầu vượt quá giới hạn {max} byte của điểm cuối này."),
            string.Create(CultureInfo.InvariantCulture, $"The request body exceeds this endpoint's limit of {max} bytes."));
        return new(ErrorCatalogue.BodyTooLarge, error.Message, [error]);
    }

    /// <summary>Kestrel's own refusal of a body over its cap (a <c>BadHttpRequestException</c>, 413) read as ours.</summary>
    private sealed class KestrelLimitTranslation(Stream inner, long max) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return inner.Read(buffer, offset, count);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                throw TooLarge(max);
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.ReadAsync(buffer, cancellationToken);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                throw TooLarge(max);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
