using Lgsp.Adapters.Sdk.Options;
using Lgsp.Hub.Operations;
using Lgsp.Hub.Operations.Settings;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

internal static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// The operators' control of the adapters and of the clients' access rights: the settings layer they are bound from
    /// (<paramref name="runtimeSettings"/>, made over the configuration in <c>Program.cs</c>), its versions in the
    /// database and their distribution to every instance, the base-URL host allowlist and the control API's logic.
    /// </summary>
    public static IServiceCollection AddLgspOperations(this IServiceCollection services, IConfiguration configuration, RuntimeSettings runtimeSettings)
    {
        services.AddOptions<OperationsOptions>().Bind(configuration.GetSection(OperationsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OperationsOptions>, OperationsOptionsValidator>());
        services.TryAddSingleton<IUpstreamHostResolver, DnsUpstreamHostResolver>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UpstreamOptions>, UpstreamHostAllowlistValidator>());
        services.AddSingleton(runtimeSettings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<DeploymentFixedSettings>();
        services.AddSingleton<SettingsSync>();
        services.AddHostedService(sp => sp.GetRequiredService<SettingsSync>());
        services.AddSingleton<SettingsDocuments>();
        services.AddSingleton<AdapterControl>();
        services.AddSingleton<AccessRightsControl>();
        services.TryAddSingleton<Lgsp.Hub.Operations.Maintenance.HubMaintenance>();
        services.AddSingleton<Lgsp.Hub.Operations.Maintenance.MaintenanceControl>();
        // The connectivity test: a plain client (no pipeline, no credentials), never following redirects elsewhere.
        services.AddHttpClient(AdapterControl.ProbeClient)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan);
        return services;
    }

    /// <summary>The operators' control API: adapters' settings and access rights (versioned, validated, rolled back).</summary>
    public static WebApplication MapLgspOperations(this WebApplication app)
    {
        app.MapAdaptersApi();
        app.MapAccessRightsApi();
        app.MapClientUsageApi();
        app.MapMaintenanceApi();
        return app;
    }
}
