using Lgsp.Adapters.ProvincialPortal;
using Lgsp.Adapters.ProvincialPortal.Wire;
using Lgsp.Adapters.Sdk.Auth;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Core.StatusSync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class ProvincialPortalServiceCollectionExtensions
{
    /// <summary>
    /// The provincial one-stop system as the status-sync destination <c>provincial</c> (<see cref="IDossierDestination"/>),
    /// configured from <c>Adapters:provincial</c>: the connection
    /// (<see cref="UpstreamOptions"/>; <c>CredentialsSecret</c> names the secret holding
    /// <c>{"username":"…","password":"…"}</c>) and the tenant and mappings (<see cref="ProvincialPortalOptions"/>), both
    /// validated on start and on reload. Sign-in and the API each have their own pipeline; the token and the tenant
    /// header are added inside the API's pipeline, so every attempt carries them.
    /// </summary>
    public static IServiceCollection AddProvincialPortalAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        const string source = ProvincialPortalSource.Name;
        services.TryAddSingleton(TimeProvider.System);
        services.AddUpstreamRefitClient<IMotCuaTokenApi>(source, configuration, MotCuaJson.Wire, "provincial.token");
        services.AddUpstreamRefitClient<IMotCuaApi>(source, configuration, MotCuaJson.Wire, "provincial.api")
            .AddHttpMessageHandler(sp => new TenantHandler(sp.GetRequiredService<IOptionsMonitor<ProvincialPortalOptions>>()))
            .AddHttpMessageHandler(sp => new BearerTokenHandler(sp.GetRequiredService<MotCuaTokens>().Cache));
        services.AddUpstreamSettings<ProvincialPortalOptions>(source, configuration, source);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProvincialPortalOptions>, ProvincialPortalOptionsValidator>());
        services.TryAddSingleton<MotCuaTokens>();
        services.TryAddTransient<MotCuaClient>();
        services.TryAddTransient<ProvincialPortalLookup>();
        services.TryAddSingleton<MotCuaMapping>();
        // The hub's status sync delivers "provincial" events here.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDossierDestination, ProvincialDestination>());
        return services;
    }
}
