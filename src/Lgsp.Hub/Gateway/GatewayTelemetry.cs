using System.Diagnostics;

namespace Lgsp.Hub.Gateway;

/// <summary>
/// The gateway's spans, children of the incoming request's: <c>lgsp.gateway.access_check</c> (steps 3–6),
/// <c>lgsp.gateway.upstream</c> (step 7; the adapter's HTTP or gRPC call is its child), <c>lgsp.gateway.sign</c>
/// (step 9) and <c>lgsp.gateway.message_log</c> (step 10). Tags name the source and the exchange, never a subject.
/// </summary>
internal static class GatewayTelemetry
{
    public const string Name = "Lgsp.Gateway";

    public static readonly ActivitySource Activities = new(Name);

    public static Activity? Start(string name, string source, Guid exchangeId)
    {
        var activity = Activities.StartActivity(name, ActivityKind.Internal);
        activity?.SetTag("lgsp.source", source);
        activity?.SetTag("lgsp.exchange_id", exchangeId.ToString("D"));
        return activity;
    }
}
