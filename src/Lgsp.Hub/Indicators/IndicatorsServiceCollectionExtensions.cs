using Lgsp.Hub.Indicators;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

internal static class IndicatorsServiceCollectionExtensions
{
    /// <summary>
    /// The live Bộ chỉ số 766 (Indicators/README.md): scoring weights from <c>Indicators766</c> (validated on start,
    /// every bad value at once), the queries over the counters ingestion keeps, and the per-agency gauges.
    /// </summary>
    public static IServiceCollection AddLgspIndicators(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<Indicator766Options>().Bind(configuration.GetSection(Indicator766Options.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Indicator766Options>, Indicator766OptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Indicator766Queries>();
        services.AddHostedService<Indicator766Gauges>();
        return services;
    }

    public static WebApplication MapLgspIndicators(this WebApplication app)
    {
        app.MapIndicatorsApi();
        return app;
    }
}
