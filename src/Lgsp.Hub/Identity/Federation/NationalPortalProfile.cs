using System.Security.Claims;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Hub.Identity.Accounts;

namespace Lgsp.Hub.Identity.Federation;

/// <summary>
/// Who the national identity provider (Cổng DVCQG / VNeID) says signed in, read from its id_token and userinfo
/// claims (DOMAIN.md §5) and checked with the hub's own code rules: a <c>TechID</c>, the account type
/// (<c>LoaiTaiKhoan</c> 1 citizen, 2 business), the personal id or enterprise code, the name and the level.
/// A claim that is missing or malformed is the upstream's fault (<c>upstream.nationalidentity.bad_response</c>),
/// never a reason to create a half-filled account.
/// </summary>
internal sealed record NationalPortalProfile(
    string TechId,
    AccountKind Kind,
    string? PersonalId,
    string? EnterpriseCode,
    string FullName,
    string? EnterpriseName,
    int AssuranceLevel)
{
    public const string Source = "nationalidentity";

    /// <summary>Longest <c>TechID</c> the hub stores (the column's size).</summary>
    public const int MaxTechIdLength = 128;

    public static UpstreamErrors Errors => ErrorCatalogue.Upstream(Source);

    /// <summary>Reads and checks the claims; throws <see cref="LgspException"/> listing every problem at once.</summary>
    public static NationalPortalProfile From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var problems = new List<FieldError>();

        var techId = Value(principal, NationalPortalClaims.TechId);
        if (techId is null)
        {
            problems.Add(Missing(NationalPortalClaims.TechId, "tech_id.missing", "mã định danh kỹ thuật (TechID)", "technical id (TechID)"));
        }
        else if (techId.Length > MaxTechIdLength || techId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            problems.Add(new FieldError(NationalPortalClaims.TechId, "tech_id.format",
                $"TechID không hợp lệ (tối đa {MaxTechIdLength} ký tự, không có khoảng trắng).",
                $"The TechID is malformed (at most {MaxTechIdLength} characters, no white space)."));
        }

        var kind = Value(principal, NationalPortalClaims.AccountType) switch
        {
            "1" => AccountKind.Citizen,
            "2" => AccountKind.Organization,
            null => Problem(Missing(NationalPortalClaims.AccountType, "account_type.missing", "loại tài khoản (LoaiTaiKhoan)", "account type (LoaiTaiKhoan)")),
            _ => Problem(new FieldError(NationalPortalClaims.AccountType, "account_type.unknown",
                "Loại tài khoản (LoaiTaiKhoan) phải là 1 (công dân) hoặc 2 (doanh nghiệp).",
                "The account type (LoaiTaiKhoan) must be 1 (citizen) or 2 (business).")),
        };

        var personalId = ReadPersonalId(principal, required: kind == AccountKind.Citizen, problems);
        string? enterpriseCode = null;
        string? enterpriseName = null;
        if (kind == AccountKind.Organization)
        {
            var text = Value(principal, NationalPortalClaims.EnterpriseCode) ?? Value(principal, NationalPortalClaims.TaxCode);
            if (text is null)
            {
                problems.Add(Missing(NationalPortalClaims.EnterpriseCode, "enterprise_code.missing", "mã số doanh nghiệp (MaSoDoanhNghiep)", "enterprise code (MaSoDoanhNghiep)"));
            }
            else if (!Lgsp.Core.Codes.EnterpriseCode.TryParse(text, out var code, out var error))
            {
                problems.Add(error.WithField(NationalPortalClaims.EnterpriseCode));
            }
            else
            {
                enterpriseCode = code.Value;
            }

            enterpriseName = Value(principal, NationalPortalClaims.EnterpriseName);
        }

        var fullName = Value(principal, NationalPortalClaims.FullName);
        if (fullName is null)
        {
            problems.Add(Missing(NationalPortalClaims.FullName, "full_name.missing", "họ và tên (HoVaTen)", "full name (HoVaTen)"));
        }

        if (problems.Count > 0)
        {
            throw new LgspException(Errors.BadResponse, new("Thông tin định danh do hệ thống định danh quốc gia trả về thiếu hoặc sai dạng.", "The national identity provider's claims are incomplete or malformed."), problems);
        }

        return new NationalPortalProfile(techId!, kind!.Value, personalId, enterpriseCode, fullName!, enterpriseName,
            Level(principal));

        AccountKind? Problem(FieldError error)
        {
            problems.Add(error);
            return null;
        }
    }

    /// <summary>
    /// The level the provider vouches for: <c>acr</c> (<c>LoA1</c>/<c>LoA2</c>), else <c>loAs</c>, else VNeID's
    /// <c>IAL</c>; the lowest level when none is readable. LoA2 (VNeID mức 2) is the hub's "substantial".
    /// </summary>
    private static int Level(ClaimsPrincipal principal)
    {
        foreach (var claim in new[] { NationalPortalClaims.Acr, NationalPortalClaims.LoAs, NationalPortalClaims.Ial })
        {
            var value = Value(principal, claim);
            if (value is null)
            {
                continue;
            }

            var digits = value.StartsWith("LoA", StringComparison.OrdinalIgnoreCase) ? value[3..] : value;
            if (int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var level) && level >= 1)
            {
                return Math.Min(level, AssuranceLevels.Substantial);
            }
        }

        return AssuranceLevels.Low;
    }

    private static string? ReadPersonalId(ClaimsPrincipal principal, bool required, List<FieldError> problems)
    {
        var text = Value(principal, NationalPortalClaims.PersonalId);
        if (text is null)
        {
            if (required)
            {
                problems.Add(Missing(NationalPortalClaims.PersonalId, "personal_id.missing", "số định danh cá nhân (SoDinhDanh)", "personal id (SoDinhDanh)"));
            }

            return null;
        }

        if (!Lgsp.Core.Codes.PersonalId.TryParse(text, out var id, out var error))
        {
            problems.Add(error.WithField(NationalPortalClaims.PersonalId));
            return null;
        }

        if (id.Kind != PersonalIdKind.Cccd12)
        {
            problems.Add(new FieldError(NationalPortalClaims.PersonalId, "personal_id.not_cccd",
                "Số định danh cá nhân (SoDinhDanh) phải có 12 chữ số.", "The personal id (SoDinhDanh) must have 12 digits."));
            return null;
        }

        return id.Value;
    }

    private static string? Value(ClaimsPrincipal principal, string type) =>
        principal.FindFirst(type)?.Value.Trim() is { Length: > 0 } value ? value : null;

    private static FieldError Missing(string claim, string reason, string vi, string en) =>
        new(claim, reason, $"Thiếu {vi} trong thông tin từ hệ thống xác thực quốc gia.", $"The national identity provider sent no {en}.");
}

/// <summary>The national provider's claim names (DVCQG's, DOMAIN.md §5).</summary>
internal static class NationalPortalClaims
{
    public const string TechId = "TechID";
    public const string AccountType = "LoaiTaiKhoan";
    public const string PersonalId = "SoDinhDanh";
    public const string FullName = "HoVaTen";
    public const string EnterpriseCode = "MaSoDoanhNghiep";
    public const string TaxCode = "MaSoThue";
    public const string EnterpriseName = "TenDoanhNghiep";
    public const string LoAs = "loAs";
    public const string Ial = "IAL";
    public const string Acr = "acr";
}
