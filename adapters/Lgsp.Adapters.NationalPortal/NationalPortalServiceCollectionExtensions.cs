using Lgsp.Adapters.NationalPortal;
using Lgsp.Adapters.NationalPortal.Wire;
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
    /// <c>{"clientId":"…","clientSecret":"…"}</c> for OAuth or <c>{"username":"…","password":"…"}</c> for session
    /// login) and the profile, paths, province and mappings (<see cref="NationalPortalOptions"/>), both validated on
    /// start and on reload. The token or login endpoint and the API each have their own pipeline; the token or session
    /// is added inside the API's pipeline, so every attempt carries a valid one.
    /// </summary>
    public static IServiceCollection AddNationalPortalAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        const string source = NationalPortalSource.Name;
        services.TryAddSingleton(TimeProvider.System);
        services.AddUpstreamOptions(source, configuration);
        services.AddHttpClient<DvcqgAuthHttp>("dvcqg.token").AddUpstreamPipeline(source);
        services.AddHttpClient<DvcqgHttp>("dvcqg.api").AddUpstreamPipeline(source)
            .AddHttpMessageHandler(sp => new DvcqgAuthHandler(sp.GetRequiredService<DvcqgTokens>(), sp.GetRequiredService<IOptionsMonitor<NationalPortalOptions>>()));
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
