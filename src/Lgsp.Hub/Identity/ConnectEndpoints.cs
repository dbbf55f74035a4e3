using System.Globalization;
using System.Security.Claims;
using Lgsp.Hub.Identity.Accounts;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Lgsp.Hub.Identity;

/// <summary>
/// The parts of the OpenID Connect endpoints that need the hub's own decisions (OpenIddict validates every request
/// before, and issues the tokens after): who is signed in at /connect/authorize, what a code, refresh or
/// client-credentials grant yields at /connect/token, and what /connect/userinfo says. Discovery, JWKS,
/// introspection and revocation are OpenIddict's alone; end-session is the Razor page <c>Connect/Logout</c>.
/// </summary>
internal static class ConnectEndpoints
{
    public const string Authorize = "/connect/authorize";
    public const string Token = "/connect/token";
    public const string UserInfo = "/connect/userinfo";
    public const string Introspect = "/connect/introspect";
    public const string Revoke = "/connect/revoke";
    public const string Logout = "/connect/logout";
    public const string Jwks = "/.well-known/jwks";

    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        var connect = app.MapGroup(string.Empty).ExcludeFromDescription();
        connect.MapMethods(Authorize, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync);
        connect.MapPost(Token, TokenAsync);
        connect.MapMethods(UserInfo, [HttpMethods.Get, HttpMethods.Post], UserInfoAsync);
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, UserManager<HubAccount> users, TokenPrincipals tokens, AdminAssurance admin, TimeProvider time)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var account = session.Succeeded ? await users.GetUserAsync(session.Principal) : null;
        var signInNeeded = account is null
            || request.HasPromptValue(PromptValues.Login)
            || (request.MaxAge is { } maxAge && AuthTime(session.Principal!) is { } authTime && time.GetUtcNow() - authTime > TimeSpan.FromSeconds(maxAge))
            || await users.IsLockedOutAsync(account);
        if (signInNeeded)
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(OpenIddictConstants.Errors.LoginRequired, "The user is not signed in.");
            }

            // Back here after the sign-in page, without prompt=login (or it would ask again forever).
            var parameters = request.GetParameters()
                .Where(p => p.Key != Parameters.Prompt)
                .Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString()));
            var returnUrl = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentityConstants.ApplicationScheme]);
        }

        var principal = await tokens.ForAccountAsync(account!, request.GetScopes(), session.Principal!);
        if (admin.Refusal(principal, session.Principal!, request.ClientId) is { } tooLow)
        {
            // RFC 6749 §4.1.2.1: the authorization server denies the request. Not invalid_scope: the scope is valid
            // and granted to the client; the person's sign-in is what falls short.
            return Forbid(OpenIddictConstants.Errors.AccessDenied, tooLow.Description, tooLow.PageUri(http.Request));
        }

        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(HttpContext http, UserManager<HubAccount> users, SignInManager<HubAccount> signIn, TokenPrincipals tokens, AdminAssurance admin)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has authenticated the client and refused any scope it was not granted.
            return Results.SignIn(TokenPrincipals.ForClient(request.ClientId!, request.GetScopes()), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return Forbid(OpenIddictConstants.Errors.UnsupportedGrantType, "The grant type is not supported.");
        }

        // The code or refresh token has been validated (signature, expiry, PKCE, not redeemed or reused) by OpenIddict.
        var previous = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal!;
        var account = await users.FindByIdAsync(previous.GetClaim(Claims.Subject)!);
        if (account is null
            || !await signIn.CanSignInAsync(account)
            || await users.IsLockedOutAsync(account)
            || previous.GetClaim(HubClaims.SecurityStamp) != account.SecurityStamp)
        {
            return Forbid(OpenIddictConstants.Errors.InvalidGrant, "The account is no longer valid, is locked or its password changed.");
        }

        var scopes = request.IsRefreshTokenGrantType() && request.GetScopes() is { Length: > 0 } narrower ? narrower : previous.GetScopes();
        var principal = await tokens.ForAccountAsync(account, scopes, previous);
        if (admin.Refusal(principal, previous, request.ClientId) is { } tooLow)
        {
            return Forbid(OpenIddictConstants.Errors.InvalidGrant, tooLow.Description, tooLow.PageUri(http.Request));
        }

        // Same family: rotation and reuse detection follow the authorization created when the code was issued.
        principal.SetAuthorizationId(previous.GetAuthorizationId());
        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http, UserManager<HubAccount> users)
    {
        var token = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal!;
        // A client-credentials token's subject is the client id, not an account id: no account, same answer as a
        // deleted one (FindByIdAsync would throw on anything that is not a GUID).
        var account = Guid.TryParse(token.GetClaim(Claims.Subject), out var accountId) ? await users.FindByIdAsync(accountId.ToString()) : null;
        if (account is null)
        {
            return Results.Challenge(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = OpenIddictConstants.Errors.InvalidToken,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The account no longer exists.",
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = account.Id.ToString() };
        if (token.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = account.DisplayName;
            claims[Claims.PreferredUsername] = account.UserName!;
            claims[HubClaims.AccountType] = HubClaims.AccountTypeValue(account.Kind);
            AddIfSet(claims, HubClaims.PersonalId, account.PersonalId);
            AddIfSet(claims, HubClaims.EnterpriseCode, account.EnterpriseCode);
            AddIfSet(claims, HubClaims.AgencyCode, account.AgencyCode);
        }

        AddIfSet(claims, HubClaims.Acr, token.GetClaim(HubClaims.Acr));
        return Results.Ok(claims);
    }

    private static DateTimeOffset? AuthTime(ClaimsPrincipal session) =>
        long.TryParse(session.FindFirst(HubClaims.AuthTime)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static void AddIfSet(Dictionary<string, object> claims, string type, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            claims[type] = value;
        }
    }

    private static IResult Forbid(string error, string description, string? uri = null) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorUri] = uri,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
