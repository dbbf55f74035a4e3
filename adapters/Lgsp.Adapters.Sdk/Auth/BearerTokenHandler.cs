using System.Net;
using System.Net.Http.Headers;

namespace Lgsp.Adapters.Sdk.Auth;

/// <summary>
/// Puts the source's bearer token on every attempt and, when the upstream answers 401 anyway (revoked, or expired
/// early by its clock), renews the token and sends once more. Sits inside the resilience pipeline, so the pipeline
/// sees only the final answer.
/// </summary>
public sealed class BearerTokenHandler(AccessTokenCache tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        tokens.Invalidate(token);
        token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
