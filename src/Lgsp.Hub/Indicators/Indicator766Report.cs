namespace Lgsp.Hub.Indicators;

/// <summary>The answer of <c>GET /api/v1/indicators/766</c>.</summary>
/// <param name="Agency">The agency asked about (canonical code); <see cref="Total"/> covers it and every unit under it.</param>
/// <param name="ReferenceDay">The day open dossiers are judged on: today, or the period's last day if it is over.</param>
/// <param name="Units">Each unit under the agency that has dossiers (and the units between), its figures covering its own units too.</param>
internal sealed record Indicator766Report(
    string Agency,
    string AgencyShortForm,
    string Period,
    string FromMonth,
    string ToMonth,
    DateOnly ReferenceDay,
    Indicator766Figures Total,
    IReadOnlyList<Indicator766UnitRow> Units,
    IReadOnlyList<Indicator766ProcedureRow> Procedures,
    IReadOnlyList<Indicator766FieldRow> Fields,
    IReadOnlyList<Indicator766MonthRow> Months);

internal sealed record Indicator766UnitRow(string Agency, string AgencyShortForm, string? Parent, int Level, Indicator766Figures Figures);

internal sealed record Indicator766ProcedureRow(string Procedure, string Field, Indicator766Figures Figures);

internal sealed record Indicator766FieldRow(string Field, Indicator766Figures Figures);

/// <summary>One month of the period on its own (open dossiers judged on that month's last day, or today).</summary>
internal sealed record Indicator766MonthRow(string Month, Indicator766Figures Figures);

internal sealed record Indicator766Figures(Indicator766Counts Counts, Indicator766Rates Rates, Indicator766Points Points);

/// <summary>
/// Dossiers counted: received (not refused) in the period and, of those, online, with fees, paid online, with
/// digitized components; closed in the period on time (early or on the due day) or late; open now and received by the
/// period's end, on time or overdue on the reference day; paused now (excluded from progress).
/// </summary>
internal sealed record Indicator766Counts(
    long Received,
    long ReceivedOnline,
    long WithFees,
    long PaidOnline,
    long Digitized,
    long ClosedOnTime,
    long ClosedLate,
    long OpenOnTime,
    long OpenOverdue,
    long Paused)
{
    /// <summary>The progress indicator's denominator: closed in the period and open, paused excluded.</summary>
    public long Judged => ClosedOnTime + ClosedLate + OpenOnTime + OpenOverdue;
}

/// <summary>Shares in percent (two decimals); null when nothing is there to divide.</summary>
/// <param name="Progress">(closed on time + open on time) / judged: chỉ tiêu 2.1.</param>
/// <param name="Online">received online / received: chỉ tiêu 3.3 without the sync coefficient.</param>
/// <param name="OnlinePayment">paid online / with fees: chỉ tiêu 3.6.</param>
/// <param name="Digitized">with digitized components / received (HoSoCoThanhPhanSoHoa).</param>
internal sealed record Indicator766Rates(
    decimal? Progress,
    decimal? ClosedOnTime,
    decimal? ClosedLate,
    decimal? OpenOnTime,
    decimal? OpenOverdue,
    decimal? Online,
    decimal? OnlinePayment,
    decimal? Digitized);

/// <summary>Points per group under the configured weights (<see cref="Indicator766Options"/>); <see cref="Total"/> sums the groups that have a rate.</summary>
internal sealed record Indicator766Points(decimal? Progress, decimal? OnlineService, decimal? OnlinePayment, decimal? Digitization, decimal Total, decimal Max);
