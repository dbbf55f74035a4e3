using Lgsp.Core.Codes;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

internal static class DossiersServiceCollectionExtensions
{
    /// <summary>
    /// Dossier codes: <see cref="DossierCodeGenerator"/> over the <see cref="IDossierSequence"/> that storage
    /// registers (shared by every hub instance), on the system clock unless a test supplies its own.
    /// </summary>
    public static IServiceCollection AddLgspDossiers(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DossierCodeGenerator>();
        return services;
    }
}
