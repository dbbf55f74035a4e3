using System.Security.Claims;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Lgsp.Hub.Gateway.AccessRights;
using Lgsp.Hub.Identity;
using Lgsp.Hub.Identity.Accounts;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Lgsp.Hub.Gateway;

/// <summary>
/// Subject binding, a step of every exchange (<c>Gateway/README.md</c>, "One exchange, step by step"): X-Road binds
/// a query to its user as well as its member. A token issued to a person (authorization code, not client credentials)
/// reaches only that person's own records: a personal id equal to the token's <see cref="HubClaims.PersonalId"/>, an
/// enterprise code equal to (or a branch of) its <see cref="HubClaims.EnterpriseCode"/>. A key that is no person's id
/// (a land parcel, a BHXH code, a civil registration's book number) cannot be the person's own, so only officials may
/// use it. An official of an agency the client's right grants the source to (<see cref="ServiceGrant.OfficialAgencies"/>)
/// may look up anyone, on their own behalf: <c>X-Lgsp-Officer-Id</c> must be their user name from the token
/// (<c>preferred_username</c>), not free text; an official's token naming another officer is refused whatever it
/// looks up. Client-credentials tokens (the client is the subject) keep the access rights' rules alone.
/// </summary>
internal static partial class SubjectBinding
{
    private static readonly string OfficialType = HubClaims.AccountTypeValue(AccountKind.Official);

    /// <summary>Refuses the exchange unless the token may reach the record <paramref name="key"/> names.</summary>
    /// <param name="key">The parsed key the source is called with (<see cref="LookupInput{TInput}.Value"/>).</param>
    /// <param name="officer">The well-formed <c>X-Lgsp-Officer-Id</c>, if any (step 4).</param>
    /// <exception cref="LgspException"><c>client.officer_mismatch</c> or <c>client.subject_not_permitted</c>, both 403.</exception>
    public static void Require(ClaimsPrincipal user, ServiceGrant grant, object? key, string? officer, Guid exchangeId, ILogger logger)
    {
        if (!IsPerson(user, grant.ClientId))
        {
            return;
        }

        var official = Official(user);
        if (official is { } named && officer is not null && !string.Equals(officer, named.OfficerId, StringComparison.Ordinal))
        {
            throw Refuse(user, grant, exchangeId, logger, ErrorCatalogue.OfficerMismatch, new(
                $"Mã cán bộ ({GatewayHeaders.OfficerId}) phải là mã của chính cán bộ đã đăng nhập (tên đăng nhập trong mã truy cập), không phải mã khác.",
                $"{GatewayHeaders.OfficerId} must be the signed-in official's own id (the user name in the token), not another."));
        }

        if (IsOwn(user, key))
        {
            return;
        }

        if (official is { } granted && grant.GrantsOfficialsOf(granted.Agency))
        {
            if (officer is null)
            {
                throw Refuse(user, grant, exchangeId, logger, ErrorCatalogue.OfficerMismatch, new(
                    $"Cán bộ tra cứu thông tin của người khác phải gửi mã cán bộ của mình ({GatewayHeaders.OfficerId}: tên đăng nhập trong mã truy cập).",
                    $"An official looking up someone else's records must send their own officer id ({GatewayHeaders.OfficerId}: the user name in the token)."));
            }

            return;
        }

        throw Refuse(user, grant, exchangeId, logger, ErrorCatalogue.SubjectNotPermitted, IsPersonKey(key)
            ? new(
                $"Tài khoản này chỉ được tra cứu thông tin của chính mình trong nguồn '{grant.Source}': mã được hỏi không phải số định danh hay mã số doanh nghiệp của tài khoản, và tài khoản không phải cán bộ của cơ quan được cấp quyền nguồn này qua client '{grant.ClientId}'.",
                $"This account may look up only its own records in the '{grant.Source}' source: the requested key is not the account's personal id or enterprise code, and the account is not an official of an agency granted this source through the client '{grant.ClientId}'.")
            : new(
                $"Tra cứu nguồn '{grant.Source}' theo khóa này không gắn được với một người, nên chỉ dành cho cán bộ của cơ quan được cấp quyền nguồn này qua client '{grant.ClientId}'.",
                $"A lookup of the '{grant.Source}' source by this key cannot be tied to a person, so it is open only to officials of an agency granted this source through the client '{grant.ClientId}'."));
    }

    /// <summary>
    /// A person's token: the hub put an account type in it, or its subject is not the client (a client-credentials
    /// token's <c>sub</c> is the client id and carries no account claim, <see cref="TokenPrincipals.ForClient"/>).
    /// </summary>
    internal static bool IsPerson(ClaimsPrincipal user, string clientId) =>
        user.GetClaim(HubClaims.AccountType) is not null || !string.Equals(user.GetClaim(Claims.Subject), clientId, StringComparison.Ordinal);

    /// <summary>An official (account type, a valid agency code and a user name in the token): their agency and officer id.</summary>
    private static (AgencyCode Agency, string OfficerId)? Official(ClaimsPrincipal user) =>
        string.Equals(user.GetClaim(HubClaims.AccountType), OfficialType, StringComparison.Ordinal)
            && AgencyCode.TryParse(user.GetClaim(HubClaims.AgencyCode), out var agency)
            && user.GetClaim(Claims.PreferredUsername) is { Length: > 0 } userName
            ? (agency, userName)
            : null;

    /// <summary>The record is the person's own: their personal id, or their enterprise (or one of its branches).</summary>
    private static bool IsOwn(ClaimsPrincipal user, object? key) => key switch
    {
        PersonalId id => SameAs(user.GetClaim(HubClaims.PersonalId), id.Value),
        CitizenVerificationRequest request => SameAs(user.GetClaim(HubClaims.PersonalId), request.PersonalId.Value),
        EnterpriseCode code => user.GetClaim(HubClaims.EnterpriseCode) is { } own
            && (SameAs(own, code.Value) || SameAs(own, code.HeadOffice.Value)),
        _ => false,
    };

    private static bool IsPersonKey(object? key) => key is PersonalId or CitizenVerificationRequest or EnterpriseCode;

    private static bool SameAs(string? claim, string value) => claim is not null && string.Equals(claim, value, StringComparison.Ordinal);

    private static LgspException Refuse(ClaimsPrincipal user, ServiceGrant grant, Guid exchangeId, ILogger logger, ErrorDescriptor error, LocalizedText detail)
    {
        LogRefused(logger, exchangeId, user.GetClaim(Claims.Subject) ?? "unknown", grant.ClientId, grant.Source, error.Code);
        return new LgspException(error, detail);
    }

    // The account id (a GUID), never the personal id or enterprise code asked for.
    [LoggerMessage(EventId = 5920, Level = LogLevel.Warning, Message = "Exchange {ExchangeId}: the token of account {AccountId} through {ClientId} was refused {Code} on {Service}")]
    private static partial void LogRefused(ILogger logger, Guid exchangeId, string accountId, string clientId, string service, string code);
}
