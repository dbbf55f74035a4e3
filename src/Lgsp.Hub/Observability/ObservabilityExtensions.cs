using Lgsp.Hub.Observability;
using Lgsp.Hub.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Microsoft.Extensions.DependencyInjection;

internal static class ObservabilityExtensions
{
    public const string ServiceName = "lgsp-hub";
    private const string ReadyTag = "ready";

    /// <summary>
    /// Metrics for Prometheus (ASP.NET Core, Kestrel, runtime, the hub's own meters including the adapters'
    /// <c>Lgsp.Adapters</c>, and Polly's resilience events of every upstream pipeline), structured logs,
    /// and health checks. Logs never carry personal data: request paths can contain identifiers, so the
    /// framework's per-request logs are kept at Warning in appsettings.json.
    /// </summary>
    public static IServiceCollection AddLgspObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime", "Lgsp.*", "Polly")
                .AddPrometheusExporter());

        // Readiness: the database, the packet-signing key, Kafka's metadata when Kafka is configured, and not stopping.
        var health = services.AddHealthChecks()
            .AddDbContextCheck<HubDbContext>("database", HealthStatus.Unhealthy, [ReadyTag])
            .AddCheck<SigningKeyReadinessCheck>("signingKey", HealthStatus.Unhealthy, [ReadyTag])
            .AddCheck<StoppingReadinessCheck>("stopping", HealthStatus.Unhealthy, [ReadyTag]);
        if (!string.IsNullOrWhiteSpace(configuration[$"{Lgsp.Hub.StatusSync.Kafka.KafkaOptions.SectionName}:{nameof(Lgsp.Hub.StatusSync.Kafka.KafkaOptions.BootstrapServers)}"]))
        {
            services.AddSingleton<KafkaReadinessCheck>();
            health.AddCheck<KafkaReadinessCheck>("kafka", HealthStatus.Unhealthy, [ReadyTag], KafkaReadinessCheck.Timeout * 2);
        }

        // Shutdown: the host's grace period (requests in flight, the message log's last checkpoint, consumer offsets).
        services.AddOptionsWithValidateOnStart<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.SectionName));
        services.AddSingleton<IValidateOptions<ShutdownOptions>, ShutdownOptionsValidator>();
        services.AddSingleton<IConfigureOptions<HostOptions>, ShutdownHostOptionsSetup>();
        return services;
    }

    public static WebApplication MapLgspObservability(this WebApplication app)
    {
        // Liveness: the process answers. Readiness: it can serve (database, signing key, Kafka when configured, not stopping). Both on every port (the load balancer
        // probes the public one); metrics only on the management endpoint (ManagementEndpoint.cs).
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthResponseWriter.WriteAsync });
        app.MapPrometheusScrapingEndpoint("/metrics").OnManagementEndpoint();
        return app;
    }
}
