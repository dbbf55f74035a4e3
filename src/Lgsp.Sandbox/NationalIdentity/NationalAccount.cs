using Lgsp.Sandbox.Data.Records;

namespace Lgsp.Sandbox.NationalIdentity;

/// <summary>The account types DVCQG sends as <c>LoaiTaiKhoan</c>.</summary>
internal enum AccountKind
{
    /// <summary><c>LoaiTaiKhoan = 1</c>: a citizen, signing in with the personal id (CCCD).</summary>
    Citizen = 1,

    /// <summary><c>LoaiTaiKhoan = 2</c>: an enterprise, signing in with its enterprise code.</summary>
    Business = 2,
}

/// <summary>
/// Level of assurance (VNeID levels, sent as <c>acr</c>, <c>loAs</c> and <c>IAL</c>): level 1 is an account
/// registered online (identity checked against the population database only), level 2 one verified in person
/// or with the chip of the CCCD.
/// </summary>
internal enum AssuranceLevel
{
    LoA1 = 1,
    LoA2 = 2,
}

/// <summary>
/// One account of the stand-in identity provider, a view of a world record. <see cref="Subject"/> (the
/// <c>sub</c>) and <see cref="TechId"/> are both stable and opaque, and deliberately different: the real
/// provider's <c>sub</c> is a user-store identifier, while <c>TechID</c> is the key relying parties link on.
/// </summary>
internal sealed record NationalAccount(
    AccountKind Kind,
    string LoginId,
    string Subject,
    string TechId,
    AssuranceLevel Level,
    string Email,
    string Phone,
    CongDan Person,
    DoanhNghiep? Enterprise,
    string? SocialInsuranceCode)
{
    /// <summary>The name shown on the provider's pages: the enterprise's name, or the citizen's.</summary>
    public string DisplayName => Enterprise?.MainInformation.Name ?? Person.HoVaTen.DayDu;
}
