using Lgsp.Adapters.Insurance;
using Lgsp.Adapters.Insurance.Wire;
using Lgsp.Adapters.Sdk.Auth;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Adapters.Sdk.Secrets;
using Lgsp.Core.Lookups;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class SocialInsuranceServiceCollectionExtensions
{
    /// <summary>The HTTP client's name (and its pipeline's, <c>upstream-insurance.bhxh</c>).</summary>
    internal const string ClientName = "insurance.bhxh";

    /// <summary>
    /// <see cref="ISocialInsuranceSource"/> over the LGSP's BHXH connection, configured from <c>Adapters:insurance</c>
    /// (<see cref="UpstreamOptions"/>, and <see cref="InsuranceOptions"/>: the credential profile). With the
    /// <c>LgspAccessToken</c> profile, <c>CredentialsSecret</c> names the secret holding
    /// <c>{"AccessKey":"…","SecretKey":"…","AppName":"…","PartnerCode":"…","PartnerCodeCus":"…"}</c>, sent as the
    /// <c>lgspaccesstoken</c> header by a handler inside the standard pipeline, so every attempt reads the profile and
    /// the secret afresh.
    /// </summary>
    public static IServiceCollection AddSocialInsuranceAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddUpstreamSettings<InsuranceOptions>(SourceNames.Insurance, configuration, Microsoft.Extensions.Options.Options.DefaultName);
        services.AddUpstreamRefitClient<ISocialInsuranceApi>(SourceNames.Insurance, configuration, InsuranceJson.Default, ClientName)
            .AddHttpMessageHandler(sp =>
            {
                var profile = sp.GetRequiredService<IOptionsMonitor<InsuranceOptions>>();
                var upstream = sp.GetRequiredService<IOptionsMonitor<UpstreamOptions>>();
                var secrets = sp.GetRequiredService<IUpstreamSecrets>();
                return new LgspAccessTokenHandler(() => profile.CurrentValue.Credentials == InsuranceCredentialProfile.LgspAccessToken
                    ? LgspPartnerCredentials.Read(secrets, upstream.Get(SourceNames.Insurance), SourceNames.Insurance)
                    : null);
            });
        services.TryAddTransient<ISocialInsuranceSource, SocialInsuranceAdapter>();
        return services;
    }
}
