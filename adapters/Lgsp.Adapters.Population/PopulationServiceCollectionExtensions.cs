using Lgsp.Adapters.Population;
using Lgsp.Adapters.Population.Soap;
using Lgsp.Core.Lookups;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class PopulationServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="IPopulationSource"/> over the population service's SOAP endpoint, configured from
    /// <c>Adapters:Population</c>: the common <see cref="Lgsp.Adapters.Sdk.Options.UpstreamOptions"/> and
    /// <see cref="PopulationOptions"/> (<c>IntegrationCode</c>, the <c>Credentials</c> and <c>AnswerSignatures</c> profiles,
    /// <c>TrustedCertificatePath</c>, <c>ServicePath</c>),
    /// both validated on start. The SOAP client sits behind the standard pipeline; SOAP client faults are read inside
    /// it, so a refusal is never retried.
    /// </summary>
    public static IServiceCollection AddPopulationAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddUpstreamOptions(SourceNames.Population, configuration);
        services.AddUpstreamSettings<PopulationOptions>(SourceNames.Population, configuration, Microsoft.Extensions.Options.Options.DefaultName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PopulationOptions>, PopulationOptionsValidator>());

        services.AddHttpClient<PopulationSoapClient>("population.soap")
            .AddUpstreamPipeline(SourceNames.Population)
            .AddHttpMessageHandler(() => new SoapFaultHandler());
        services.TryAddSingleton<PopulationTrust>();
        services.TryAddSingleton<PopulationCredentials>();
        services.TryAddTransient<IPopulationSource, PopulationAdapter>();
        return services;
    }
}
