using Lgsp.Adapters.Contract;
using Lgsp.Hub.Tests.Gateway;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Lgsp.Hub.Tests.Observability;

/// <summary>The gateway's hub with tracing on (<c>Observability:Tracing:Enabled</c>) and an in-memory exporter.</summary>
public sealed class TracingGatewayFixture : GatewayFixture
{
    public SpanLog Spans { get; } = new();

    protected override IDictionary<string, string?> AdapterSettings(SandboxFixture sandbox)
    {
        var settings = base.AdapterSettings(sandbox);
        settings["Observability:Tracing:Enabled"] = "true";
        return settings;
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.ConfigureOpenTelemetryTracerProvider(b => b.AddInMemoryExporter(Spans));
    }
}
