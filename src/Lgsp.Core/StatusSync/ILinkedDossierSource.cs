namespace Lgsp.Core.StatusSync;

/// <summary>
/// Dossiers submitted on DVCQG / VNeID for a service handled jointly (dịch vụ công liên thông: birth and death
/// registration), which the province must pull: list the ones not yet taken, fetch each, acknowledge it
/// (<c>daNhan</c>) once it is stored, and report its statuses back. Implemented by the national-portal adapter
/// (source <c>dvclt</c>); the hub's <c>NationalDossierPull</c> drives it.
/// </summary>
public interface ILinkedDossierSource
{
    /// <summary>The dossiers waiting for the province (not yet acknowledged).</summary>
    Task<IReadOnlyList<LinkedDossierListing>> ListPendingAsync(CancellationToken cancellationToken);

    /// <summary>One dossier in full, attachments included (their bytes decoded from base64).</summary>
    Task<LinkedDossier> FetchAsync(LinkedDossierListing listing, CancellationToken cancellationToken);

    /// <summary>Tells the national side the province has the dossier (<c>daNhan = true</c>); safe to repeat.</summary>
    Task AcknowledgeAsync(string nationalCode, CancellationToken cancellationToken);

    /// <summary>Reports a status of the dossier back; safe to repeat (the national side keeps the last).</summary>
    Task SendStatusAsync(LinkedDossierStatus status, CancellationToken cancellationToken);
}

/// <summary>A dossier as listed: its list id (used to fetch it), national code, module (<c>KS</c> birth, <c>KT</c> death), procedure, unit and receipt time.</summary>
public sealed record LinkedDossierListing(string Id, string NationalCode, string Module, string ProcedureCode, string UnitCode, string? ReceivedAt, string? TechId);

/// <summary>A fetched dossier: the listing's fields, the registration record (<c>hoTich</c>) as field → text, and its attachments.</summary>
public sealed record LinkedDossier(
    LinkedDossierListing Listing,
    IReadOnlyDictionary<string, string> Record,
    IReadOnlyList<LinkedAttachment> Attachments);

/// <summary>An attachment (<c>fileDinhKem</c>): id, document type and name, file name, withdrawn flag and the decoded content.</summary>
public sealed record LinkedAttachment(int Id, int DocumentType, string DocumentName, string FileName, bool Withdrawn, ReadOnlyMemory<byte> Content);

/// <summary>
/// A status for the national side (<c>trangThai</c> of the liên thông status call): the national procedure code, the
/// national code (<c>soHoSoLT</c>), the province's code (<c>maHoSo</c>), the status, when, and who and why.
/// </summary>
public sealed record LinkedDossierStatus(
    string ProcedureCode,
    string NationalCode,
    string LocalCode,
    int Status,
    DateTimeOffset At,
    string? Content,
    string? Actor,
    string? Note,
    DateTimeOffset? StartedAt,
    DateTimeOffset? DueAt);
