namespace Lgsp.Core.Dossiers;

/// <summary>
/// Whether a dossier is (or was) handled within its due date (<c>NgayHenTra</c>), per TD-DVC's 766 rules.
/// Computed by <see cref="DossierTimeline.GetTimeliness(DateTimeOffset)"/>, never stored. Exactly one value
/// applies to a dossier, so a 766 projection can count each dossier in one bucket.
/// </summary>
public enum Timeliness
{
    /// <summary>Never received (statuses 1, 3, or withdrawn before receipt): no deadline runs.</summary>
    NotReceived,

    /// <summary>Closed before the due date.</summary>
    Early,

    /// <summary>Closed exactly at the due date, or closed with no due date.</summary>
    OnTime,

    /// <summary>Closed after the due date.</summary>
    Late,

    /// <summary>Open (2, 4) and not past the due date at the reference instant, or with no due date.</summary>
    OpenOnTime,

    /// <summary>Open (2, 4) and past the due date at the reference instant.</summary>
    OpenLate,

    /// <summary>
    /// Paused (5, 6, 8): waiting on the applicant or stopped. DOMAIN.md's rule for open dossiers is stated
    /// for the "đang xử lý" set {2, 4} only; a paused dossier gets no on-time/late verdict here.
    /// </summary>
    Paused,
}

public static class TimelinessExtensions
{
    /// <summary>True when the due date is (or was) missed: closed late, or open and past due.</summary>
    public static bool IsOverdue(this Timeliness timeliness) => timeliness is Timeliness.Late or Timeliness.OpenLate;

    public static string NameVi(this Timeliness timeliness) => timeliness switch
    {
        Timeliness.NotReceived => "Chưa tiếp nhận",
        Timeliness.Early => "Trước hạn",
        Timeliness.OnTime => "Đúng hạn",
        Timeliness.Late => "Quá hạn",
        Timeliness.OpenOnTime => "Đang xử lý trong hạn",
        Timeliness.OpenLate => "Đang xử lý quá hạn",
        Timeliness.Paused => "Tạm dừng",
        _ => throw new ArgumentOutOfRangeException(nameof(timeliness), timeliness, null),
    };

    public static string NameEn(this Timeliness timeliness) => timeliness switch
    {
        Timeliness.NotReceived => "Not received",
        Timeliness.Early => "Closed early",
        Timeliness.OnTime => "Closed on time",
        Timeliness.Late => "Closed late",
        Timeliness.OpenOnTime => "In progress, on time",
        Timeliness.OpenLate => "In progress, overdue",
        Timeliness.Paused => "Paused",
        _ => throw new ArgumentOutOfRangeException(nameof(timeliness), timeliness, null),
    };
}
