namespace Lgsp.Hub.StatusSync.Ingestion;

// The request bodies as they arrive: loosely typed (codes and instants are strings, enumerations are numbers) so
// that every wrong value can be reported with its own precise reason instead of the serializer's first complaint.
// The shape is schemas/dossiers/v1; DossierInputReader turns it into the canonical Lgsp.Core.Dossiers.Dossier.

internal sealed record DossierInput
{
    public string? Code { get; init; }

    public string? CodeAlias { get; init; }

    public string? ReceiptNo { get; init; }

    public ProcedureInput? Procedure { get; init; }

    public string? ReceivingAgencyCode { get; init; }

    public string? ProcessingAgencyName { get; init; }

    public int? Channel { get; init; }

    public string? SubmittedVia { get; init; }

    public PartyInput? Owner { get; init; }

    public PartyInput? Submitter { get; init; }

    public string? Summary { get; init; }

    public string? SubmittedAt { get; init; }

    public string? ReceivedAt { get; init; }

    public string? DueAt { get; init; }

    public string? ProcessingEndedAt { get; init; }

    public string? ResultReturnedAt { get; init; }

    public string? RejectedAt { get; init; }

    public int? Status { get; init; }

    public int? ReturnMethod { get; init; }

    public string? ReturnInfo { get; init; }

    public string? Note { get; init; }

    public bool? HasDigitizedComponents { get; init; }

    public bool? OwnerVneidVerified { get; init; }

    public int? PaidOnline { get; init; }

    public IReadOnlyList<string?>? ConnectedDatabases { get; init; }

    public IReadOnlyList<ComponentInput?>? Components { get; init; }

    public IReadOnlyList<FeeInput?>? Fees { get; init; }

    public IReadOnlyList<SupplementInput?>? Supplements { get; init; }

    public IReadOnlyList<ResultInput?>? Results { get; init; }
}

internal sealed record ProcedureInput
{
    public string? NationalCode { get; init; }

    public string? LocalCode { get; init; }

    public string? Name { get; init; }

    public string? FieldCode { get; init; }

    public string? FieldName { get; init; }
}

internal sealed record PartyInput
{
    public int? Kind { get; init; }

    public string? Name { get; init; }

    public IReadOnlyList<IdentifierInput?>? Identifiers { get; init; }

    public string? Phone { get; init; }

    public string? Email { get; init; }

    public string? Fax { get; init; }

    public string? Address { get; init; }
}

internal sealed record IdentifierInput
{
    public string? Type { get; init; }

    public string? Value { get; init; }
}

internal sealed record ComponentInput
{
    public string? FileId { get; init; }

    public string? ComponentCode { get; init; }

    public string? Name { get; init; }

    public int? CopyType { get; init; }

    public string? FileUrl { get; init; }

    public bool? Digitized { get; init; }

    public int? Reuse { get; init; }

    public bool? FromNationalStore { get; init; }

    public string? ReplacedByResultCode { get; init; }

    public bool? Deleted { get; init; }
}

internal sealed record FeeInput
{
    public string? Code { get; init; }

    public string? Name { get; init; }

    public int? Kind { get; init; }

    public int? CollectAt { get; init; }

    public decimal? Amount { get; init; }

    public bool? Paid { get; init; }
}

internal sealed record SupplementInput
{
    public string? Id { get; init; }

    public string? RequestedBy { get; init; }

    public string? Content { get; init; }

    public string? RequestedAt { get; init; }

    public string? ReceivedBy { get; init; }

    public string? ReceivedAt { get; init; }

    public string? ReceiptInfo { get; init; }

    public bool? Completed { get; init; }

    public string? PreviousDueAt { get; init; }

    public string? NewDueAt { get; init; }

    public IReadOnlyList<string?>? Documents { get; init; }

    public IReadOnlyList<FeeInput?>? Fees { get; init; }
}

internal sealed record ResultInput
{
    public string? ResultCode { get; init; }

    public string? NumberNotation { get; init; }

    public string? Name { get; init; }

    public string? ComponentCode { get; init; }

    public string? DocumentId { get; init; }

    public string? FileUrl { get; init; }

    public string? SignedAt { get; init; }

    public string? Issuer { get; init; }
}

/// <summary>The body of <c>POST /api/v1/dossiers/{code}/steps</c> (<c>CapNhatTienDoHoSoMC</c> content).</summary>
internal sealed record StepsInput
{
    public IReadOnlyList<StepInput?>? Steps { get; init; }
}

internal sealed record StepInput
{
    public int? Seq { get; init; }

    public int? Status { get; init; }

    public string? Actor { get; init; }

    public string? ActorTitle { get; init; }

    public string? Department { get; init; }

    public string? Note { get; init; }

    public string? OccurredAt { get; init; }

    public string? StepStartAt { get; init; }

    public string? StepDueAt { get; init; }
}

/// <summary>The body of <c>POST /api/v1/dossiers:batch</c>: dossier versions and step lists, applied in order, each item answering for itself.</summary>
internal sealed record BatchInput
{
    public IReadOnlyList<BatchItemInput?>? Items { get; init; }
}

/// <summary><see cref="BatchInput"/> as read: the items kept as JSON, so that one item's wrong value fails that item only.</summary>
internal sealed record BatchEnvelope
{
    public IReadOnlyList<System.Text.Json.JsonElement>? Items { get; init; }
}

/// <summary>Exactly one of <see cref="Dossier"/> and <see cref="Progress"/>.</summary>
internal sealed record BatchItemInput
{
    public DossierInput? Dossier { get; init; }

    public ProgressInput? Progress { get; init; }
}

internal sealed record ProgressInput
{
    public string? DossierCode { get; init; }

    public IReadOnlyList<StepInput?>? Steps { get; init; }
}
