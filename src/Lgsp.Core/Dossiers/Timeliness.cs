namespace Lgsp.Core.Dossiers;

/// <summary>
/// Whether a dossier is (or was) handled within its due date (<c>NgayHenTra</c>), per TD-DVC's 766 rules, which compare
/// <b>calendar days</b> (<c>CONVERT(DATE, …)</c>), here Vietnam's: a dossier finished at 17:30 on its due day is on time.
/// Computed by <see cref="DossierTimeline.GetTimeliness(DateTimeOffset)"/>, never stored. Exactly one value
/// applies to a dossier, so a 766 projection can count each dossier in one bucket.
/// </summary>
public enum Timeliness
{
    /// <summary>Never received (statuses 1, 3, or withdrawn before receipt): no deadline runs.</summary>
    NotReceived,

    /// <summary>Closed on a day before the due day.</summary>
    Early,

    /// <summary>Closed on the due day (any hour), or closed with no due date.</summary>
    OnTime,

    /// <summary>Closed on a day after the due day.</summary>
    Late,

    /// <summary>Open (2, 4) and the reference day not after the due day, or with no due date.</summary>
    OpenOnTime,

    /// <summary>Open (2, 4) and the reference day after the due day.</summary>
    OpenLate,

    /// <summary>
    /// Paused (5, 6, 8) and the day it was paused is unknown (<see cref="DossierTimeline.PausedAt"/> not given): no
    /// on-time/late verdict.
    /// </summary>
    Paused,

    /// <summary>
    /// Paused (5, 6, 8), the request for more documents (<c>NgayYeuCauBoSung</c>) made no later than the due day, or
    /// no due date (TD-DVC's <c>DungXuLyTrongHan</c>).
    /// </summary>
    PausedOnTime,

    /// <summary>Paused (5, 6, 8), the request made on a day after the due day.</summary>
    PausedLate,
}

public static class TimelinessExtensions
{
    /// <summary>True when the due date is (or was) missed: closed late, open and past due, or paused after it.</summary>
    public static bool IsOverdue(this Timeliness timeliness) => timeliness is Timeliness.Late or Timeliness.OpenLate or Timeliness.PausedLate;

    public static string NameVi(this Timeliness timeliness) => timeliness switch
    {
        Timeliness.NotReceived => "Chưa tiếp nhận",
        Timeliness.Early => "Trước hạn",
        Timeliness.OnTime => "Đúng hạn",
        Timeliness.Late => "Quá hạn",
        Timeliness.OpenOnTime => "Đang xử lý trong hạn",
        Timeliness.OpenLate => "Đang xử lý quá hạn",
        Timeliness.Paused => "Tạm dừng",
        Timeliness.PausedOnTime => "Tạm dừng trong hạn",
        Timeliness.PausedLate => "Tạm dừng quá hạn",
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
        Timeliness.PausedOnTime => "Paused, on time",
        Timeliness.PausedLate => "Paused, overdue",
        _ => throw new ArgumentOutOfRangeException(nameof(timeliness), timeliness, null),
    };
}
