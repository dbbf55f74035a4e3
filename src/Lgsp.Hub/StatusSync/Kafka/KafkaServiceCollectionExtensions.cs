using Lgsp.Hub.Gateway.MessageLog;
using Lgsp.Hub.StatusSync.Kafka;
using Lgsp.Hub.StatusSync.Outbox;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

internal static class KafkaServiceCollectionExtensions
{
    /// <summary>
    /// The Kafka transport of the status sync, only when <c>Kafka:BootstrapServers</c> is set: the relay then publishes
    /// to Kafka (<see cref="KafkaDossierEventPublisher"/>) and a consumer-group member on every instance delivers
    /// (<see cref="KafkaDossierConsumer"/>); the message log's signed checkpoints go to <c>Kafka:CheckpointTopic</c> too. Call before <c>AddLgspStatusSync</c>, whose in-process publisher is the
    /// fallback. The section is validated on start either way (a typo in an unused section is still a typo).
    /// </summary>
    public static IServiceCollection AddLgspKafka(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(KafkaOptions.SectionName);
        services.AddOptionsWithValidateOnStart<KafkaOptions>().Bind(section).ValidateDataAnnotations();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>());
        if (string.IsNullOrWhiteSpace(section[nameof(KafkaOptions.BootstrapServers)]))
        {
            return services;
        }

        services.TryAddSingleton<KafkaClients>();
        services.TryAddSingleton<KafkaProducer>();
        services.TryAddSingleton<KafkaDeliveryGate>();
        services.TryAddSingleton<KafkaDossierEventPublisher>();
        services.TryAddSingleton<IDossierEventPublisher>(sp => sp.GetRequiredService<KafkaDossierEventPublisher>());
        services.TryAddSingleton<KafkaDossierMessageHandler>();
        services.AddHostedService<KafkaDossierConsumer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageLogCheckpointPublisher, KafkaCheckpointPublisher>());
        return services;
    }
}
