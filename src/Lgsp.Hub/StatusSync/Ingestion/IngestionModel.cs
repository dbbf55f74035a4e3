using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.Packets;

namespace Lgsp.Hub.StatusSync.Ingestion;

/// <summary>
/// One validated request: its changes in order, which side sent them, how to answer, and its idempotency key.
/// <paramref name="AlsoWrite"/>, when given, adds rows of its own in the same transaction, after the dossiers and
/// events and before the commit (the national dossier pull stores what it fetched with the dossier it became).
/// </summary>
internal sealed record IngestionRequest(string Source, IReadOnlyList<IngestionCommand> Commands, IngestionShape Shape, IdempotencyRequest? Idempotency,
    Func<Hub.Storage.HubDbContext, CancellationToken, Task>? AlsoWrite = null);

internal enum IngestionShape
{
    /// <summary>One dossier: 201 when it is version 1, else 200, with <see cref="DossierAccepted"/>.</summary>
    Dossier,

    /// <summary>Steps of one dossier: 201 with <see cref="StepsAccepted"/>.</summary>
    Steps,

    /// <summary>A batch: 200 with <see cref="BatchAccepted"/>, one answer per item.</summary>
    Batch,
}

/// <summary>An <c>Idempotency-Key</c> (unique per scope, i.e. per client) and the hash of the request it came with.</summary>
internal sealed record IdempotencyRequest(string Scope, string Key, string RequestHash);

internal abstract record IngestionCommand(string Pointer)
{
    public abstract DossierCode Code { get; }
}

/// <summary>Create or update a dossier; <see cref="IngestionCommand.Pointer"/> is where it is in the body ("" or <c>/items/3/dossier</c>).</summary>
internal sealed record UpsertDossier(Dossier Dossier, string Pointer) : IngestionCommand(Pointer)
{
    public override DossierCode Code => Dossier.Code;
}

/// <summary>Append steps; <see cref="IngestionCommand.Pointer"/> is the step list (<c>/steps</c>), <paramref name="CodePointer"/> the code's field.</summary>
internal sealed record AppendSteps(DossierCode DossierCode, IReadOnlyList<ProcessingStep> Steps, string Pointer, string CodePointer) : IngestionCommand(Pointer)
{
    public override DossierCode Code => DossierCode;
}

/// <summary>The answer, already serialised: what an idempotent replay sends back byte for byte.</summary>
internal sealed record IngestionResponse(int StatusCode, byte[] Body, bool Replayed);

// ---- answers (schemas/dossiers/v1/ingestion-result.schema.json) ----

/// <summary>The stored dossier version a create or update resulted in (a repeat of the same content gets the same answer).</summary>
internal sealed record DossierAccepted(string DossierCode, int Version, int Status, Guid EventId, string IdempotencyKey);

internal sealed record StepAccepted(int Seq, int Status, Guid EventId, string IdempotencyKey);

internal sealed record StepsAccepted(string DossierCode, IReadOnlyList<StepAccepted> Steps);

internal sealed record BatchItemAccepted(int Index, int Status, DossierAccepted? Dossier, StepsAccepted? Progress);

internal sealed record BatchAccepted(IReadOnlyList<BatchItemAccepted> Items);
