using System.Net;
using Lgsp.Hub.Identity;

namespace Lgsp.Hub.Tests.Identity;

/// <summary>
/// Identity:ValidateTokenEntries: the APIs also check each access token against the database, so revoking it (or
/// the reuse of its family's refresh token) takes effect at once instead of at expiry.
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
    public async Task Api_RevokedAccessTokenWithoutEntryValidation_StaysValidUntilExpiry()
    {
        // The default trades immediate revocation for no database read per API call; access tokens live 10 minutes.
        await using var hub = IdentityHub.StartOnSqlite();
        using var api = hub.Api();
        var user = await hub.CreateOfficialAsync();
        using var browser = hub.Browser();
        var pkce = Oidc.Pkce.Create();
        var redirect = await Oidc.SignInAsync(browser, Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, "openid", pkce), user, IdentityHub.Password);
        var tokens = await Oidc.RedeemCodeAsync(api, "provincial-portal", hub.Secret("provincial-portal"), Oidc.Query(redirect)["code"]!, Oidc.PortalRedirect, pkce.Verifier);

        Assert.Equal(HttpStatusCode.OK, await Oidc.RevokeAsync(api, "provincial-portal", hub.Secret("provincial-portal"), tokens.AccessToken));

        using var after = await Oidc.GetWithTokenAsync(api, MeApi.Path, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Revocation_ClientCredentialsTokenWithoutEntryValidation_IsUnsupported()
    {
        // No row is written for it (bench/README.md): it cannot be revoked, only expire.
        await using var hub = IdentityHub.StartOnSqlite();
        using var api = hub.Api();
        var tokens = await Oidc.ClientCredentialsAsync(api, "lgsp-cli", hub.Secret("lgsp-cli"), HubScopes.Admin);

        Assert.Equal(HttpStatusCode.BadRequest, await Oidc.RevokeAsync(api, "lgsp-cli", hub.Secret("lgsp-cli"), tokens.AccessToken));
    }
}
