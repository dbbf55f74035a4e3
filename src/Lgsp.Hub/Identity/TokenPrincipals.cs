using System.Collections.Immutable;
using System.Security.Claims;
using Lgsp.Hub.Identity.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Lgsp.Hub.Identity;

/// <summary>
/// What goes into the hub's tokens. For a person: the account's current data (re-read on every code and refresh
/// redemption, so a changed name or a removed role shows in the next token), the sign-in session's <c>acr</c>,
/// <c>amr</c> and <c>auth_time</c>, and the requested scopes the person may hold. For a client (client credentials):
/// its id as the subject and the requested scopes, which OpenIddict has already checked against the client's grants.
/// </summary>
internal sealed class TokenPrincipals(UserManager<HubAccount> users, IOptions<HubIdentityOptions> options)
{
    private static readonly string[] SessionClaims = [HubClaims.Acr, HubClaims.Amr, HubClaims.AuthTime];

    public async Task<ClaimsPrincipal> ForAccountAsync(HubAccount account, IEnumerable<string> requestedScopes, ClaimsPrincipal session)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, account.Id.ToString());
        identity.SetClaim(Claims.Name, account.DisplayName);
        identity.SetClaim(Claims.PreferredUsername, account.UserName);
        identity.SetClaim(HubClaims.AccountType, HubClaims.AccountTypeValue(account.Kind));
        identity.SetClaim(HubClaims.PersonalId, account.PersonalId);
        identity.SetClaim(HubClaims.EnterpriseCode, account.EnterpriseCode);
        identity.SetClaim(HubClaims.AgencyCode, account.AgencyCode);
        identity.SetClaim(HubClaims.TechId, account.TechId);
        identity.SetClaim(HubClaims.SecurityStamp, account.SecurityStamp);
        foreach (var claim in session.Claims.Where(c => SessionClaims.Contains(c.Type, StringComparer.Ordinal)))
        {
            identity.AddClaim(new Claim(claim.Type, claim.Value, claim.ValueType));
        }

        var scopes = new List<string>();
        foreach (var scope in requestedScopes.Distinct(StringComparer.Ordinal))
        {
            if (options.Value.Scopes.TryGetValue(scope, out var settings) && settings.UserRole is { Length: > 0 } role
                && !await users.IsInRoleAsync(account, role))
            {
                continue;
            }

            scopes.Add(scope);
        }

        identity.SetScopes(scopes);
        identity.SetResources(HubScopes.HubAudience);
        identity.SetAudiences(HubScopes.HubAudience);
        identity.SetDestinations(claim => DestinationsOf(claim, scopes));
        return new ClaimsPrincipal(identity);
    }

    public static ClaimsPrincipal ForClient(string clientId, ImmutableArray<string> scopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, clientId);
        identity.SetScopes(scopes);
        identity.SetResources(HubScopes.HubAudience);
        identity.SetAudiences(HubScopes.HubAudience);
        identity.SetDestinations(static claim => claim.Type == Claims.Subject ? [Destinations.AccessToken] : []);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// Access tokens carry everything the hub's APIs need (they are encrypted); ID tokens carry the profile only when
    /// <c>profile</c> was granted; the security stamp goes in no token a client can hold (codes and refresh tokens keep
    /// claims without destinations, encrypted, for the hub itself).
    /// </summary>
    private static IEnumerable<string> DestinationsOf(Claim claim, List<string> scopes)
    {
        switch (claim.Type)
        {
            case HubClaims.SecurityStamp:
                yield break;
            case Claims.Subject or HubClaims.Acr or HubClaims.Amr or HubClaims.AuthTime:
                yield return Destinations.AccessToken;
                yield return Destinations.IdentityToken;
                yield break;
            default:
                yield return Destinations.AccessToken;
                if (scopes.Contains(Scopes.Profile))
                {
                    yield return Destinations.IdentityToken;
                }

                yield break;
        }
    }
}
