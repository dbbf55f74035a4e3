using Lgsp.Adapters.Sdk.Delivery;
using Lgsp.Core.Errors;
using Lgsp.Core.StatusSync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lgsp.Adapters.ProvincialPortal;

/// <summary>
/// The status-sync destination <c>provincial</c>: each event about a dossier submitted on DVCQG, handed to the
/// provincial one-stop system with the event's idempotency key (<c>&lt;code&gt;@&lt;version&gt;</c>,
/// <c>&lt;code&gt;#&lt;seq&gt;</c>) as <c>Idempotency-Key</c>, so a retry or a re-delivery is applied there once.
/// Returning means the system has it. Its refusal of the content (<c>upstream.provincial.rejected</c>) becomes
/// <see cref="DossierDeliveryRejectedException"/> (a dead letter); every other fault is thrown for the hub to retry.
/// A repeated key this instance delivered lately is dropped without a call (<see cref="DeliveredKeys"/>).
/// The HTTP client is resolved per delivery (the hub holds destinations for its lifetime), so reloads apply.
/// </summary>
internal sealed partial class ProvincialDestination(IServiceScopeFactory scopes, MotCuaMapping mapping, ILogger<ProvincialDestination> logger) : IDossierDestination
{
    private readonly DeliveredKeys _delivered = new();

    public string Name => SyncSides.Provincial;

    public async Task DeliverAsync(DossierEvent dossierEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dossierEvent);
        if (_delivered.Contains(dossierEvent.IdempotencyKey))
        {
            RepeatDropped(logger, dossierEvent.MessageId);
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var client = scope.ServiceProvider.GetRequiredService<MotCuaClient>();
        try
        {
            switch (dossierEvent.Payload)
            {
                case DossierUpdated updated:
                    await client.PutDossierAsync(dossierEvent.IdempotencyKey, mapping.ToHoSo(updated, dossierEvent.Source), cancellationToken).ConfigureAwait(false);
                    break;
                case DossierStatusChanged step:
                    await client.AddStepAsync(dossierEvent.IdempotencyKey, MotCuaMapping.ToStep(step), cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    throw new DossierDeliveryRejectedException($"The provincial destination does not handle {dossierEvent.Type} events.");
            }

            _delivered.Add(dossierEvent.IdempotencyKey);
            Delivered(logger, dossierEvent.MessageId);
        }
        catch (LgspException fault) when (fault.Error.Code == UpstreamErrors.For(ProvincialPortalSource.Name).Rejected.Code)
        {
            throw new DossierDeliveryRejectedException($"{fault.Error.Code}: {fault.Detail}", fault);
        }
    }

    // The event id only: no dossier code, name or other record data in logs.
    [LoggerMessage(EventId = 6700, Level = LogLevel.Debug, Message = "Dossier event {MessageId} delivered to the provincial one-stop system")]
    private static partial void Delivered(ILogger logger, Guid messageId);

    [LoggerMessage(EventId = 6701, Level = LogLevel.Debug, Message = "Dossier event {MessageId} was delivered to the provincial one-stop system before; the repeat is dropped")]
    private static partial void RepeatDropped(ILogger logger, Guid messageId);
}
