namespace Lgsp.Adapters.Insurance.Signing;

/// <summary>
/// Signs every attempt, inside the standard pipeline: a retry is signed again with a fresh timestamp and nonce, as
/// the gateway refuses a nonce it has seen and a timestamp too far from its clock. Logs nothing.
/// </summary>
internal sealed class RequestSigningHandler(InsuranceCredentials credentials, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI to sign.");
        RequestSigner.Apply(request, RequestSigner.Sign(request.Method.Method, uri, body, credentials.Read(), time.GetUtcNow(), RequestSigner.NewNonce()));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
