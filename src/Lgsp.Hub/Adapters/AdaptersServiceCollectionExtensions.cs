namespace Microsoft.Extensions.DependencyInjection;

internal static class AdaptersServiceCollectionExtensions
{
    /// <summary>
    /// One adapter per national source, each configured from <c>Adapters:&lt;Source&gt;</c> (defaults in
    /// <c>config/sources.json</c>), validated on start, behind the SDK's resilience pipeline. The gateway resolves
    /// the source interfaces of <c>Lgsp.Core.Lookups</c> (<c>IBusinessRegistrySource</c>, …); tests may replace them.
    /// </summary>
    public static IServiceCollection AddLgspAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBusinessRegistryAdapter(configuration);
        services.AddPopulationAdapter(configuration);
        services.AddCivilRegistryAdapter(configuration);
        services.AddLandAdapter(configuration);
        services.AddSocialInsuranceAdapter(configuration);
        // The two sides of dossier status sync (destinations "dvcqg" and "provincial" of StatusSync).
        services.AddNationalPortalAdapter(configuration);
        // DVCQG's procedure catalogue, agencies and fields, for the hub's copy (Catalogue/).
        services.AddNationalPortalCatalogue(configuration);
        services.AddProvincialPortalAdapter(configuration);
        // Birth and death registrations pulled from the national side (StatusSync/NationalPull).
        services.AddLinkedDossierAdapter(configuration);
        return services;
    }
}
