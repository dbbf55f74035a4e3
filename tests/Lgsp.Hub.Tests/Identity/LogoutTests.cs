using System.Net;
using System.Web;

namespace Lgsp.Hub.Tests.Identity;

/// <summary>
/// RP-initiated logout at /connect/logout: validated post-logout redirect, confirmation without a hint, and the end of
/// the person's refresh-token families (a portal holding one must not keep refreshing after the person signed out).
/// </summary>
public sealed class LogoutTests(IdentityHubFixture fixture) : IClassFixture<IdentityHubFixture>
{
    private IdentityHub Hub => fixture.Hub;

    [Fact]
    public async Task Logout_WithIdTokenHint_EndsTheSessionAndReturnsToTheClient()
    {
        var (browser, idToken) = await SignedInAsync();
        using (browser)
        {
            using var logout = await browser.GetAsync(new Uri(LogoutUrl(idToken, Oidc.PortalPostLogout, "bye"), UriKind.Relative));

            Assert.Equal(HttpStatusCode.Found, logout.StatusCode);
            var back = logout.Headers.Location!;
            Assert.Equal(Oidc.PortalPostLogout, back.GetLeftPart(UriPartial.Path));
            Assert.Equal("bye", HttpUtility.ParseQueryString(back.Query)["state"]);
            using var silent = await browser.GetAsync(new Uri(Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, "openid", Oidc.Pkce.Create(), extra: new Dictionary<string, string> { ["prompt"] = "none" }), UriKind.Relative));
            Assert.Equal("login_required", Oidc.Query(silent.Headers.Location!)["error"]);
        }
    }

    [Fact]
    public async Task Logout_UnregisteredPostLogoutRedirect_IsRefusedAndTheSessionStays()
    {
        var (browser, idToken) = await SignedInAsync();
        using (browser)
        {
            using var logout = await browser.GetAsync(new Uri(LogoutUrl(idToken, "https://evil.example/after-logout", "x"), UriKind.Relative));

            Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
            Assert.Null(logout.Headers.Location);
            using var silent = await browser.GetAsync(new Uri(Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, "openid", Oidc.Pkce.Create(), extra: new Dictionary<string, string> { ["prompt"] = "none" }), UriKind.Relative));
            Assert.NotNull(Oidc.Query(silent.Headers.Location!)["code"]);
        }
    }

    [Fact]
    public async Task Logout_WithForgedIdTokenHint_AsksInsteadOfSigningOut()
    {
        var (browser, idToken) = await SignedInAsync();
        using (browser)
        {
            var parts = idToken.Split('.');
            var forged = parts[0] + "." + parts[1] + "." + new string('A', parts[2].Length);

            using var logout = await browser.GetAsync(new Uri(LogoutUrl(forged, Oidc.PortalPostLogout, "x"), UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
            Assert.Contains("Bạn có muốn đăng xuất", await logout.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var silent = await browser.GetAsync(new Uri(Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, "openid", Oidc.Pkce.Create(), extra: new Dictionary<string, string> { ["prompt"] = "none" }), UriKind.Relative));
            Assert.NotNull(Oidc.Query(silent.Headers.Location!)["code"]);
        }
    }

    [Fact]
    public async Task Logout_WithoutHint_AsksFirstThenSignsOutOnConfirmation()
    {
        var (browser, _) = await SignedInAsync();
        using (browser)
        {
            using var page = await browser.GetAsync(new Uri("/connect/logout?client_id=provincial-portal&post_logout_redirect_uri=" + Uri.EscapeDataString(Oidc.PortalPostLogout) + "&state=s1", UriKind.Relative));
            var html = await page.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Bạn có muốn đăng xuất", html, StringComparison.Ordinal);

            var (action, token) = Oidc.ReadForm(html);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = "provincial-portal",
                ["post_logout_redirect_uri"] = Oidc.PortalPostLogout,
                ["state"] = "s1",
                ["__RequestVerificationToken"] = token,
            });
            using var confirmed = await browser.PostAsync(new Uri(action, UriKind.Relative), form);

            Assert.Equal(HttpStatusCode.Found, confirmed.StatusCode);
            Assert.Equal(Oidc.PortalPostLogout, confirmed.Headers.Location!.GetLeftPart(UriPartial.Path));
            using var silent = await browser.GetAsync(new Uri(Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, "openid", Oidc.Pkce.Create(), extra: new Dictionary<string, string> { ["prompt"] = "none" }), UriKind.Relative));
            Assert.Equal("login_required", Oidc.Query(silent.Headers.Location!)["error"]);
        }
    }

    [Fact]
    public async Task Logout_ConfirmationWithoutAntiforgeryToken_IsRejected()
    {
        var (browser, _) = await SignedInAsync();
        using (browser)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = "provincial-portal" });

            using var response = await browser.PostAsync(new Uri("/connect/logout", UriKind.Relative), form);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task Logout_WithIdTokenHint_RevokesTheSessionsRefreshTokens()
    {
        var (browser, tokens) = await SignedInAsync("openid profile offline_access");
        using (browser)
        {
            using var api = Hub.Api();
            using var logout = await browser.GetAsync(new Uri(LogoutUrl(tokens.IdToken!, Oidc.PortalPostLogout, "bye"), UriKind.Relative));
            Assert.Equal(HttpStatusCode.Found, logout.StatusCode);

            var refreshed = await Oidc.RefreshAsync(api, "provincial-portal", Hub.Secret("provincial-portal"), tokens.RefreshToken!);

            Assert.Equal("invalid_grant", refreshed.Error);
            Assert.False((await Oidc.IntrospectAsync(api, "provincial-portal", Hub.Secret("provincial-portal"), tokens.RefreshToken!)).GetProperty("active").GetBoolean());
        }
    }

    [Fact]
    public async Task Logout_ConfirmedWithoutHint_RevokesEveryRefreshTokenOfThePerson()
    {
        var user = await Hub.CreateOfficialAsync();
        var (browser, first) = await SignedInAsync("openid profile offline_access", user);
        using (browser)
        {
            // A second family of the same person, from another browser: the hub's sign-out ends the person's grants.
            var (other, second) = await SignedInAsync("openid profile offline_access", user);
            other.Dispose();
            using var api = Hub.Api();
            using var page = await browser.GetAsync(new Uri("/connect/logout?client_id=provincial-portal", UriKind.Relative));
            var (action, token) = Oidc.ReadForm(await page.Content.ReadAsStringAsync());
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = "provincial-portal", ["__RequestVerificationToken"] = token });
            using var confirmed = await browser.PostAsync(new Uri(action, UriKind.Relative), form);
            Assert.Equal(HttpStatusCode.Found, confirmed.StatusCode);

            Assert.Equal("invalid_grant", (await Oidc.RefreshAsync(api, "provincial-portal", Hub.Secret("provincial-portal"), first.RefreshToken!)).Error);
            Assert.Equal("invalid_grant", (await Oidc.RefreshAsync(api, "provincial-portal", Hub.Secret("provincial-portal"), second.RefreshToken!)).Error);
        }
    }

    [Fact]
    public async Task Logout_OfOnePerson_LeavesAnotherPersonsRefreshTokens()
    {
        var (browser, _) = await SignedInAsync("openid profile offline_access");
        var (bystander, theirs) = await SignedInAsync("openid profile offline_access");
        bystander.Dispose();
        using (browser)
        {
            using var api = Hub.Api();
            using var page = await browser.GetAsync(new Uri("/connect/logout?client_id=provincial-portal", UriKind.Relative));
            var (action, token) = Oidc.ReadForm(await page.Content.ReadAsStringAsync());
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = "provincial-portal", ["__RequestVerificationToken"] = token });
            using var confirmed = await browser.PostAsync(new Uri(action, UriKind.Relative), form);
            Assert.Equal(HttpStatusCode.Found, confirmed.StatusCode);

            Assert.Equal(HttpStatusCode.OK, (await Oidc.RefreshAsync(api, "provincial-portal", Hub.Secret("provincial-portal"), theirs.RefreshToken!)).Status);
        }
    }

    [Fact]
    public async Task Logout_WithIdTokenHintFromAnotherBrowser_RevokesOnlyThatFamily()
    {
        var user = await Hub.CreateOfficialAsync();
        var (portalBrowser, portal) = await SignedInAsync("openid profile offline_access", user);
        var (otherBrowser, other) = await SignedInAsync("openid profile offline_access", user);
        using (portalBrowser)
        using (otherBrowser)
        {
            // The portal's back end ends its family without the person's hub cookie: only the grant the hint names goes.
            using var noSession = Hub.Browser();
            using var logout = await noSession.GetAsync(new Uri(LogoutUrl(portal.IdToken!, Oidc.PortalPostLogout, "bye"), UriKind.Relative));
            Assert.Equal(HttpStatusCode.Found, logout.StatusCode);
            using var api = Hub.Api();

            Assert.Equal("invalid_grant", (await Oidc.RefreshAsync(api, "provincial-portal", Hub.Secret("provincial-portal"), portal.RefreshToken!)).Error);
            Assert.Equal(HttpStatusCode.OK, (await Oidc.RefreshAsync(api, "provincial-portal", Hub.Secret("provincial-portal"), other.RefreshToken!)).Status);
        }
    }

    private static string LogoutUrl(string idToken, string postLogout, string state) =>
        $"/connect/logout?id_token_hint={Uri.EscapeDataString(idToken)}&post_logout_redirect_uri={Uri.EscapeDataString(postLogout)}&state={state}";

    private async Task<(HttpClient Browser, string IdToken)> SignedInAsync()
    {
        var (browser, tokens) = await SignedInAsync("openid profile");
        return (browser, tokens.IdToken!);
    }

    private async Task<(HttpClient Browser, TokenResult Tokens)> SignedInAsync(string scope, string? user = null)
    {
        user ??= await Hub.CreateOfficialAsync();
        var browser = Hub.Browser();
        var pkce = Oidc.Pkce.Create();
        var redirect = await Oidc.SignInAsync(browser, Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, scope, pkce), user, IdentityHub.Password);
        var tokens = await Oidc.RedeemCodeAsync(browser, "provincial-portal", Hub.Secret("provincial-portal"), Oidc.Query(redirect)["code"]!, Oidc.PortalRedirect, pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        return (browser, tokens);
    }
}
