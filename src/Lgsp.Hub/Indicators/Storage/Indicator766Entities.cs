namespace Lgsp.Hub.Indicators.Storage;

/// <summary>
/// What one dossier adds to the 766 counters now (<c>indicator766_dossier_facts</c>): kept so that a change can take
/// the old contribution off and put the new one on, in the same transaction, without reading the dossier's history.
/// </summary>
internal sealed class Indicator766Fact
{
    public required string DossierCode { get; init; }

    public required string AgencyPath { get; set; }

    public required string ProcedureCode { get; set; }

    /// <summary>MaLinhVuc, empty when the dossier names none.</summary>
    public required string FieldCode { get; set; }

    /// <summary>The counters this dossier is in, each as <see cref="Indicator766Key.ToString"/>, joined by <c>;</c>.</summary>
    public required string Keys { get; set; }
}

/// <summary>
/// One incremental counter (<c>indicator766_counters</c>): how many dossiers of an agency, procedure and field are in
/// <see cref="Measure"/> for a month (yyyyMM, Vietnam time). Open dossiers are also keyed by their due day
/// (<see cref="DueDay"/>, yyyyMMdd, <see cref="Indicator766Key.NoDueDay"/> for none), so "overdue on day D" is a
/// sum, not a recount; every other measure has due day 0.
/// </summary>
internal sealed class Indicator766Counter
{
    public required string AgencyPath { get; init; }

    public required string ProcedureCode { get; init; }

    public required string FieldCode { get; init; }

    public int Month { get; init; }

    public int Measure { get; init; }

    public int DueDay { get; init; }

    public long Count { get; set; }
}
