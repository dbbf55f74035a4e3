namespace Lgsp.Core.StatusSync;

/// <summary>
/// Where dossier changes are delivered: one implementation per side, registered under its <see cref="Name"/>
/// (<see cref="SyncSides.Dvcqg"/> for the national-portal adapter, <see cref="SyncSides.Provincial"/> for the
/// provincial one-stop adapter). The hub calls it with one dossier's events strictly in order, one at a time, and
/// at least once: the same <see cref="DossierEvent.IdempotencyKey"/> may arrive again after a crash or a retry and
/// must then change nothing.
/// <para>
/// Returning means the other side has the change. Throwing means it has not: the hub retries with exponential
/// backoff and holds back that dossier's later events meanwhile (other dossiers go on). Throw
/// <see cref="DossierDeliveryRejectedException"/> when retrying cannot help (the other side refused the content);
/// the event is then parked as a dead letter at once, with the reason, until an operator replays it.
/// </para>
/// </summary>
public interface IDossierDestination
{
    /// <summary>The side this destination delivers to, matched against <see cref="DossierEvent.Destination"/>.</summary>
    string Name { get; }

    Task DeliverAsync(DossierEvent dossierEvent, CancellationToken cancellationToken);
}

/// <summary>The destination refused the event for good (retrying the same content cannot succeed).</summary>
public sealed class DossierDeliveryRejectedException : Exception
{
    public DossierDeliveryRejectedException()
        : base("The destination rejected the event.")
    {
    }

    public DossierDeliveryRejectedException(string message)
        : base(message)
    {
    }

    public DossierDeliveryRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
