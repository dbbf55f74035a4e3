using System.Net;
using Lgsp.Hub.Identity;

namespace Lgsp.Hub.Tests.Identity;

/// <summary>
/// Identity:ValidateTokenEntries: the APIs also check each access token against the database, so revoking its family
/// or authorization (refresh-token reuse, logout) takes effect at once instead of at expiry. A token revoked itself at
/// /connect/revoke is refused with or without it (the revocation list).
/// </summary>
public sealed class TokenEntryValidationTests
{
    [Fact]
    public async Task Api_RevokedAccessTokenWithEntryValidation_Is401()
    {
        await using var hub = IdentityHub.StartOnSqlite(new Dictionary<string, string?> { ["Identity:ValidateTokenEntries"] = "true" });
        using var api = hub.Api();
        var user = await hub.CreateOfficialAsync();
        using var browser = hub.Browser();
        var pkce = Oidc.Pkce.Create();
        var redirect = await Oidc.SignInAsync(browser, Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, "openid offline_access", pkce), user, IdentityHub.Password);
        var tokens = await Oidc.RedeemCodeAsync(api, "provincial-portal", hub.Secret("provincial-portal"), Oidc.Query(redirect)["code"]!, Oidc.PortalRedirect, pkce.Verifier);
        using (var before = await Oidc.GetWithTokenAsync(api, MeApi.Path, tokens.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, await Oidc.RevokeAsync(api, "provincial-portal", hub.Secret("provincial-portal"), tokens.AccessToken));

        using var after = await Oidc.GetWithTokenAsync(api, MeApi.Path, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Api_RevokedAccessTokenWithoutEntryValidation_Is401()
    {
        // Was "stays valid until expiry": the default now refuses it through the revocation list (issue #14 item 1),
        // still without a database read per API call (AccessTokenRevocationTests).
        await using var hub = IdentityHub.StartOnSqlite();
        using var api = hub.Api();
        var user = await hub.CreateOfficialAsync();
        using var browser = hub.Browser();
        var pkce = Oidc.Pkce.Create();
        var redirect = await Oidc.SignInAsync(browser, Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, "openid", pkce), user, IdentityHub.Password);
        var tokens = await Oidc.RedeemCodeAsync(api, "provincial-portal", hub.Secret("provincial-portal"), Oidc.Query(redirect)["code"]!, Oidc.PortalRedirect, pkce.Verifier);

        Assert.Equal(HttpStatusCode.OK, await Oidc.RevokeAsync(api, "provincial-portal", hub.Secret("provincial-portal"), tokens.AccessToken));

        using var after = await Oidc.GetWithTokenAsync(api, MeApi.Path, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Revocation_ClientCredentialsTokenWithoutEntryValidation_IsRevoked()
    {
        // No row is written for it (bench/README.md); it was unsupported_token_type, now it goes on the revocation list.
        await using var hub = IdentityHub.StartOnSqlite();
        using var api = hub.Api();
        var tokens = await Oidc.ClientCredentialsAsync(api, "lgsp-cli", hub.Secret("lgsp-cli"), HubScopes.Admin);

        Assert.Equal(HttpStatusCode.OK, await Oidc.RevokeAsync(api, "lgsp-cli", hub.Secret("lgsp-cli"), tokens.AccessToken));

        using var after = await Oidc.GetWithTokenAsync(api, MeApi.Path, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Revocation_ClientCredentialsTokenWithEntryValidation_IsRevoked()
    {
        // With ValidateTokenEntries the token has a row: revoked there and on the list.
        await using var hub = IdentityHub.StartOnSqlite(new Dictionary<string, string?> { ["Identity:ValidateTokenEntries"] = "true" });
        using var api = hub.Api();
        var tokens = await Oidc.ClientCredentialsAsync(api, "lgsp-cli", hub.Secret("lgsp-cli"), HubScopes.Admin);

        Assert.Equal(HttpStatusCode.OK, await Oidc.RevokeAsync(api, "lgsp-cli", hub.Secret("lgsp-cli"), tokens.AccessToken));

        Assert.False((await Oidc.IntrospectAsync(api, "lgsp-cli", hub.Secret("lgsp-cli"), tokens.AccessToken)).GetProperty("active").GetBoolean());
        using var after = await Oidc.GetWithTokenAsync(api, MeApi.Path, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }
}
