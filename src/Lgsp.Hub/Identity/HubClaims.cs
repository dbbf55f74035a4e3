using Lgsp.Hub.Identity.Accounts;

namespace Lgsp.Hub.Identity;

/// <summary>
/// The claims the hub's tokens carry about a person, besides the standard ones (<c>sub</c> = the account id,
/// <c>name</c>, <c>preferred_username</c>, <c>amr</c>, <c>auth_time</c>). Access tokens always carry them (they are
/// encrypted: only the hub reads them); ID tokens and userinfo carry them when the <c>profile</c> scope is granted.
/// A claim is absent when the account has no such value. Client-credentials tokens carry none: their <c>sub</c> is
/// the client id.
/// </summary>
internal static class HubClaims
{
    /// <summary><c>official</c>, <c>citizen</c> or <c>organization</c> (<see cref="AccountKind"/>).</summary>
    public const string AccountType = "lgsp_account_type";

    /// <summary>Số định danh cá nhân, 12 digits.</summary>
    public const string PersonalId = "lgsp_personal_id";

    /// <summary>Mã số doanh nghiệp of the organization the person acts for.</summary>
    public const string EnterpriseCode = "lgsp_enterprise_code";

    /// <summary>
    /// The national identity provider's <c>TechID</c> of an account linked to it (Cổng DVCQG / VNeID): what a portal
    /// sends DVCQG as <c>MaDoiTuong</c> when it syncs this person's dossiers.
    /// </summary>
    public const string TechId = "lgsp_tech_id";

    /// <summary>Mã định danh of an official's agency (e.g. <c>000.00.14.H56</c>).</summary>
    public const string AgencyCode = "lgsp_agency_code";

    /// <summary>
    /// Level of assurance of this sign-in (OIDC <c>acr</c>): <c>urn:lgsp:loa:1</c>, <c>…:2</c> or <c>…:3</c>
    /// (<see cref="AssuranceLevels"/>). It is the lower of what the sign-in method proves and what the account's
    /// identity was verified to (<see cref="HubAccount.AssuranceLevel"/>).
    /// </summary>
    public const string Acr = "acr";

    /// <summary>How the person signed in (RFC 8176 values, e.g. <c>pwd</c>), one claim per method.</summary>
    public const string Amr = "amr";

    /// <summary>When the person signed in, Unix seconds.</summary>
    public const string AuthTime = "auth_time";

    /// <summary>
    /// The account's security stamp when the tokens were issued. Kept only inside authorization codes and refresh
    /// tokens (never in an access or ID token): a password change or lockout changes it and ends the refresh family.
    /// </summary>
    public const string SecurityStamp = "lgsp_security_stamp";

    public static string AccountTypeValue(AccountKind kind) => kind switch
    {
        AccountKind.Official => "official",
        AccountKind.Citizen => "citizen",
        AccountKind.Organization => "organization",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>Levels of assurance and their <c>acr</c> values.</summary>
internal static class AssuranceLevels
{
    /// <summary>Single factor (a local password), or an identity not verified in person (VNeID mức 1).</summary>
    public const int Low = 1;

    /// <summary>An identity verified against the national population database (VNeID mức 2).</summary>
    public const int Substantial = 2;

    /// <summary>Reserved for sign-ins with a qualified digital signature or hardware token.</summary>
    public const int High = 3;

    public const string AcrPrefix = "urn:lgsp:loa:";

    public static string ToAcr(int level) => AcrPrefix + Math.Clamp(level, Low, High).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryParseAcr(string? acr, out int level)
    {
        level = 0;
        return acr is not null
            && acr.StartsWith(AcrPrefix, StringComparison.Ordinal)
            && int.TryParse(acr.AsSpan(AcrPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out level)
            && level is >= Low and <= High;
    }
}
