using Lgsp.Adapters.NationalPortal;
using Lgsp.Adapters.NationalPortal.Wire;
using Lgsp.Adapters.Sdk.Auth;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Core.StatusSync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class NationalPortalServiceCollectionExtensions
{
    /// <summary>
    /// The national public-service portal (DVCQG) as the status-sync destination <c>dvcqg</c>
    /// (<see cref="IDossierDestination"/>), configured from <c>Adapters:dvcqg</c>: the connection
    /// (<see cref="UpstreamOptions"/>; <c>CredentialsSecret</c> names the secret holding
    /// <c>{"clientId":"…","clientSecret":"…"}</c>) and the province and mappings (<see cref="NationalPortalOptions"/>),
    /// both validated on start and on reload. The token endpoint and the API each have their own pipeline; the token is
    /// added inside the API's pipeline, so every attempt carries a valid one.
    /// </summary>
    public static IServiceCollection AddNationalPortalAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        const string source = NationalPortalSource.Name;
        services.TryAddSingleton(TimeProvider.System);
        services.AddUpstreamRefitClient<IDvcqgTokenApi>(source, configuration, DvcqgJson.Wire, "dvcqg.token");
        services.AddUpstreamRefitClient<IDvcqgApi>(source, configuration, DvcqgJson.Wire, "dvcqg.api")
            .AddHttpMessageHandler(sp => new BearerTokenHandler(sp.GetRequiredService<DvcqgTokens>().Cache));
        services.AddUpstreamSettings<NationalPortalOptions>(source, configuration, source);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NationalPortalOptions>, NationalPortalOptionsValidator>());
        services.TryAddSingleton<DvcqgTokens>();
        services.TryAddTransient<DvcqgClient>();
        services.TryAddTransient<DvcqgSync>();
        services.TryAddTransient<NationalPortalLookup>();
        services.TryAddSingleton<DvcqgMapping>();
        // The hub asks it which dossiers need a stored MaHoSoKhac, and under which unit.
        services.TryAddSingleton<IDossierAliasPolicy, DvcqgAliasPolicy>();
        // The hub's status sync delivers "dvcqg" events here (a deployment may register its own before: TryAddEnumerable).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDossierDestination, DvcqgDestination>());
        return services;
    }
}
