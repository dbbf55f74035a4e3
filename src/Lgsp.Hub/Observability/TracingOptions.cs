namespace Lgsp.Hub.Observability;

/// <summary><c>Observability:Tracing</c>: traces without a collector named by the OTLP variables (tests, a custom exporter).</summary>
public sealed class TracingOptions
{
    public const string SectionName = "Observability:Tracing";

    /// <summary>Record traces even when no OTLP collector is configured.</summary>
    public bool Enabled { get; set; }

    /// <summary>The <c>service.instance.id</c> of this hub's spans (default: chosen by the SDK).</summary>
    public string? InstanceId { get; set; }
}
