using Lgsp.Adapters.Business;
using Lgsp.Adapters.Business.Wire;
using Lgsp.Adapters.Sdk.Auth;
using Lgsp.Core.Lookups;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class BusinessRegistryServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="IBusinessRegistrySource"/> over the NGSP gateway, configured from <c>Adapters:business</c>
    /// (<see cref="Lgsp.Adapters.Sdk.Options.UpstreamOptions"/>; <c>CredentialsSecret</c> names the secret holding
    /// <c>{"consumerKey":"…","consumerSecret":"…"}</c>). The token endpoint and the registry each have their own
    /// pipeline; the token is added inside the registry's pipeline, so every attempt carries a valid one.
    /// </summary>
    public static IServiceCollection AddBusinessRegistryAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddUpstreamRefitClient<IGatewayTokenApi>(SourceNames.Business, configuration, BusinessJson.Default, "business.token");
        services.AddUpstreamRefitClient<IBusinessRegistryApi>(SourceNames.Business, configuration, BusinessJson.Default, "business.registry")
            .AddHttpMessageHandler(sp => new BearerTokenHandler(sp.GetRequiredService<BusinessGatewayTokens>().Cache));
        // AnswerProfile: how the registry's answer is read (BusinessRegistryOptions), changeable through the control API.
        services.AddUpstreamSettings<BusinessRegistryOptions>(SourceNames.Business, configuration, SourceNames.Business);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BusinessRegistryOptions>, BusinessRegistryOptionsValidator>());
        services.TryAddSingleton<BusinessGatewayTokens>();
        services.TryAddTransient<IBusinessRegistrySource, BusinessRegistryAdapter>();
        return services;
    }
}
