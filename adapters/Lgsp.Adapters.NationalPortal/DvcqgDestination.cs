using Lgsp.Adapters.Sdk.Delivery;
using Lgsp.Core.Errors;
using Lgsp.Core.StatusSync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lgsp.Adapters.NationalPortal;

/// <summary>
/// The status-sync destination <c>dvcqg</c>: each dossier event from the provincial side, made true at DVCQG.
/// A new dossier version → <see cref="DvcqgSync.PutDossierAsync"/> (lookup, create or update, "đã tồn tại" → update);
/// a new step → <see cref="DvcqgSync.PutProgressAsync"/> (only if DVCQG lacks the row). Returning means DVCQG has the
/// change (the hub then records it, or a Kafka consumer commits its offset). Re-delivery of an event DVCQG already has
/// sends nothing that changes DVCQG. A refusal of the content by DVCQG (<c>upstream.dvcqg.rejected</c>) cannot be cured
/// by retrying: it becomes <see cref="DossierDeliveryRejectedException"/> and the hub parks the event as a dead letter;
/// every other fault is thrown for the hub to retry. A repeated <see cref="DossierEvent.IdempotencyKey"/> this instance
/// delivered lately is dropped without a call (<see cref="DeliveredKeys"/>); an older repeat costs one lookup.
/// <para>
/// The hub holds destinations for its lifetime, so the HTTP client is resolved per delivery (in its own scope): a
/// reloaded <c>BaseUrl</c> and the client factory's handler rotation then apply to the next event.
/// </para>
/// </summary>
internal sealed partial class DvcqgDestination(IServiceScopeFactory scopes, DvcqgMapping mapping, ILogger<DvcqgDestination> logger) : IDossierDestination
{
    private readonly DeliveredKeys _delivered = new();

    public string Name => SyncSides.Dvcqg;

    public async Task DeliverAsync(DossierEvent dossierEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dossierEvent);
        if (_delivered.Contains(dossierEvent.IdempotencyKey))
        {
            Delivered(logger, dossierEvent.MessageId, "RepeatDropped");
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var sync = scope.ServiceProvider.GetRequiredService<DvcqgSync>();
        try
        {
            switch (dossierEvent.Payload)
            {
                case DossierUpdated updated:
                    var put = await sync.PutDossierAsync(mapping.ToHoSo(updated.Dossier), cancellationToken).ConfigureAwait(false);
                    Delivered(logger, dossierEvent.MessageId, put.ToString());
                    break;
                case DossierStatusChanged step:
                    var maHoSo = mapping.MaHoSoFor(step.DossierCode, step.DossierCodeAlias, dossierEvent.AgencyCode);
                    var sent = await sync.PutProgressAsync(maHoSo, [DvcqgMapping.ToRow(step, maHoSo)], cancellationToken).ConfigureAwait(false);
                    Delivered(logger, dossierEvent.MessageId, sent == 0 ? "RowAlreadyHeld" : "RowSent");
                    break;
                default:
                    throw new DossierDeliveryRejectedException($"The DVCQG destination does not handle {dossierEvent.Type} events.");
            }

            _delivered.Add(dossierEvent.IdempotencyKey);
        }
        catch (LgspException fault) when (fault.Error.Code == UpstreamErrors.For(NationalPortalSource.Name).Rejected.Code)
        {
            throw new DossierDeliveryRejectedException($"{fault.Error.Code}: {fault.Detail}", fault);
        }
    }

    // The event id only: no dossier code, name or other record data in logs.
    [LoggerMessage(EventId = 6601, Level = LogLevel.Debug, Message = "Dossier event {MessageId} delivered to DVCQG: {Outcome}")]
    private static partial void Delivered(ILogger logger, Guid messageId, string outcome);
}
