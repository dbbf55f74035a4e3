using Lgsp.Hub.StatusSync;
using Lgsp.Hub.StatusSync.Ingestion;
using Lgsp.Hub.StatusSync.Outbox;
using Lgsp.Hub.StatusSync.NationalPull;
using Lgsp.Hub.StatusSync.Queries;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

internal static class StatusSyncServiceCollectionExtensions
{
    /// <summary>
    /// Dossier status sync: ingestion with its outbox, the relay (in-process publisher unless a transport registered
    /// its own <see cref="IDossierEventPublisher"/> first), delivery to the registered <c>IDossierDestination</c>s,
    /// dead letters and the read side. Call after <c>AddLgspStorage</c> (the relay starts once migrations ran).
    /// </summary>
    public static IServiceCollection AddLgspStatusSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<StatusSyncOptions>()
            .Bind(configuration.GetSection(StatusSyncOptions.SectionName))
            .ValidateDataAnnotations();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<OutboxStore>();
        services.TryAddSingleton<FeedSequencer>();
        services.TryAddSingleton<DossierIngestion>();
        services.TryAddSingleton<DossierDelivery>();
        services.TryAddSingleton<DossierDeadLetters>();
        services.TryAddSingleton<DeliveryFailurePolicy>();
        services.TryAddSingleton<DossierQueries>();
        services.TryAddSingleton<IDossierEventPublisher, InProcessDossierEventPublisher>();
        services.TryAddSingleton<DossierOutboxRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<DossierOutboxRelay>());

        // Birth and death registrations pulled from the national side (NationalPull/), on a schedule.
        services.AddOptionsWithValidateOnStart<Lgsp.Hub.StatusSync.NationalPull.NationalDossierPullOptions>()
            .Bind(configuration.GetSection(Lgsp.Hub.StatusSync.NationalPull.NationalDossierPullOptions.SectionName))
            .ValidateDataAnnotations();
        services.TryAddKeyedSingleton(Lgsp.Hub.StatusSync.NationalPull.NationalDossierPullService.ClockKey, (sp, _) => sp.GetRequiredService<TimeProvider>());
        services.TryAddSingleton<Lgsp.Hub.StatusSync.NationalPull.NationalDossierPuller>();
        services.AddHostedService<Lgsp.Hub.StatusSync.NationalPull.NationalDossierPullService>();
        return services;
    }

    /// <summary>The sync API (both sides' dossier endpoints, reconciliation), its dead letters and the national pull's controls.</summary>
    public static WebApplication MapLgspStatusSync(this WebApplication app)
    {
        app.MapStatusSyncApi();
        app.MapDeadLettersApi();
        app.MapNationalDossierPullApi();
        return app;
    }
}
