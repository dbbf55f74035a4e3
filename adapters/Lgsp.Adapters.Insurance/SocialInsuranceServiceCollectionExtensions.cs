using Lgsp.Adapters.Insurance;
using Lgsp.Adapters.Insurance.Signing;
using Lgsp.Adapters.Insurance.Wire;
using Lgsp.Core.Lookups;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class SocialInsuranceServiceCollectionExtensions
{
    /// <summary>The HTTP client's name (and its pipeline's, <c>upstream-insurance.bhxh</c>).</summary>
    internal const string ClientName = "insurance.bhxh";

    /// <summary>
    /// <see cref="ISocialInsuranceSource"/> over the LGSP's BHXH connection, configured from <c>Adapters:insurance</c>
    /// (<see cref="Lgsp.Adapters.Sdk.Options.UpstreamOptions"/>; <c>CredentialsSecret</c> names the secret holding
    /// <c>{"appName":"…","accessKey":"…","secretKey":"…","partnerCode":"…"}</c>). The signing handler runs inside the
    /// standard pipeline, so every attempt, retries included, is signed afresh.
    /// </summary>
    public static IServiceCollection AddSocialInsuranceAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InsuranceCredentials>();
        services.AddUpstreamRefitClient<ISocialInsuranceApi>(SourceNames.Insurance, configuration, InsuranceJson.Default, ClientName)
            .AddHttpMessageHandler(sp => new RequestSigningHandler(sp.GetRequiredService<InsuranceCredentials>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddTransient<ISocialInsuranceSource, SocialInsuranceAdapter>();
        return services;
    }
}
