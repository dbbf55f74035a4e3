using Lgsp.Adapters.Business.Wire;
using Lgsp.Adapters.Sdk.Auth;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Adapters.Sdk.Secrets;
using Lgsp.Core.Lookups;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.Business;

/// <summary>
/// The NGSP gateway's OAuth token for the business registry: obtained with the consumer key and secret (client
/// credentials), cached and shared by every lookup, renewed before it expires and once when the gateway refuses it.
/// The credentials are read from the secret <see cref="UpstreamOptions.CredentialsSecret"/> names, at each fetch
/// (so a rotated secret is picked up), and never logged.
/// </summary>
internal sealed class BusinessGatewayTokens : IDisposable
{
    private const string Source = SourceNames.Business;

    private readonly IServiceProvider _services;
    private readonly IOptionsMonitor<UpstreamOptions> _options;
    private readonly IUpstreamSecrets _secrets;
    private readonly TimeProvider _time;

    public BusinessGatewayTokens(IServiceProvider services, IOptionsMonitor<UpstreamOptions> options, IUpstreamSecrets secrets, TimeProvider time)
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
        var (key, secret) = Credentials();
        var api = _services.GetRequiredService<IGatewayTokenApi>();
        return ClientCredentialsGrant.FetchAsync(Source, key, secret, _time, (form, authorization, ct) => api.GetTokenAsync(form, authorization, ct), cancellationToken);
    }

    /// <summary><c>{"consumerKey":"…","consumerSecret":"…"}</c> in the named secret.</summary>
    private (string Key, string Secret) Credentials() =>
        UpstreamCredentials.ReadPair(_secrets, _options.Get(Source), Source, "consumerKey", "consumerSecret");
}
