using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Lgsp.Hub.StatusSync;

/// <summary>The status sync's traces and metrics (exported with the hub's <c>Lgsp.*</c> meters). No personal data in tags.</summary>
internal static class StatusSyncTelemetry
{
    public const string Name = "Lgsp.StatusSync";

    public static readonly ActivitySource Activities = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> EventsRecorded = Meter.CreateCounter<long>("lgsp.status_sync.events_recorded", description: "Dossier events written to the outbox.");

    public static readonly Counter<long> EventsPublished = Meter.CreateCounter<long>("lgsp.status_sync.events_published", description: "Outbox events handed to the publisher.");

    public static readonly Counter<long> DeliveryFailures = Meter.CreateCounter<long>("lgsp.status_sync.delivery_failures", description: "Failed attempts to hand an event on.");

    public static readonly Counter<long> DeadLetters = Meter.CreateCounter<long>("lgsp.status_sync.dead_letters", description: "Events parked as dead letters.");
}
