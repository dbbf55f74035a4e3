using System.Diagnostics.CodeAnalysis;
using Lgsp.Core.Errors;
using Lgsp.Core.Time;

namespace Lgsp.Core.Dossiers;

/// <summary>
/// The few facts the derived views need: status and the three dates DVCQG's 766 rules read
/// (<c>NgayTiepNhan</c>, <c>NgayHenTra</c>, <c>NgayKetThucXuLy</c>), kept in +07:00. Immutable and checked
/// on creation, so every derived answer below is a pure function of it and a reference instant.
/// <para>
/// Timeliness compares calendar days in Vietnam time (as TD-DVC's 766 statistics do); ordering checks compare instants.
/// A timeline describes the dossier as of the reference instant it is asked about; it holds no history.
/// </para>
/// </summary>
public sealed record DossierTimeline
{
    /// <exception cref="LgspException"><see cref="ErrorCatalogue.ValidationFailed"/> with every inconsistency.</exception>
    public DossierTimeline(DossierStatus status, DateTimeOffset? receivedAt, DateTimeOffset? dueAt, DateTimeOffset? processingEndedAt)
    {
        var errors = Validate(status, receivedAt, dueAt, processingEndedAt);
        if (errors.Count > 0)
        {
            var reasons = string.Join(", ", errors.Select(e => e.Reason));
            throw new LgspException(ErrorCatalogue.ValidationFailed,
                new($"Các mốc thời gian của hồ sơ không khớp nhau ({reasons}).", $"The dossier timeline is inconsistent ({reasons})."), errors);
        }

        Status = status;
        ReceivedAt = receivedAt?.ToVietnam();
        DueAt = dueAt?.ToVietnam();
        ProcessingEndedAt = processingEndedAt?.ToVietnam();
    }

    public DossierStatus Status { get; }

    /// <summary>
    /// NgayTiepNhan. Null only when the dossier was never received (1, 3, or 7 withdrawn before receipt). A refused
    /// dossier (3) may carry it: the day the desk took the dossier in and refused it, as TD-DVC sends it (it syncs only
    /// dossiers with a receipt date); OpenCPS sends it blank when there is none. Either way a refused dossier counts in
    /// no 766 period (<see cref="ClassifyIn"/>).
    /// </summary>
    public DateTimeOffset? ReceivedAt { get; }

    /// <summary>NgayHenTra. Null means the procedure sets no deadline; it then counts as on time.</summary>
    public DateTimeOffset? DueAt { get; }

    /// <summary>NgayKetThucXuLy. Set exactly for closed dossiers (9, 10, and 7 once received).</summary>
    public DateTimeOffset? ProcessingEndedAt { get; }

    /// <summary>
    /// For a paused dossier (5, 6, 8): when it was paused, i.e. the request for more documents (<c>NgayYeuCauBoSung</c>,
    /// the latest supplement's <c>NgayBoSung</c>). Without it a paused dossier gets no verdict (<see cref="Timeliness.Paused"/>).
    /// </summary>
    public DateTimeOffset? PausedAt { get; init; }

    public Group766 Group => Status.ToGroup766();

    [MemberNotNullWhen(true, nameof(ReceivedAt))]
    public bool IsReceived => ReceivedAt is not null;

    public static bool TryCreate(DossierStatus status, DateTimeOffset? receivedAt, DateTimeOffset? dueAt, DateTimeOffset? processingEndedAt,
        [NotNullWhen(true)] out DossierTimeline? timeline, out IReadOnlyList<FieldError> errors)
    {
        errors = Validate(status, receivedAt, dueAt, processingEndedAt);
        timeline = errors.Count == 0 ? new DossierTimeline(status, receivedAt, dueAt, processingEndedAt) : null;
        return timeline is not null;
    }

    /// <summary>
    /// TD-DVC's 766 rules (<c>QuyetDinh766ChiTieuTienDoWhereBuilder</c>), by calendar day in Vietnam time: closed — early
    /// if NgayKetThucXuLy's day is before NgayHenTra's, on time on the same day, late after; open — late once
    /// <paramref name="at"/>'s day is after the due day; paused — on time if the request for more documents
    /// (<see cref="PausedAt"/>) came no later than the due day, else late. No NgayHenTra counts as on time.
    /// For a reporting period pass its end.
    /// </summary>
    public Timeliness GetTimeliness(DateTimeOffset at)
    {
        if (!IsReceived)
        {
            return Timeliness.NotReceived;
        }

        var due = DueAt is { } d ? Day(d) : (DateOnly?)null;
        return Group switch
        {
            Group766.Open => due is { } dueDay && Day(at) > dueDay ? Timeliness.OpenLate : Timeliness.OpenOnTime,
            Group766.Paused => (PausedAt, due) switch
            {
                (null, _) => Timeliness.Paused,
                (_, null) => Timeliness.PausedOnTime,
                var (paused, dueDay) => Day(paused.Value) <= dueDay ? Timeliness.PausedOnTime : Timeliness.PausedLate,
            },
            Group766.Closed => (due, ProcessingEndedAt) switch
            {
                (null, _) => Timeliness.OnTime,
                var (dueDay, ended) when Day(ended!.Value) < dueDay => Timeliness.Early,
                var (dueDay, ended) when Day(ended!.Value) == dueDay => Timeliness.OnTime,
                _ => Timeliness.Late,
            },
            _ => Timeliness.NotReceived,
        };
    }

