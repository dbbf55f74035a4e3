using System.Reflection;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Codes;

/// <summary>
/// Every reason a code can be rejected, in one place so the wording stays consistent and translators review one
/// file. The instances are shared (no allocation on a failed parse); <see cref="FieldError.Field"/> is empty and
/// the caller names the field with <see cref="FieldError.WithField"/>. Reason codes never change once published.
/// Messages never quote the rejected value: some codes (personal ids) are personal data.
/// </summary>
internal static class CodeErrors
{
    internal static class Agency
    {
        public static readonly FieldError Empty = E("agency_code.empty",
            "Mã định danh cơ quan không được để trống.",
            "The agency code is empty.");

        public static readonly FieldError GroupCount = E("agency_code.group_count",
            "Mã định danh cơ quan gồm 4 nhóm dạng V1V2V3.Z1Z2.Y1Y2.MX1X2 (ví dụ 000.00.14.H56), hoặc 1–4 nhóm ở dạng rút gọn (ví dụ H56.14).",
            "An agency code has 4 groups, V1V2V3.Z1Z2.Y1Y2.MX1X2 (e.g. 000.00.14.H56), or 1 to 4 groups in the short form (e.g. H56.14).");

        public static readonly FieldError GroupLength = E("agency_code.group_length",
            "Nhóm số có độ dài không đúng: dạng đầy đủ là 3, 2 và 2 chữ số; dạng rút gọn mỗi nhóm có 2 hoặc 3 chữ số (nhóm cấp 2, cấp 3 có 3 chữ số thì không bắt đầu bằng 0).",
            "A numeric group has the wrong length: 3, 2 and 2 digits in the full form; 2 or 3 digits per group in the short form (a 3-digit level-2 or level-3 group does not start with 0).");

        public static readonly FieldError Digits = E("agency_code.digits",
            "Các nhóm mã cấp 2, cấp 3, cấp 4 chỉ gồm chữ số.",
            "The level-2, level-3 and level-4 groups contain digits only.");

        public static readonly FieldError Level1Kind = E("agency_code.level1_kind",
            "Mã đơn vị cấp 1 phải bắt đầu bằng H (UBND tỉnh), K (HĐND tỉnh) hoặc G (bộ, ngành).",
            "The level-1 code starts with H (provincial People's Committee), K (provincial People's Council) or G (ministry or sector).");

        public static readonly FieldError Level1Number = E("agency_code.level1_number",
            "Mã đơn vị cấp 1 gồm một chữ cái và 2 chữ số khác 00 (ví dụ H56).",
            "The level-1 code is one letter followed by two digits other than 00 (e.g. H56).");

        public static readonly FieldError Hierarchy = E("agency_code.hierarchy",
            "Một cấp có mã khác 0 thì mọi cấp trên nó cũng phải có mã khác 0.",
            "A level with a non-zero code needs non-zero codes at every level above it.");
    }

    internal static class Dossier
    {
        public static readonly FieldError Empty = E("dossier_code.empty",
            "Mã hồ sơ không được để trống.",
            "The dossier code is empty.");

        public static readonly FieldError SegmentCount = E("dossier_code.segment_count",
            "Mã hồ sơ có dạng <mã cơ quan>-<ngày tiếp nhận>-<số thứ tự>: 3 phần ngăn cách bởi dấu gạch ngang.",
            "A dossier code is <agency>-<receipt date>-<sequence>: three parts separated by hyphens.");

        public static readonly FieldError DateFormat = E("dossier_code.date_format",
            "Phần ngày tiếp nhận gồm 6 chữ số (yyMMdd) hoặc 8 chữ số (yyyyMMdd).",
            "The receipt date is 6 digits (yyMMdd) or 8 digits (yyyyMMdd).");

        public static readonly FieldError Date = E("dossier_code.date",
            "Phần ngày tiếp nhận không phải là một ngày có thật.",
            "The receipt date is not a real date.");

        public static readonly FieldError SequenceFormat = E("dossier_code.sequence_format",
            "Số thứ tự gồm 4 chữ số (5 chữ số với mã hồ sơ thay thế MaHoSoKhac) sau ngày 6 chữ số, hoặc 6–7 chữ số sau ngày 8 chữ số (cổng dịch vụ công bộ, ngành).",
            "The sequence is 4 digits (5 for a MaHoSoKhac alias) after a 6-digit date, or 6 to 7 digits after an 8-digit date (ministry portals).");

        public static readonly FieldError SequenceRange = E("dossier_code.sequence_range",
            "Số thứ tự hồ sơ bắt đầu từ 1 (0001–9999).",
            "The dossier sequence starts at 1 (0001–9999).");
    }

    internal static class Procedure
    {
        public static readonly FieldError Empty = E("procedure_code.empty",
            "Mã thủ tục hành chính không được để trống.",
            "The procedure code is empty.");

        public static readonly FieldError Format = E("procedure_code.format",
            "Mã thủ tục hành chính gồm một chữ số, dấu chấm và 6 chữ số (ví dụ 1.005129), có thể kèm dấu chấm và mã cơ quan (ví dụ 2.002621.H56).",
            "A procedure code is a digit, a dot and 6 digits (e.g. 1.005129), optionally followed by a dot and an agency code (e.g. 2.002621.H56).");
    }

