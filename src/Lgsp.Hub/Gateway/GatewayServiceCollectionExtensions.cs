using Lgsp.Hub.Gateway;
using Lgsp.Hub.Gateway.AccessRights;
using Lgsp.Hub.Gateway.Limits;
using Lgsp.Hub.Gateway.MessageLog;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

internal static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// The lookup gateway: access rights (<c>Gateway:AccessRights</c>, validated on start, reloadable), the message log
    /// (background group-commit writer, keyed subject hash, signed checkpoints published to a file and, with
    /// Kafka, to its topic) and the exchange itself. The source interfaces come from
    /// <c>AddLgspAdapters</c>; a source without an adapter answers <c>hub.source_disabled</c>.
    /// </summary>
    public static IServiceCollection AddLgspGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<GatewayOptions>()
            .Bind(configuration.GetSection(GatewayOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // The registry re-reads the rights from the configuration the gateway is bound from (operators' versions included).
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<AccessRightsRegistry>(sp, configuration));
        services.TryAddSingleton<DailyQuotaCounter>();
        services.TryAddSingleton<ClientLimitRefusals>();
        services.TryAddSingleton<ClientLimits>();
        services.TryAddSingleton<SubjectHasher>();
        services.TryAddSingleton<MessageLogCheckpointPublishing>();
        services.AddHostedService(sp => sp.GetRequiredService<MessageLogCheckpointPublishing>());
        services.TryAddSingleton<MessageLogCheckpoints>();
        services.TryAddSingleton<CheckpointFilePublisher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageLogCheckpointPublisher, CheckpointFilePublisher>(sp => sp.GetRequiredService<CheckpointFilePublisher>()));
        services.AddHostedService<MessageLogCheckpointTimer>();
        services.TryAddSingleton<MessageLogRetention>();
        services.AddHostedService<MessageLogRetentionTimer>();
        services.TryAddSingleton<MessageLogWriter>();
        services.TryAddSingleton<IMessageLog>(sp => sp.GetRequiredService<MessageLogWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<MessageLogWriter>());
        services.AddHostedService<GatewayInitializer>();
        services.TryAddSingleton<LookupGateway>();
        return services;
    }

    public static WebApplication MapLgspGateway(this WebApplication app)
    {
        app.MapGatewayApi();
        app.MapKeysApi();
        return app;
    }
}
