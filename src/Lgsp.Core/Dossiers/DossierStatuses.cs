using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Dossiers;

/// <summary>
/// Names, wire form and parsing of <see cref="DossierStatus"/>. Parsing is strict: the wire carries the
/// code as a JSON number or as a canonical decimal string (<c>"TrangThai": "5"</c>); anything else
/// (padding, leading zeros, "5.0", 0, 11) is rejected with a precise <see cref="FieldError"/>, never fixed.
/// </summary>
public static class DossierStatuses
{
    public const int MinCode = 1;
    public const int MaxCode = 10;

    /// <summary>Every status in code order.</summary>
    public static IReadOnlyList<DossierStatus> All { get; } = new ReadOnlyCollection<DossierStatus>(
        [.. Enumerable.Range(MinCode, MaxCode - MinCode + 1).Select(c => (DossierStatus)c)]);

    /// <summary>True for the ten DVCQG codes; false for any other value cast into the enum.</summary>
    public static bool IsDefined(this DossierStatus status) => (int)status is >= MinCode and <= MaxCode;

    /// <summary>The DVCQG code, e.g. 5.</summary>
    public static int Code(this DossierStatus status) => (int)status;

    /// <summary>The DVCQG code as DVCQG sends it in JSON strings, e.g. <c>"5"</c>.</summary>
    public static string ToWire(this DossierStatus status) => ((int)status).ToString(CultureInfo.InvariantCulture);

    /// <summary>The DVCQG name, e.g. "Yêu cầu bổ sung giấy tờ".</summary>
    public static string NameVi(this DossierStatus status) => status switch
    {
        DossierStatus.Registered => "Mới đăng ký",
        DossierStatus.Accepted => "Được tiếp nhận",
        DossierStatus.Refused => "Không được tiếp nhận",
        DossierStatus.Processing => "Đang xử lý",
        DossierStatus.SupplementRequested => "Yêu cầu bổ sung giấy tờ",
        DossierStatus.FinancialObligation => "Yêu cầu thực hiện nghĩa vụ tài chính",
        DossierStatus.Withdrawn => "Công dân yêu cầu rút hồ sơ",
        DossierStatus.Stopped => "Dừng xử lý",
        DossierStatus.Resolved => "Đã xử lý xong",
        DossierStatus.ResultReturned => "Đã trả kết quả",
        _ => throw Undefined(status),
    };

    public static string NameEn(this DossierStatus status) => status switch
    {
        DossierStatus.Registered => "Registered",
        DossierStatus.Accepted => "Accepted",
        DossierStatus.Refused => "Refused at intake",
        DossierStatus.Processing => "Processing",
        DossierStatus.SupplementRequested => "Supplement requested",
        DossierStatus.FinancialObligation => "Financial obligation requested",
        DossierStatus.Withdrawn => "Withdrawn by the applicant",
        DossierStatus.Stopped => "Processing stopped",
        DossierStatus.Resolved => "Resolved",
        DossierStatus.ResultReturned => "Result returned",
        _ => throw Undefined(status),
    };

    /// <summary>The 766 status set (TD-DVC: đang xử lý {2,4}, tạm dừng {5,6,8}, đã xử lý {7,9,10}).</summary>
    public static Group766 ToGroup766(this DossierStatus status) => status switch
    {
        DossierStatus.Registered => Group766.PreReceipt,
        DossierStatus.Refused => Group766.Refused,
        DossierStatus.Accepted or DossierStatus.Processing => Group766.Open,
        DossierStatus.SupplementRequested or DossierStatus.FinancialObligation or DossierStatus.Stopped => Group766.Paused,
        DossierStatus.Withdrawn or DossierStatus.Resolved or DossierStatus.ResultReturned => Group766.Closed,
        _ => throw Undefined(status),
    };

    /// <summary>Reads a code sent as a JSON number.</summary>
    public static bool TryParse(int code, out DossierStatus status, [NotNullWhen(false)] out FieldError? error)
    {
        error = CheckRange(code);
        status = error is null ? (DossierStatus)code : default;
        return error is null;
    }

    /// <summary>
    /// Reads a code sent as a string: exactly <c>"1"</c>…<c>"10"</c>. A signed or too-long integer is
    /// out of range; blanks are missing; anything else (spaces, leading zeros, decimals, non-ASCII digits)
    /// is a format error.
    /// </summary>
    public static bool TryParse(string? text, out DossierStatus status, [NotNullWhen(false)] out FieldError? error)
    {
        status = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = new FieldError("", "status.missing",
                "Thiếu mã trạng thái hồ sơ.", "The dossier status code is missing.");
            return false;
        }

        if (!IsCanonicalInteger(text))
        {
            error = new FieldError("", "status.format",
                "Mã trạng thái hồ sơ phải là số nguyên viết liền, không dấu cách, không số 0 ở đầu (ví dụ \"5\").",
                "The dossier status code must be a plain integer without spaces or leading zeros (e.g. \"5\").");
            return false;
        }

        // Longer than nine characters: certainly out of range, and int.Parse could overflow.
        if (text.Length > 9)
        {
            error = RangeError(text);
            return false;
        }

        return TryParse(int.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), out status, out error);
    }

    /// <summary>Like <see cref="TryParse(int, out DossierStatus, out FieldError?)"/>; throws <see cref="ErrorCatalogue.InvalidStatus"/>.</summary>
    public static DossierStatus Parse(int code, string field = "") =>
        TryParse(code, out var status, out var error) ? status : throw Invalid(error, field);

    /// <summary>Like <see cref="TryParse(string?, out DossierStatus, out FieldError?)"/>; throws <see cref="ErrorCatalogue.InvalidStatus"/>.</summary>
    public static DossierStatus Parse(string? text, string field = "") =>
        TryParse(text, out var status, out var error) ? status : throw Invalid(error, field);

    internal static FieldError? CheckRange(int code) => code switch
    {
        >= MinCode and <= MaxCode => null,
        0 => new FieldError("", "status.unknown",
            "Mã trạng thái 0 (\"không xác định\" của OpenCPS) không phải là trạng thái của Cổng DVC Quốc gia; chỉ nhận 1–10.",
            "Status 0 (OpenCPS's \"unknown\") is not a national-portal status; only 1–10 are accepted."),
        _ => RangeError(code.ToString(CultureInfo.InvariantCulture)),
    };

    internal static LgspException Invalid(FieldError error, string field) =>
        new(ErrorCatalogue.InvalidStatus, error.Message, [error.WithField(field)]);

    private static FieldError RangeError(string shown) => new("", "status.range",
        $"Mã trạng thái hồ sơ {shown} nằm ngoài khoảng 1–10.",
        $"The dossier status code {shown} is outside 1–10.");

    private static ArgumentOutOfRangeException Undefined(DossierStatus status) =>
        new(nameof(status), status, "Not a DVCQG dossier status (1–10).");

    // "0", or an optional '-' then ASCII digits without a leading zero. char.IsDigit would accept
    // other scripts' digits, which no wire format uses.
    private static bool IsCanonicalInteger(string text)
    {
        var digits = text.StartsWith('-') ? text.AsSpan(1) : text.AsSpan();
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        // "0" itself is canonical; "05", "00" and "-0" are not.
        return digits[0] != '0' || text == "0";
    }
}