    internal static class Result
    {
        public static readonly FieldError Empty = E("result_code.empty",
            "Mã kết quả không được để trống.",
            "The result code is empty.");

        public static readonly FieldError Prefix = E("result_code.prefix",
            "Mã kết quả phải bắt đầu bằng \"KQ.\".",
            "A result code starts with \"KQ.\".");

        public static readonly FieldError GroupCount = E("result_code.group_count",
            "Mã kết quả có dạng KQ.<mã đơn vị cấp 1>.<6 chữ số> (ví dụ KQ.G15.000031).",
            "A result code is KQ.<level-1 unit code>.<6 digits> (e.g. KQ.G15.000031).");

        public static readonly FieldError Issuer = E("result_code.issuer",
            "Mã đơn vị ban hành phải là mã cấp 1: H, K hoặc G và 2 chữ số khác 00 (ví dụ G15).",
            "The issuer is a level-1 unit code: H, K or G and two digits other than 00 (e.g. G15).");

        public static readonly FieldError Number = E("result_code.number",
            "Số hiệu của mã kết quả gồm đúng 6 chữ số.",
            "The result number is exactly 6 digits.");
    }

    internal static class Personal
    {
        public static readonly FieldError Empty = E("personal_id.empty",
            "Số định danh cá nhân / CMND không được để trống.",
            "The personal identification number is empty.");

        public static readonly FieldError Digits = E("personal_id.digits",
            "Số định danh cá nhân / CMND chỉ gồm chữ số.",
            "A personal identification number contains digits only.");

        public static readonly FieldError Length = E("personal_id.length",
            "Số định danh cá nhân (CCCD) có 12 chữ số; số CMND cũ có 9 chữ số.",
            "A personal identification number (CCCD) has 12 digits; an old identity card number (CMND) has 9.");

        public static readonly FieldError Province = E("personal_id.province",
            "Ba chữ số đầu của số định danh không phải mã tỉnh, thành phố hay mã quốc gia nơi đăng ký khai sinh.",
            "The first three digits are neither a province nor a country code of birth registration.");

        public static readonly FieldError BirthYearFuture = E("personal_id.birth_year_future",
            "Năm sinh mã hóa trong số định danh nằm trong tương lai.",
            "The birth year encoded in the number is in the future.");
    }

    internal static class Enterprise
    {
        public static readonly FieldError Empty = E("enterprise_code.empty",
            "Mã số doanh nghiệp không được để trống.",
            "The enterprise code is empty.");

        public static readonly FieldError Digits = E("enterprise_code.digits",
            "Mã số doanh nghiệp chỉ gồm chữ số, cùng một dấu gạch ngang trước 3 chữ số của đơn vị phụ thuộc (ví dụ 0306182043-001).",
            "An enterprise code contains digits only, plus one hyphen before a branch's 3 digits (e.g. 0306182043-001).");

        public static readonly FieldError Length = E("enterprise_code.length",
            "Mã số doanh nghiệp có 10 chữ số; mã đơn vị phụ thuộc có thêm 3 chữ số (ví dụ 0306182043-001).",
            "An enterprise code has 10 digits; a branch code adds 3 more (e.g. 0306182043-001).");

        public static readonly FieldError CheckDigit = E("enterprise_code.check_digit",
            "Chữ số kiểm tra (chữ số thứ 10) của mã số doanh nghiệp không đúng.",
            "The check digit (10th digit) of the enterprise code is wrong.");

        public static readonly FieldError NotIssuable = E("enterprise_code.not_issuable",
            "Chín chữ số đầu cho chữ số kiểm tra bằng 10: mã số này không bao giờ được cấp.",
            "The first nine digits give a check value of 10: such a code is never issued.");

        public static readonly FieldError BranchNumber = E("enterprise_code.branch_number",
            "Số thứ tự đơn vị phụ thuộc phải từ 001 đến 999.",
            "The branch number is 001 to 999.");
    }

    internal static class SocialInsurance
    {
        public static readonly FieldError Empty = E("social_insurance_code.empty",
            "Mã số BHXH không được để trống.",
            "The social insurance code is empty.");

        public static readonly FieldError Digits = E("social_insurance_code.digits",
            "Mã số BHXH chỉ gồm chữ số.",
            "A social insurance code contains digits only.");

        public static readonly FieldError Length = E("social_insurance_code.length",
            "Mã số BHXH có đúng 10 chữ số.",
            "A social insurance code has exactly 10 digits.");
    }

    /// <summary>Every reason above, for documentation and for the test that checks the messages.</summary>
    public static IReadOnlyList<FieldError> All { get; } = typeof(CodeErrors)
        .GetNestedTypes(BindingFlags.NonPublic | BindingFlags.Public)
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
        .Where(f => f.FieldType == typeof(FieldError))
        .Select(f => (FieldError)f.GetValue(null)!)
        .ToArray();

    private static FieldError E(string reason, string vi, string en) => new(string.Empty, reason, vi, en);
}
