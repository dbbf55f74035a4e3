using System.Security.Claims;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Lgsp.Hub.Identity;

/// <summary>
/// A person's session receives <see cref="HubScopes.Admin"/> only when its level of assurance (<c>acr</c>, the lower
/// of what the sign-in method proves and what the account's identity was verified to) is at least
/// <see cref="HubIdentityOptions.MinimumAdminLevel"/>. A local password is level 1; the national sign-in of a linked
/// account carries the provider's level (VNeID mức 2 = 2). Checked where tokens are made for a person: at
/// <c>/connect/authorize</c> (answered <c>access_denied</c>) and again when a code or refresh token is redeemed
/// (<c>invalid_grant</c>: the minimum may have been raised since). Client-credentials tokens are a system's, not a
/// person's: the rule does not apply to them. The OAuth error carries, besides its ASCII <c>error_description</c>, an
/// <c>error_uri</c> (RFC 6749 §4.1.2.1): the hub's page <c>/account/admin-assurance</c>, which tells the person in
/// Vietnamese (English on request) what level was needed, what this sign-in reached and how to sign in instead.
/// </summary>
internal sealed partial class AdminAssurance(IOptions<HubIdentityOptions> options, ILogger<AdminAssurance> logger)
{
    /// <summary>Null when <paramref name="issued"/> may be issued; else why not (an OAuth <c>error_description</c>, ASCII, and the page that says it to the person).</summary>
    public AdminRefusal? Refusal(ClaimsPrincipal issued, ClaimsPrincipal session, string? clientId)
    {
        ArgumentNullException.ThrowIfNull(issued);
        ArgumentNullException.ThrowIfNull(session);
        if (!issued.HasScope(HubScopes.Admin))
        {
            return null;
        }

        var level = LevelOf(session);
        var minimum = options.Value.MinimumAdminLevel;
        if (level >= minimum)
        {
            return null;
        }

        Refused(logger, issued.GetClaim(Claims.Subject), clientId, level, minimum);
        return new AdminRefusal(
            $"The {HubScopes.Admin} scope needs a sign-in at level of assurance {AssuranceLevels.ToAcr(minimum)} or higher "
            + $"(the national sign-in, VNeID level {minimum}, of an account linked to it); this sign-in is at {AssuranceLevels.ToAcr(level)}.",
            level, minimum);
    }

    /// <summary>The session's level; a session without a readable <c>acr</c> is the lowest.</summary>
    public static int LevelOf(ClaimsPrincipal session) =>
        AssuranceLevels.TryParseAcr(session.FindFirst(HubClaims.Acr)?.Value, out var level) ? level : AssuranceLevels.Low;

    // The account id and client id only.
    [LoggerMessage(EventId = 5901, Level = LogLevel.Warning, Message = "lgsp.admin refused to account {AccountId} through client {ClientId}: the sign-in is at level {Level}, the minimum is {Minimum}")]
    private static partial void Refused(ILogger logger, string? accountId, string? clientId, int level, int minimum);
}

/// <summary>Why <c>lgsp.admin</c> was refused: the OAuth description (ASCII, English) and the levels, for the person's page.</summary>
internal sealed record AdminRefusal(string Description, int Level, int Minimum)
{
    public const string PagePath = "/account/admin-assurance";

    /// <summary>The absolute address of the page that explains the refusal (the OAuth <c>error_uri</c>).</summary>
    public string PageUri(HttpRequest request) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{PagePath}?level={Level.ToString(System.Globalization.CultureInfo.InvariantCulture)}&minimum={Minimum.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
