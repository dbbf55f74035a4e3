namespace Lgsp.Core.Dossiers;

/// <summary>
/// Which status set of the Bộ chỉ số 766 progress indicators a status belongs to (TD-DVC's
/// <c>QuyetDinh766ChiTieuTienDoWhereBuilder</c>). Derived from <see cref="DossierStatus"/>, never stored.
/// 1 and 3 are in no TD-DVC set: the dossier was never received, so they get their own values.
/// </summary>
public enum Group766
{
    /// <summary>{1}: submitted online, not yet received.</summary>
    PreReceipt,

    /// <summary>{2, 4}: đang xử lý.</summary>
    Open,

    /// <summary>{5, 6, 8}: tạm dừng.</summary>
    Paused,

    /// <summary>{7, 9, 10}: đã xử lý.</summary>
    Closed,

    /// <summary>{3}: không được tiếp nhận.</summary>
    Refused,
}

public static class Group766Extensions
{
    public static string NameVi(this Group766 group) => group switch
    {
        Group766.PreReceipt => "Chưa tiếp nhận",
        Group766.Open => "Đang xử lý",
        Group766.Paused => "Tạm dừng",
        Group766.Closed => "Đã xử lý",
        Group766.Refused => "Không được tiếp nhận",
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, null),
    };

    public static string NameEn(this Group766 group) => group switch
    {
        Group766.PreReceipt => "Not yet received",
        Group766.Open => "In progress",
        Group766.Paused => "Paused",
        Group766.Closed => "Closed",
        Group766.Refused => "Refused at intake",
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, null),
    };
}
