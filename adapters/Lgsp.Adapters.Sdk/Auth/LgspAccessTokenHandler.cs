using Lgsp.Adapters.Sdk.Secrets;

namespace Lgsp.Adapters.Sdk.Auth;

/// <summary>
/// Puts the partner's <c>lgspaccesstoken</c> header (<see cref="LgspPartnerCredentials.ToHeaderValue"/>) on every
/// attempt, inside the standard pipeline, read afresh each time so a rotated secret or a changed profile applies to
/// the next attempt. <paramref name="credentials"/> returns null when the adapter's profile sends none. Logs nothing.
/// </summary>
public sealed class LgspAccessTokenHandler(Func<LgspPartnerCredentials?> credentials) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Remove(LgspPartnerCredentials.HeaderName);
        if (credentials() is { } partner)
        {
            request.Headers.TryAddWithoutValidation(LgspPartnerCredentials.HeaderName, partner.ToHeaderValue());
        }

        return base.SendAsync(request, cancellationToken);
    }
}
