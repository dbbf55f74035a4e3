using System.Diagnostics;
using Lgsp.Core.StatusSync;
using Lgsp.Hub.Storage;
using Lgsp.Hub.StatusSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.StatusSync.Outbox;

/// <summary>
/// The delivery code both transports share: calls the <see cref="IDossierDestination"/> named by the event, under
/// an activity whose parent is the trace context of the request that made the change, and records the outcome in
/// the dossier's sync state (success: synced up to this event, attempts reset; failure: one more attempt, the
/// reason). Retrying and dead-lettering are the caller's (the relay, or a Kafka consumer).
/// </summary>
internal sealed partial class DossierDelivery
{
    private readonly Dictionary<string, IDossierDestination> _destinations;
    private readonly IDbContextFactory<HubDbContext> _contexts;
    private readonly TimeProvider _time;
    private readonly ILogger<DossierDelivery> _logger;

    private readonly Operations.Maintenance.HubMaintenance? _maintenance;

    public DossierDelivery(
        IEnumerable<IDossierDestination> destinations, IDbContextFactory<HubDbContext> contexts, TimeProvider time, ILogger<DossierDelivery> logger,
        Operations.Maintenance.HubMaintenance? maintenance = null)
    {
        _maintenance = maintenance;
        ArgumentNullException.ThrowIfNull(destinations);
        _destinations = new Dictionary<string, IDossierDestination>(StringComparer.Ordinal);
        foreach (var destination in destinations)
        {
            // The last registration wins, so a test or a deployment can replace a destination.
            _destinations[destination.Name] = destination;
        }

        _contexts = contexts;
        _time = time;
        _logger = logger;
    }

    public bool HasDestination(string name) => _destinations.ContainsKey(name);

    /// <exception cref="DossierDeliveryFailedException">The destination did not take the event (attempts recorded).</exception>
    public async Task DeliverAsync(DossierEvent dossierEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dossierEvent);
        if (!_destinations.TryGetValue(dossierEvent.Destination, out var destination))
        {
            throw new InvalidOperationException($"No dossier destination named '{dossierEvent.Destination}' is registered.");
        }

        using (var activity = StartActivity(dossierEvent))
        {
            try
            {
                // The whole hub in maintenance: nothing leaves, and the event waits like one for a source switched off.
                if (_maintenance?.ForHub() is { } hubMaintenance)
                {
                    throw hubMaintenance.ToException();
                }

                await destination.DeliverAsync(dossierEvent, cancellationToken);
            }
            catch (Lgsp.Core.Errors.LgspException ex) when (ex.Error.Code == Lgsp.Core.Errors.ErrorCatalogue.SourceDisabled.Code
                || ex.Error.Code == Lgsp.Core.Errors.ErrorCatalogue.Maintenance.Code)
            {
                // The operators switched the destination off (maintenance): the event waits, no attempt is counted,
                // so a long maintenance never turns the dossier's events into dead letters.
                activity?.SetStatus(ActivityStatusCode.Error, "held");
                LogHeld(_logger, dossierEvent.Type, dossierEvent.Destination);
                throw new DossierDeliveryFailedException(0, ex, held: true);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                // Cancellation by the caller (shutdown, the relay's timeout) is the caller's to account for.
                activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
                var attempts = await RecordFailureAsync(dossierEvent.MessageId, Describe(ex));
                LogFailed(_logger, dossierEvent.Type, dossierEvent.Destination, attempts, ex.GetType().Name);
                throw new DossierDeliveryFailedException(attempts, ex);
            }
        }

        await RecordSuccessAsync(dossierEvent.MessageId);
    }

    /// <summary>The reason kept with the sync state and a dead letter (bounded; the exception type first).</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var text = $"{exception.GetType().Name}: {exception.Message}";
        return text.Length <= 2000 ? text : text[..2000];
    }

    private static Activity? StartActivity(DossierEvent e)
    {
        ActivityContext.TryParse(e.TraceParent, e.TraceState, out var parent);
        var activity = StatusSyncTelemetry.Activities.StartActivity("dossier.deliver", ActivityKind.Producer, parent);
        activity?.SetTag("lgsp.dossier.event_type", e.Type);
        activity?.SetTag("lgsp.dossier.destination", e.Destination);
        activity?.SetTag("messaging.message.id", e.MessageId.ToString());
        return activity;
    }

    // Recorded even when the caller is being cancelled: the destination may already have the event.
    private async Task RecordSuccessAsync(Guid eventId)
    {
        await using var db = await _contexts.CreateDbContextAsync(CancellationToken.None);
        await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE dossier_sync_states SET
              last_delivered_id = CASE WHEN e.id > dossier_sync_states.last_delivered_id THEN e.id ELSE dossier_sync_states.last_delivered_id END,
              state = CASE WHEN dossier_sync_states.state = 2 THEN 2 WHEN e.id >= dossier_sync_states.last_event_id THEN 1 ELSE 0 END,
              attempts = 0, last_error = NULL, last_synced_at = {1}
            FROM (SELECT id, dossier_code, destination FROM dossier_events WHERE event_id = {0}) AS e
            WHERE dossier_sync_states.dossier_code = e.dossier_code AND dossier_sync_states.destination = e.destination
            """,
            [eventId, _time.GetUtcNow().UtcDateTime], CancellationToken.None);
    }

    /// <summary>Counts a failed attempt on the event's dossier (for a caller that gave up waiting); returns the attempts so far.</summary>
    public async Task<int> RecordFailureAsync(Guid eventId, string reason)
    {
        await using var db = await _contexts.CreateDbContextAsync(CancellationToken.None);
        var attempts = await db.Database.SqlQueryRaw<int>(
            """
            UPDATE dossier_sync_states SET attempts = dossier_sync_states.attempts + 1, last_error = {1}
            FROM (SELECT dossier_code, destination FROM dossier_events WHERE event_id = {0}) AS e
            WHERE dossier_sync_states.dossier_code = e.dossier_code AND dossier_sync_states.destination = e.destination
            RETURNING dossier_sync_states.attempts AS "Value"
            """,
            eventId, reason).ToListAsync(CancellationToken.None);
        return attempts.Count == 0 ? 1 : attempts[0];
    }

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "A {EventType} event for {Destination} waits: the destination is switched off by the operators")]
    private static partial void LogHeld(ILogger logger, string eventType, string destination);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Delivery of a {EventType} event to {Destination} failed (attempt {Attempts}): {Error}")]
    private static partial void LogFailed(ILogger logger, string eventType, string destination, int attempts, string error);
}

/// <summary>A destination did not take an event; <see cref="Attempts"/> is the dossier's count of failed attempts so far.</summary>
internal sealed class DossierDeliveryFailedException : Exception
{
    public DossierDeliveryFailedException(int attempts, Exception innerException, bool held = false)
        : base(held ? "Delivery held: the destination is switched off." : $"Delivery failed (attempt {attempts}).", innerException)
    {
        Attempts = attempts;
        IsHeld = held;
    }

    /// <summary>How long a held event waits before the destination is tried again (it may have been switched back on).</summary>
    public static readonly TimeSpan HeldRetryDelay = TimeSpan.FromSeconds(5);

    public DossierDeliveryFailedException()
    {
    }

    public DossierDeliveryFailedException(string message)
        : base(message)
    {
    }

    public DossierDeliveryFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Attempts { get; }

    /// <summary>The destination is switched off by the operators: the event waits without counting an attempt.</summary>
    public bool IsHeld { get; }

    /// <summary>The destination refused the content for good: retrying cannot help.</summary>
    public bool IsPermanent => InnerException is DossierDeliveryRejectedException;
}
