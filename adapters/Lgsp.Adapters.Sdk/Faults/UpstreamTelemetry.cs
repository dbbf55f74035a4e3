using System.Diagnostics.Metrics;
using Lgsp.Core.Errors;

namespace Lgsp.Adapters.Sdk.Faults;

/// <summary>
/// The adapters' own meter (<c>Lgsp.Adapters</c>, exported by the hub with the other <c>Lgsp.*</c> meters): faults by
/// source and catalogue code. Retries, breaker state and timeouts are on Polly's meter (<c>Polly</c>), tagged with
/// the pipeline name <c>upstream-&lt;source&gt;…</c>. Tags carry codes only, never request data.
/// </summary>
internal static class UpstreamTelemetry
{
    public const string MeterName = "Lgsp.Adapters";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Faults = Meter.CreateCounter<long>(
        "lgsp.upstream.faults", unit: "{fault}", description: "Upstream calls that ended in a catalogue error, by source and code.");

    public static void Fault(string source, ErrorDescriptor error) =>
        Faults.Add(1, new KeyValuePair<string, object?>("lgsp.source", source), new KeyValuePair<string, object?>("lgsp.error.code", error.Code),
            new KeyValuePair<string, object?>("lgsp.fault.origin", error.Origin.ToString().ToLowerInvariant()));
}
