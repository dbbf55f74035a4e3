using Lgsp.Adapters.NationalPortal.LienThong;
using Lgsp.Core.StatusSync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class LinkedDossierServiceCollectionExtensions
{
    /// <summary>
    /// The national portal's liên thông dossier API (source <c>dvclt</c>, <c>Adapters:dvclt</c>) as the hub's
    /// <see cref="ILinkedDossierSource"/>: one HTTP client behind the SDK's pipeline (timeouts, retries of the
    /// idempotent calls, circuit, answer size cap <c>MaxAnswerBytes</c>), the login's token shared by every call.
    /// </summary>
    public static IServiceCollection AddLinkedDossierAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        const string source = LinkedDossierTokens.Source;
        services.TryAddSingleton(TimeProvider.System);
        services.AddUpstreamOptions(source, configuration);
        services.AddHttpClient(LinkedDossierSource.ClientName).AddUpstreamPipeline(source);
        services.AddUpstreamSettings<LinkedDossierOptions>(source, configuration, source);
        services.TryAddSingleton<LinkedDossierTokens>();
        services.TryAddSingleton<ILinkedDossierSource, LinkedDossierSource>();
        return services;
    }
}