    public Timeliness GetTimeliness(TimeProvider time) => GetTimeliness(VietnamTime.Now(time));

    /// <summary>The calendar day in Vietnam, whatever offset the instant came with.</summary>
    private static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToVietnam().DateTime);

    /// <summary>Quá hạn: closed after the due day, open past it at <paramref name="at"/>, or paused after it.</summary>
    public bool IsOverdue(DateTimeOffset at) => GetTimeliness(at).IsOverdue();

    public bool IsOverdue(TimeProvider time) => GetTimeliness(time).IsOverdue();

    /// <summary>
    /// Where the dossier counts in a 766 period: carried over (received before the start and not closed
    /// before it), received in the period, closed in the period. A dossier may be in two at once; a dossier
    /// never received is in none.
    /// </summary>
    public PeriodClassification ClassifyIn(ReportingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (!IsReceived || Group == Group766.Refused)
        {
            return PeriodClassification.None;
        }

        var received = ReceivedAt.Value;
        var carriedOver = received < period.Start && (ProcessingEndedAt is not { } ended || ended >= period.Start);
        return new PeriodClassification(
            CarriedOver: carriedOver,
            ReceivedInPeriod: period.Contains(received),
            ClosedInPeriod: ProcessingEndedAt is { } end && period.Contains(end));
    }

    /// <summary>Every inconsistency between the status and the dates (empty when consistent).</summary>
    public static IReadOnlyList<FieldError> Validate(DossierStatus status, DateTimeOffset? receivedAt, DateTimeOffset? dueAt, DateTimeOffset? processingEndedAt)
    {
        if (DossierStatuses.CheckRange((int)status) is { } invalid)
        {
            return [invalid.WithField("status")];
        }

        var errors = new List<FieldError>();
        // 1 was never received; 3 (refused at the desk) and 7 (withdrawn) may or may not have been: the public senders
        // send NgayTiepNhan for them when the desk took the dossier in, blank otherwise (issue #13, adapter README).
        var neverReceived = status is DossierStatus.Registered;
        var receiptOptional = status is DossierStatus.Registered or DossierStatus.Refused or DossierStatus.Withdrawn;
        var closed = status.ToGroup766() == Group766.Closed;

        if (receivedAt is null && !receiptOptional)
        {
            errors.Add(new FieldError("receivedAt", "received_at.missing",
                $"Hồ sơ ở trạng thái {status.Code()} ({status.NameVi()}) phải có ngày tiếp nhận.",
                $"A dossier in status {status.Code()} ({status.NameEn()}) must have a receipt date."));
        }
        else if (receivedAt is not null && neverReceived)
        {
            errors.Add(new FieldError("receivedAt", "received_at.unexpected",
                $"Hồ sơ ở trạng thái {status.Code()} ({status.NameVi()}) chưa được tiếp nhận nên không có ngày tiếp nhận.",
                $"A dossier in status {status.Code()} ({status.NameEn()}) was not received, so it has no receipt date."));
        }

        // A withdrawn dossier has an end date exactly when it had been received.
        var endRequired = closed && (status != DossierStatus.Withdrawn || receivedAt is not null);
        if (processingEndedAt is null && endRequired)
        {
            errors.Add(new FieldError("processingEndedAt", "processing_ended_at.missing",
                $"Hồ sơ ở trạng thái {status.Code()} ({status.NameVi()}) phải có ngày kết thúc xử lý.",
                $"A dossier in status {status.Code()} ({status.NameEn()}) must have a processing end date."));
        }
        else if (processingEndedAt is not null && !endRequired)
        {
            errors.Add(new FieldError("processingEndedAt", "processing_ended_at.unexpected",
                $"Hồ sơ ở trạng thái {status.Code()} ({status.NameVi()}) chưa kết thúc xử lý nên không có ngày kết thúc xử lý.",
                $"A dossier in status {status.Code()} ({status.NameEn()}) is not closed, so it has no processing end date."));
        }

        if (receivedAt is { } received)
        {
            if (processingEndedAt is { } ended && ended < received)
            {
                errors.Add(new FieldError("processingEndedAt", "processing_ended_at.before_received",
                    "Ngày kết thúc xử lý trước ngày tiếp nhận.", "The processing end date is before the receipt date."));
            }

            if (dueAt is { } due && due < received)
            {
                errors.Add(new FieldError("dueAt", "due_at.before_received",
                    "Ngày hẹn trả trước ngày tiếp nhận.", "The due date is before the receipt date."));
            }
        }

        return errors;
    }
}
