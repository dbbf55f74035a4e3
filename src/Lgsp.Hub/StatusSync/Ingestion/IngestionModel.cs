using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.Errors;
using Lgsp.Core.Packets;
using Lgsp.Hub.Errors;

namespace Lgsp.Hub.StatusSync.Ingestion;

/// <summary>
/// One validated request: its changes in order, which side sent them, how to answer, and its idempotency key.
/// <paramref name="AlsoWrite"/>, when given, adds rows of its own in the same transaction, after the dossiers and
/// events and before the commit (the national dossier pull stores what it fetched with the dossier it became).
/// </summary>
internal sealed record IngestionRequest(string Source, IReadOnlyList<IngestionCommand> Commands, IngestionShape Shape, IdempotencyRequest? Idempotency,
    Func<Hub.Storage.HubDbContext, CancellationToken, Task>? AlsoWrite = null)
{
    /// <summary>A batch's item count: its commands (by <see cref="IngestionCommand.Index"/>) and its unreadable items.</summary>
    public int ItemCount { get; init; }

    /// <summary>A batch's items that could not be read, by index: they answer with their problem and write nothing.</summary>
    public IReadOnlyDictionary<int, ItemReadFailure> ReadFailures { get; init; } = new Dictionary<int, ItemReadFailure>();

    /// <summary>The language of the batch items' problem titles and messages (the stored answer keeps it).</summary>
    public bool English { get; init; }
}

/// <summary>A batch item refused while reading it; <paramref name="DossierCode"/> when its code could be read (its dossier's later items then depend on it).</summary>
internal sealed record ItemReadFailure(string? DossierCode, LgspException Error);

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

    /// <summary>The item's index in a batch (0 otherwise).</summary>
    public int Index { get; init; }

    /// <summary>The field naming the dossier: the dossier's <c>/code</c>, or the step list's code (route or <c>dossierCode</c>).</summary>
    public abstract string CodeField { get; }
}

/// <summary>Create or update a dossier; <see cref="IngestionCommand.Pointer"/> is where it is in the body ("" or <c>/items/3/dossier</c>).</summary>
internal sealed record UpsertDossier(Dossier Dossier, string Pointer) : IngestionCommand(Pointer)
{
    public override DossierCode Code => Dossier.Code;

    public override string CodeField => Pointer + "/code";
}

/// <summary>Append steps; <see cref="IngestionCommand.Pointer"/> is the step list (<c>/steps</c>), <paramref name="CodePointer"/> the code's field.</summary>
internal sealed record AppendSteps(DossierCode DossierCode, IReadOnlyList<ProcessingStep> Steps, string Pointer, string CodePointer) : IngestionCommand(Pointer)
{
    public override DossierCode Code => DossierCode;

    public override string CodeField => CodePointer;
}

/// <summary>The answer, already serialised: what an idempotent replay sends back byte for byte.</summary>
internal sealed record IngestionResponse(int StatusCode, byte[] Body, bool Replayed);

// ---- answers (schemas/dossiers/v1/ingestion-result.schema.json) ----

/// <summary>The stored dossier version a create or update resulted in (a repeat of the same content gets the same answer).</summary>
internal sealed record DossierAccepted(string DossierCode, int Version, int Status, Guid EventId, string IdempotencyKey);

internal sealed record StepAccepted(int Seq, int Status, Guid EventId, string IdempotencyKey);

internal sealed record StepsAccepted(string DossierCode, IReadOnlyList<StepAccepted> Steps);

/// <summary>One batch item's answer: its status and what was stored, or its problem (nothing of it was written).</summary>
internal sealed record BatchItemAccepted(int Index, int Status, DossierAccepted? Dossier, StepsAccepted? Progress, BatchItemProblem? Problem = null);

/// <summary>A failed batch item's ProblemDetails, as the hub answers a refused request (<c>urn:lgsp:error:&lt;code&gt;</c>, catalogue code, both languages, every field error).</summary>
internal sealed record BatchItemProblem(
    string Type, string Title, int Status, string? Detail, string Code, string FaultOrigin, BatchItemProblemMessage Message, IReadOnlyList<ProblemFieldError>? Errors,
    BatchItemProblemMessage? DetailMessage = null)
{
    public static BatchItemProblem From(LgspException error, bool english)
    {
        ArgumentNullException.ThrowIfNull(error);
        var e = error.Error;
        return new BatchItemProblem(
            ProblemDetailsMapper.TypePrefix + e.Code,
            english ? e.MessageEn : e.MessageVi,
            e.HttpStatus,
            error.Detail?.In(english),
            e.Code,
            e.Origin.ToString().ToLowerInvariant(),
            new BatchItemProblemMessage(e.MessageVi, e.MessageEn),
            error.FieldErrors.Count == 0 ? null : [.. error.FieldErrors.Select(f => new ProblemFieldError(f.Field, f.Reason, english ? f.MessageEn : f.MessageVi, f.MessageVi, f.MessageEn))],
            error.Detail is { } detail ? new BatchItemProblemMessage(detail.Vi, detail.En) : null);
    }
}

internal sealed record BatchItemProblemMessage(string Vi, string En);

internal sealed record BatchAccepted(IReadOnlyList<BatchItemAccepted> Items);
