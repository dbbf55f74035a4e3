using Microsoft.AspNetCore.Identity;

namespace Lgsp.Hub.Identity.Accounts;

/// <summary>
/// A person who signs in to the hub: an official with a local password, or a citizen or an organization's
/// representative known through the national identity provider (VNeID / Cổng DVCQG), who may have no password at
/// all. ASP.NET Core Identity keeps the password hash, lockout and security stamp; the fields below are what the
/// hub's tokens say about the person (<see cref="HubClaims"/>).
/// </summary>
internal sealed class HubAccount : IdentityUser<Guid>
{
    public AccountKind Kind { get; set; }

    /// <summary>Full name as shown to the person and put in the <c>name</c> claim.</summary>
    public required string DisplayName { get; set; }

    /// <summary>Số định danh cá nhân (12 digits, the CCCD number), canonical form; claim <see cref="HubClaims.PersonalId"/>.</summary>
    public string? PersonalId { get; set; }

    /// <summary>Mã số doanh nghiệp of the organization the account acts for; claim <see cref="HubClaims.EnterpriseCode"/>.</summary>
    public string? EnterpriseCode { get; set; }

    /// <summary>Mã định danh of an official's agency; claim <see cref="HubClaims.AgencyCode"/>.</summary>
    public string? AgencyCode { get; set; }

    /// <summary>
    /// The national identity provider's stable key for this person (its <c>TechID</c>), set when the account is
    /// linked; unique. Accounts signed in only through the national provider are found by it.
    /// </summary>
    public string? TechId { get; set; }

    /// <summary>
    /// How well the person's identity was proven (1 to 3, <see cref="AssuranceLevels"/>): the ceiling of the
    /// <c>acr</c> any sign-in of this account can reach. A local official is 1 until linked to a verified identity.
    /// </summary>
    public int AssuranceLevel { get; set; } = AssuranceLevels.Low;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }
}

/// <summary>Who the account is; claim <see cref="HubClaims.AccountType"/>.</summary>
internal enum AccountKind
{
    /// <summary>Cán bộ, công chức: a local account with a password, created by the province.</summary>
    Official,

    /// <summary>Công dân: known through the national identity provider.</summary>
    Citizen,

    /// <summary>Tổ chức, doanh nghiệp: a representative acting for the enterprise in <see cref="HubAccount.EnterpriseCode"/>.</summary>
    Organization,
}

/// <summary>A role granting user-delegated scopes (for example <c>lgsp-operator</c> for <c>lgsp.admin</c>).</summary>
internal sealed class HubRole : IdentityRole<Guid>
{
    public HubRole()
    {
    }

    public HubRole(string name)
        : base(name)
    {
    }
}
