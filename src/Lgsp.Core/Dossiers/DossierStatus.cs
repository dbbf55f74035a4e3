namespace Lgsp.Core.Dossiers;

/// <summary>
/// The status of a dossier exactly as the national public-service portal (DVCQG) defines it
/// (<c>TrangThaiHoSo</c> / <c>TrangThai</c>). The numeric value is the wire code; there is no 0:
/// OpenCPS's "unknown" (interoperating, posting) is not a status and is rejected when parsed.
/// Derived facts (overdue, timeliness, 766 group) are computed, never stored here.
/// </summary>
public enum DossierStatus
{
    /// <summary>1 — Mới đăng ký: submitted online, not yet received.</summary>
    Registered = 1,

    /// <summary>2 — Được tiếp nhận: accepted by the one-stop desk.</summary>
    Accepted = 2,

    /// <summary>3 — Không được tiếp nhận: refused at intake.</summary>
    Refused = 3,

    /// <summary>4 — Đang xử lý: with the specialist department.</summary>
    Processing = 4,

    /// <summary>5 — Yêu cầu bổ sung giấy tờ: a supplement was requested from the applicant.</summary>
    SupplementRequested = 5,

    /// <summary>6 — Yêu cầu thực hiện nghĩa vụ tài chính: a tax or fee is due.</summary>
    FinancialObligation = 6,

    /// <summary>7 — Công dân yêu cầu rút hồ sơ: withdrawn by the applicant.</summary>
    Withdrawn = 7,

    /// <summary>8 — Dừng xử lý: processing stopped (e.g. ineligible).</summary>
    Stopped = 8,

    /// <summary>9 — Đã xử lý xong: the result is ready, back at the desk.</summary>
    Resolved = 9,

    /// <summary>10 — Đã trả kết quả: the result was handed over.</summary>
    ResultReturned = 10,
}
