using Lgsp.Core.Errors;

namespace Lgsp.Adapters.Population;

/// <summary>
/// Why the adapter refuses a lookup before calling the population database (<c>client.validation_failed</c>):
/// the database requires these on every call, so sending without them would only earn a refusal, and an officer-less
/// lookup must not leave the hub at all (DOMAIN.md §7 item 8). Messages never quote the value.
/// </summary>
internal static class PopulationRequestErrors
{
    public static readonly FieldError OfficerMissing = new("officerId", "lookup.officer_id_missing",
        "Tra cứu CSDL quốc gia về dân cư phải có mã cán bộ thực hiện (MaCanBo).",
        "A population database lookup needs the officer on whose behalf it is made (MaCanBo).");

    public static readonly FieldError OfficerTooLong = new("officerId", "lookup.officer_id_length",
        "Mã cán bộ (MaCanBo) dài tối đa 64 ký tự.",
        "The officer id (MaCanBo) is at most 64 characters.");

    public static readonly FieldError FullNameEmpty = new("fullName", "citizen_verification.full_name_empty",
        "Họ và tên cần xác thực không được để trống.",
        "The full name to verify is empty.");

    public static readonly FieldError BirthMissing = new("dateOfBirth", "citizen_verification.birth_missing",
        "Cần ngày sinh, hoặc năm sinh nếu hồ sơ chỉ có năm sinh.",
        "A date of birth is needed, or the year of birth for people whose record has only the year.");

    public static readonly FieldError BirthInconsistent = new("birthYear", "citizen_verification.birth_inconsistent",
        "Năm sinh không khớp với ngày sinh.",
        "The year of birth does not match the date of birth.");

    public static LgspException Refuse(FieldError error) => new(ErrorCatalogue.ValidationFailed, error.Message, [error]);
}
