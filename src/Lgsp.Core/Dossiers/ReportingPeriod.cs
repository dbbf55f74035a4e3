using Lgsp.Core.Errors;
using Lgsp.Core.Time;

namespace Lgsp.Core.Dossiers;

/// <summary>A 766 reporting period, half-open: [<see cref="Start"/>, <see cref="End"/>), in +07:00.</summary>
public sealed record ReportingPeriod
{
    /// <exception cref="LgspException"><see cref="ErrorCatalogue.ValidationFailed"/> when end is not after start.</exception>
    public ReportingPeriod(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
        {
            var error = new FieldError("end", "period.order",
                "Thời điểm kết thúc kỳ báo cáo phải sau thời điểm bắt đầu.", "The end of the reporting period must be after its start.");
            throw new LgspException(ErrorCatalogue.ValidationFailed, error.Message, [error]);
        }

        Start = start.ToVietnam();
        End = end.ToVietnam();
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    /// <summary>A calendar year in Vietnam time (DVCQG's 766 API reports by <c>timeType:"year"</c>).</summary>
    public static ReportingPeriod Year(int year) =>
        new(new DateTimeOffset(year, 1, 1, 0, 0, 0, VietnamTime.Offset), new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, VietnamTime.Offset));

    /// <summary>A calendar month in Vietnam time.</summary>
    public static ReportingPeriod Month(int year, int month)
    {
        var start = new DateTimeOffset(year, month, 1, 0, 0, 0, VietnamTime.Offset);
        return new ReportingPeriod(start, start.AddMonths(1));
    }

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;
}

/// <summary>Where a dossier counts in a period; see <see cref="DossierTimeline.ClassifyIn"/>.</summary>
public sealed record PeriodClassification(bool CarriedOver, bool ReceivedInPeriod, bool ClosedInPeriod)
{
    public static PeriodClassification None { get; } = new(false, false, false);

    /// <summary>In the period's workload ("tiếp nhận + kỳ trước chuyển sang"): carried over or received in it.</summary>
    public bool InWorkload => CarriedOver || ReceivedInPeriod;
}
