namespace Lgsp.Adapters.Sdk.Resilience;

/// <summary>Names of the pipelines, as they appear in Polly's telemetry (<c>pipeline.name</c>).</summary>
public static class UpstreamPipelines
{
    public static string NameFor(string source, string clientName) =>
        clientName.StartsWith(source, StringComparison.Ordinal) ? "upstream-" + clientName : $"upstream-{source}-{clientName}";
}
