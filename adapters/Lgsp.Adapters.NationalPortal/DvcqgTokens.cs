using Lgsp.Adapters.NationalPortal.Wire;
using Lgsp.Adapters.Sdk.Auth;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Adapters.Sdk.Secrets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.NationalPortal;

/// <summary>
/// The gateway's OAuth token for DVCQG's API: obtained with the client id and secret (client credentials, in HTTP
/// Basic), cached and shared by every call, renewed before it expires and once when the gateway refuses it. The
/// credentials are read from the secret <see cref="UpstreamOptions.CredentialsSecret"/> names at each fetch, never logged.
/// </summary>
internal sealed class DvcqgTokens : IDisposable
{
    private const string Source = NationalPortalSource.Name;

    private readonly IServiceProvider _services;
    private readonly IOptionsMonitor<UpstreamOptions> _options;
    private readonly IUpstreamSecrets _secrets;
    private readonly TimeProvider _time;

    public DvcqgTokens(IServiceProvider services, IOptionsMonitor<UpstreamOptions> options, IUpstreamSecrets secrets, TimeProvider time)
    {
        _services = services;
        _options = options;
        _secrets = secrets;
        _time = time;
        Cache = new AccessTokenCache(FetchAsync, time);
    }

    public AccessTokenCache Cache { get; }

    public void Dispose() => Cache.Dispose();

    private Task<AccessToken> FetchAsync(CancellationToken cancellationToken)
    {
        // {"clientId":"…","clientSecret":"…"} in the named secret.
        var (id, secret) = UpstreamCredentials.ReadPair(_secrets, _options.Get(Source), Source, "clientId", "clientSecret");
        var api = _services.GetRequiredService<IDvcqgTokenApi>();
        return ClientCredentialsGrant.FetchAsync(Source, id, secret, _time, (form, authorization, ct) => api.GetTokenAsync(form, authorization, ct), cancellationToken);
    }
}
