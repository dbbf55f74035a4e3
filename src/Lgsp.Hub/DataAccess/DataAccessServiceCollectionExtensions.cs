using Lgsp.Hub.DataAccess;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

internal static class DataAccessServiceCollectionExtensions
{
    /// <summary>
    /// Who read a person's data (Nghị định 13/2023): the report built from the message log, the recording of dossier
    /// and change-feed reads that return a person's identifiers, and the citizen's page.
    /// </summary>
    public static IServiceCollection AddLgspDataAccess(this IServiceCollection services)
    {
        services.TryAddSingleton<DataAccessReport>();
        services.TryAddSingleton<DossierReadRecorder>();
        return services;
    }

    public static WebApplication MapLgspDataAccess(this WebApplication app)
    {
        app.MapDataAccessApi();
        return app;
    }
}
