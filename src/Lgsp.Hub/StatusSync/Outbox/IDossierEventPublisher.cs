using Lgsp.Core.StatusSync;

namespace Lgsp.Hub.StatusSync.Outbox;

/// <summary>
/// Where the outbox relay hands each event, in per-dossier order (one event of a dossier at a time, the next only
/// after this one returned). Returning means the event is durably on its way; the relay then never offers it
/// again (barring a crash between the two, hence at-least-once). Throwing means it is not: the relay retries the
/// same event with backoff and holds the dossier's later events back.
/// <para>
/// The embedded default is <see cref="InProcessDossierEventPublisher"/>, which delivers straight to the destination
/// (<see cref="DossierDelivery"/>). A Kafka publisher produces <see cref="OutboxMessage.Body"/> to the topic with
/// <see cref="DossierEvent.DossierCode"/> as the key (so one dossier stays in one partition, in order) and the trace
/// context in headers, awaiting the broker's acknowledgement; its consumer then calls <see cref="DossierDelivery"/>.
/// </para>
/// </summary>
internal interface IDossierEventPublisher
{
    /// <summary>Whether events for this destination can be published now; the relay leaves the others pending.</summary>
    bool Handles(string destination);

    Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>One outbox record: its position in the outbox (per-dossier order), the event, and its stored JSON bytes.</summary>
internal sealed record OutboxMessage(long OutboxId, DossierEvent Event, ReadOnlyMemory<byte> Body);

/// <summary>The embedded default: hands each event to the destination in this process, with the same durability.</summary>
internal sealed class InProcessDossierEventPublisher(DossierDelivery delivery) : IDossierEventPublisher
{
    public bool Handles(string destination) => delivery.HasDestination(destination);

    public Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return delivery.DeliverAsync(message.Event, cancellationToken);
    }
}
