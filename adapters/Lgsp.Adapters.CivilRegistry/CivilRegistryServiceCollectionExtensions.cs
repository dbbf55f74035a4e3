using Lgsp.Adapters.CivilRegistry;
using Lgsp.Adapters.CivilRegistry.Wire;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Adapters.Sdk.Secrets;
using Lgsp.Core.Lookups;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class CivilRegistryServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="ICivilRegistrySource"/> over the LGSP gateway's civil registry API, configured from
    /// <c>Adapters:CivilRegistry</c> (<see cref="UpstreamOptions"/>; <c>CredentialsSecret</c> names the secret holding the
    /// API key). The key is added inside the pipeline, on every attempt.
    /// </summary>
    public static IServiceCollection AddCivilRegistryAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddUpstreamRefitClient<ICivilRegistryApi>(SourceNames.CivilRegistry, configuration, CivilRegistryJson.Default, "civilregistry.api")
            .AddHttpMessageHandler(sp => new ApiKeyHandler(sp.GetRequiredService<IOptionsMonitor<UpstreamOptions>>(), sp.GetRequiredService<IUpstreamSecrets>()));
        services.TryAddTransient<ICivilRegistrySource, CivilRegistryAdapter>();
        return services;
    }
}
