using Lgsp.Core.Errors;

namespace Lgsp.Hub.Gateway;

/// <summary>
/// The gateway's own input reasons (the code types of <c>Lgsp.Core.Codes</c> bring theirs). <c>Field</c> is set where
/// the error is raised: a header name, a route or query parameter, or a JSON pointer into the body.
/// </summary>
internal static class GatewayErrors
{
    public static readonly FieldError PurposeMissing = E("purpose.missing",
        "Thiếu mục đích khai thác: nêu mã thủ tục hành chính trong tiêu đề X-Lgsp-Purpose.",
        "The purpose is missing: state the procedure code in the X-Lgsp-Purpose header.");

    public static readonly FieldError OfficerMissing = E("officer_id.missing",
        "CSDL quốc gia về dân cư yêu cầu mã cán bộ thực hiện (tiêu đề X-Lgsp-Officer-Id).",
        "The population database requires the officer's id (X-Lgsp-Officer-Id header).");

    public static readonly FieldError OfficerFormat = E("officer_id.format",
        "Mã cán bộ gồm 1–64 ký tự chữ, số hoặc . _ - @ :.",
        "An officer id has 1–64 letters, digits or . _ - @ :.");

    public static readonly FieldError RequestIdFormat = E("request_id.format",
        "Mã yêu cầu (X-Lgsp-Request-Id) gồm 1–128 ký tự ASCII nhìn thấy được.",
        "A request id (X-Lgsp-Request-Id) has 1–128 visible ASCII characters.");

    public static readonly FieldError ParcelQueryShape = E("parcel_query.shape",
        "Tra cứu thửa đất theo (ward, mapSheet, parcel) hoặc theo certificate, không kết hợp.",
        "Look a parcel up by (ward, mapSheet, parcel) or by certificate, not both.");

    public static readonly FieldError WardCodeFormat = E("ward_code.format",
        "Mã phường/xã gồm đúng 5 chữ số.", "A ward code has exactly 5 digits.");

    public static readonly FieldError MapSheetFormat = E("map_sheet.format",
        "Số hiệu tờ bản đồ là số nguyên dương (1–99999).", "A map sheet number is a positive integer (1–99999).");

    public static readonly FieldError ParcelNoFormat = E("parcel_no.format",
        "Số thứ tự thửa là số nguyên dương (1–999999).", "A parcel number is a positive integer (1–999999).");

    public static readonly FieldError CertificateFormat = E("certificate_serial.format",
        "Số phát hành giấy chứng nhận gồm 2 chữ cái in hoa và 6 chữ số (CS 123456).",
        "A certificate serial has 2 capital letters and 6 digits (CS 123456).");

    public static readonly FieldError RegistrationQueryShape = E("registration_query.shape",
        "Tra cứu hộ tịch theo (kind, office, book, number) hoặc theo personalId, không kết hợp.",
        "Look a civil registration up by (kind, office, book, number) or by personalId, not both.");

    public static readonly FieldError RegistrationKind = E("registration_kind.unknown",
        "Loại hộ tịch là KS (khai sinh), KT (khai tử) hoặc KH (kết hôn).",
        "The registration kind is KS (birth), KT (death) or KH (marriage).");

    public static readonly FieldError OfficeCodeFormat = E("office_code.format",
        "Mã cơ quan đăng ký (phường/xã) gồm đúng 5 chữ số.", "A registering office code has exactly 5 digits.");

    public static readonly FieldError BookNoFormat = E("book_no.format",
        "Quyển số có dạng NN/YYYY (ví dụ 01/2019).", "A book number has the form NN/YYYY (e.g. 01/2019).");

    public static readonly FieldError RegistrationNoFormat = E("registration_no.format",
        "Số đăng ký là số nguyên dương (1–999999).", "A registration number is a positive integer (1–999999).");

    public static readonly FieldError BodyMissing = E("body.missing",
        "Thiếu nội dung yêu cầu (JSON).", "The request body (JSON) is missing.");

    public static readonly FieldError BodyTooLarge = E("body.too_large",
        "Nội dung yêu cầu vượt quá 16 KB.", "The request body exceeds 16 KB.");

    public static readonly FieldError BodyMalformed = E("body.malformed",
        "Nội dung yêu cầu không phải JSON hợp lệ.", "The request body is not valid JSON.");

    public static readonly FieldError FullNameMissing = E("full_name.missing",
        "Thiếu họ và tên.", "The full name is missing.");

    public static readonly FieldError FullNameLength = E("full_name.length",
        "Họ và tên dài tối đa 100 ký tự.", "A full name has at most 100 characters.");

    public static readonly FieldError DateOfBirthFormat = E("date_of_birth.format",
        "Ngày sinh có dạng yyyy-MM-dd.", "A date of birth has the form yyyy-MM-dd.");

    public static readonly FieldError BirthYearRange = E("birth_year.range",
        "Năm sinh từ 1900 đến năm hiện tại.", "The birth year is between 1900 and this year.");

    public static readonly FieldError BirthFactsConflict = E("birth.conflict",
        "Nêu ngày sinh hoặc năm sinh, không nêu cả hai.", "Give the date of birth or the birth year, not both.");

    private static FieldError E(string reason, string vi, string en) => new(string.Empty, reason, vi, en);
}
