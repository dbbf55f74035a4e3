using Lgsp.Hub.Observability;
using Microsoft.AspNetCore.Routing;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// OpenTelemetry traces of every exchange and every status event, off by default. On when the standard OTLP variables
/// name a collector (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c>; the exporter then
/// reads the other <c>OTEL_EXPORTER_OTLP_*</c> variables itself), or when <c>Observability:Tracing:Enabled</c> is true
/// (a test's in-memory exporter). Spans: the incoming request (ASP.NET Core), the hub's own (<c>Lgsp.*</c>: access
/// check, upstream call, signature, message log; ingestion, Kafka produce, delivery) and every outgoing HTTP call,
/// gRPC included (HttpClient). Off, no listener exists and no span is created.
/// </summary>
internal static class TracingServiceCollectionExtensions
{
    public static IServiceCollection AddLgspTracing(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(TracingOptions.SectionName).Get<TracingOptions>() ?? new TracingOptions();
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]);
        if (!settings.Enabled && !otlp)
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ObservabilityExtensions.ServiceName, serviceInstanceId: settings.InstanceId))
            .WithTracing(t =>
            {
                t.AddSource("Lgsp.*")
                    .AddAspNetCoreInstrumentation(o =>
                    {
                        o.Filter = context => !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/metrics");
                        // A path can hold a citizen's identifier: spans keep the route's template, never the path.
                        o.EnrichWithHttpResponse = (activity, response) =>
                            activity.SetTag("url.path", (response.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)");
                    })
                    // So can an upstream URL: its span keeps the upstream's address only.
                    .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (activity, request) =>
                        activity.SetTag("url.full", request.RequestUri is { IsAbsoluteUri: true } uri ? uri.GetLeftPart(UriPartial.Authority) + "/…" : null));
                if (otlp)
                {
                    t.AddOtlpExporter();
                }
            });
        return services;
    }
}
