namespace Lgsp.Sandbox.Control.Faults;

/// <summary>
/// What the fault switches need to know about one stand-in: its source name (as in <c>upstream.&lt;source&gt;.*</c>),
/// the paths it serves (all counted), the paths a fault applies to (by default all of them; a gateway's token
/// endpoint, for instance, keeps answering while the registry behind it is down), its natural latency, and what
/// an unreadable answer of its protocol looks like. gRPC stand-ins declare their service paths
/// (<c>/package.Service/</c>); a gRPC request gets its faults as gRPC statuses.
/// </summary>
internal sealed record StandIn
{
    public required string Source { get; init; }

    /// <summary>Path prefixes this stand-in serves, e.g. <c>/apiCSDLDKDN/</c>.</summary>
    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary>Prefixes faults apply to; null means every path in <see cref="Paths"/>.</summary>
    public IReadOnlyList<string>? FaultPaths { get; init; }

    /// <summary>Whether the stand-in signs its answers, so that <c>badsignature</c> means something.</summary>
    public bool Signs { get; init; }

    /// <summary>A real system never answers at once: a uniform delay in this range on every call (off with <c>Sandbox:NaturalLatency=false</c>).</summary>
    public (int MinMs, int MaxMs) NaturalLatency { get; init; } = (5, 30);

    /// <summary>The content type and body of a <c>malformed</c> answer over HTTP: cut short, so no parser can read it.</summary>
    public string MalformedContentType { get; init; } = "application/json; charset=utf-8";

    public string MalformedBody { get; init; } = "{\"Data\":{\"MainInformation\":{\"NAME\":\"CÔNG TY";

    public bool Serves(PathString path) => Paths.Any(p => path.StartsWithSegments(p.TrimEnd('/'), StringComparison.Ordinal));

    public bool Faults(PathString path) => (FaultPaths ?? Paths).Any(p => path.StartsWithSegments(p.TrimEnd('/'), StringComparison.Ordinal));
}
