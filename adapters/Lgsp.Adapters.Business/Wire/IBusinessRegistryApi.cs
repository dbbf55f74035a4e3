using Lgsp.Adapters.Sdk.Resilience;
using Refit;

namespace Lgsp.Adapters.Business.Wire;

/// <summary>The registry behind the NGSP gateway (WSO2 API Manager: <c>/{context}/{version}/{resource}</c>).</summary>
internal interface IBusinessRegistryApi
{
    [Get("/apiCSDLDKDN/1.0/chiTietDoanhNghiep")]
    Task<RegistryAnswer> GetEnterpriseAsync([AliasAs("msdn")] string msdn, CancellationToken cancellationToken);
}

/// <summary>The gateway's token endpoint (OAuth 2 client credentials, the consumer key and secret in HTTP Basic).</summary>
internal interface IGatewayTokenApi
{
    /// <summary>A POST that creates nothing worth protecting: marked idempotent so a lost answer is asked again.</summary>
    [Post("/token")]
    Task<Lgsp.Adapters.Sdk.Auth.OAuthTokenAnswer> GetTokenAsync(
        [Body] HttpContent form,
        [Header("Authorization")] string authorization,
        CancellationToken cancellationToken,
        [Property(UpstreamRequest.IdempotentKey)] bool idempotent = true);
}
