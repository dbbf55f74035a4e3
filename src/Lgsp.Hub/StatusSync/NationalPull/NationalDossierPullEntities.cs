namespace Lgsp.Hub.StatusSync.NationalPull;

/// <summary>
/// A dossier pulled from the national side (table <c>national_dossier_pulls</c>), written in the same transaction as
/// the hub dossier it became: its existence means "stored", so it is never fetched or ingested again; acknowledging
/// and reporting statuses back are recorded on it as they succeed.
/// </summary>
internal sealed class NationalDossierPullRecord
{
    public long Id { get; set; }

    /// <summary>The national code (<c>maHoSo</c> of the list), unique.</summary>
    public required string NationalCode { get; init; }

    public required string ListId { get; init; }

    /// <summary><c>KS</c> (birth) or <c>KT</c> (death).</summary>
    public required string Module { get; init; }

    public required string ProcedureCode { get; init; }

    public required string UnitCode { get; init; }

    /// <summary>The hub's dossier code (a new Điều 19 code of the receiving agency); the national code is its alias.</summary>
    public required string DossierCode { get; init; }

    public DateTimeOffset StoredAt { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public int AckAttempts { get; set; }

    public DateTimeOffset? ReceiptSentAt { get; set; }

    /// <summary>The last processing step whose status went back (0: none yet).</summary>
    public int StatusSentSeq { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? LastErrorAt { get; set; }
}

/// <summary>An attachment of a pulled dossier (table <c>national_dossier_pull_attachments</c>): kept in full, with its digest and size.</summary>
internal sealed class NationalDossierPullAttachment
{
    public long Id { get; set; }

    public required string NationalCode { get; init; }

    public int FileId { get; init; }

    public int DocumentType { get; init; }

    public required string DocumentName { get; init; }

    public required string FileName { get; init; }

    public bool Withdrawn { get; init; }

    /// <summary>SHA-256 of the content, lower-case hex.</summary>
    public required string Sha256 { get; init; }

    public long Size { get; init; }

    public required byte[] Content { get; init; }
}

/// <summary>One pull (table <c>national_dossier_pull_runs</c>): what the operators' view shows.</summary>
internal sealed class NationalDossierPullRun
{
    public long Id { get; set; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset EndedAt { get; set; }

    public int Listed { get; set; }

    public int Stored { get; set; }

    public int AlreadyStored { get; set; }

    public int Acknowledged { get; set; }

    public int StatusesSent { get; set; }

    public int Failed { get; set; }

    /// <summary>The failures of the run, one per line (<c>national code: error code: message</c>), at most 4000 characters.</summary>
    public string? Errors { get; set; }
}
