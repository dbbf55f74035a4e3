using Lgsp.Adapters.NationalPortal;
using Lgsp.Core.Catalogue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class DvcqgCatalogueServiceCollectionExtensions
{
    /// <summary>
    /// DVCQG's procedure catalogue, agencies and fields as <see cref="IProcedureCatalogueSource"/>, on the national
    /// portal's connection (<c>Adapters:dvcqg</c>: base URL, pipeline, credentials) plus <c>CataloguePath</c>. Calls
    /// <see cref="NationalPortalServiceCollectionExtensions.AddNationalPortalAdapter"/> first (its options and token).
    /// </summary>
    public static IServiceCollection AddNationalPortalCatalogue(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        const string source = NationalPortalSource.Name;
        services.AddNationalPortalAdapter(configuration);
        services.AddUpstreamSettings<DvcqgCatalogueOptions>(source, configuration, DvcqgCatalogueOptions.OptionsName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DvcqgCatalogueOptions>, DvcqgCatalogueOptionsValidator>());
        // On the dossier API's connection (DvcqgHttp): its pipeline and the profile's authentication, per attempt.
        services.TryAddTransient<IProcedureCatalogueSource, DvcqgCatalogueClient>();
        return services;
    }
}
