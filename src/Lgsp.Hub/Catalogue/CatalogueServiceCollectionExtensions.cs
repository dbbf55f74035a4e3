using Lgsp.Hub.Catalogue;
using Lgsp.Hub.Gateway;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

internal static class CatalogueServiceCollectionExtensions
{
    /// <summary>
    /// The hub's copy of the national procedure catalogue (<c>Catalogue</c> section): stored in the hub's database,
    /// refreshed on a schedule from <see cref="Lgsp.Core.Catalogue.IProcedureCatalogueSource"/>, and used to validate
    /// purposes, access rights and dossiers' procedure codes.
    /// </summary>
    public static IServiceCollection AddLgspCatalogue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CatalogueOptions>()
            .Bind(configuration.GetSection(CatalogueOptions.SectionName))
            .Validate(o => o.Interval >= TimeSpan.FromMinutes(1) && o.Interval <= TimeSpan.FromDays(7),
                "Catalogue:Interval must be between 00:01:00 and 7.00:00:00.")
            .ValidateOnStart();
        services.TryAddSingleton<ProcedureCatalogue>();
        services.TryAddSingleton(sp => new CatalogueClock(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<CatalogueRefresher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, CatalogueAccessRightsValidator>());
        services.AddHostedService<CatalogueRefreshService>();
        return services;
    }

    /// <summary>The procedure catalogue's read and refresh endpoints.</summary>
    public static WebApplication MapLgspCatalogue(this WebApplication app)
    {
        app.MapCatalogueApi();
        return app;
    }
}
