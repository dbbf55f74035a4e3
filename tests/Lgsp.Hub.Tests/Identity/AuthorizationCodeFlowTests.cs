using System.Net;
using System.Text.Json;
using Lgsp.Hub.Identity;

namespace Lgsp.Hub.Tests.Identity;

/// <summary>
/// The provincial portal signs an official in with the authorization code flow and PKCE, over HTTPS against the hub
/// on Kestrel: the happy path and every way the request can be wrong.
/// </summary>
public sealed class AuthorizationCodeFlowTests(IdentityHubFixture fixture) : IClassFixture<IdentityHubFixture>
{
    private const string PortalScopes = "openid profile offline_access lgsp.population.read";

    private IdentityHub Hub => fixture.Hub;

    [Fact]
    public async Task CodeFlow_WithPkceS256_IssuesTokensThatCallTheApi()
    {
        var user = await Hub.CreateOfficialAsync(personalId: "001089012345");
        using var browser = Hub.Browser();
        var pkce = Oidc.Pkce.Create();

        var redirect = await Oidc.SignInAsync(browser, Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, PortalScopes, pkce), user, IdentityHub.Password);

        Assert.Equal(Oidc.PortalRedirect, redirect.GetLeftPart(UriPartial.Path));
        var query = Oidc.Query(redirect);
        Assert.Equal("st4te", query["state"]);
        Assert.Equal(Hub.Address.AbsoluteUri, query["iss"]);
        using var api = Hub.Api();
        var tokens = await Oidc.RedeemCodeAsync(api, "provincial-portal", Hub.Secret("provincial-portal"), query["code"]!, Oidc.PortalRedirect, pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.NotNull(tokens.RefreshToken);
        Assert.Equal(["lgsp.population.read", "offline_access", "openid", "profile"], tokens.Scopes.Order(StringComparer.Ordinal));

        var id = Oidc.JwtPayload(tokens.IdToken!);
        Assert.Equal("ES256", Oidc.JwtPayload(tokens.IdToken!.Replace(tokens.IdToken.Split('.')[1], tokens.IdToken.Split('.')[0], StringComparison.Ordinal)).GetProperty("alg").GetString());
        Assert.Equal("provincial-portal", id.GetProperty("aud").GetString());
        Assert.Equal("n0nce", id.GetProperty("nonce").GetString());
        Assert.Equal("Lê Thị Cúc", id.GetProperty("name").GetString());
        Assert.Equal(user, id.GetProperty("preferred_username").GetString());
        Assert.Equal("official", id.GetProperty(HubClaims.AccountType).GetString());
        Assert.Equal("001089012345", id.GetProperty(HubClaims.PersonalId).GetString());
        Assert.Equal("urn:lgsp:loa:1", id.GetProperty("acr").GetString());
        Assert.Equal("pwd", id.GetProperty("amr").EnumerateArray().Single().GetString());
        Assert.False(id.TryGetProperty(HubClaims.SecurityStamp, out _));

        // The access token is encrypted (JWE, five parts): the portal cannot read it, the hub can.
        Assert.Equal(5, tokens.AccessToken.Split('.').Length);
        using var me = await Oidc.GetWithTokenAsync(api, MeApi.Path, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        using var body = JsonDocument.Parse(await me.Content.ReadAsStringAsync());
        Assert.Equal("provincial-portal", body.RootElement.GetProperty("clientId").GetString());
        Assert.Equal("user", body.RootElement.GetProperty("kind").GetString());
        Assert.Equal(id.GetProperty("sub").GetString(), body.RootElement.GetProperty("subject").GetString());
        Assert.Equal("001089012345", body.RootElement.GetProperty("personalId").GetString());
        Assert.Equal("000.00.14.H56", body.RootElement.GetProperty("agencyCode").GetString());

        using var userinfo = await Oidc.GetWithTokenAsync(api, "/connect/userinfo", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, userinfo.StatusCode);
        using var info = JsonDocument.Parse(await userinfo.Content.ReadAsStringAsync());
        Assert.Equal(user, info.RootElement.GetProperty("preferred_username").GetString());
        Assert.Equal("001089012345", info.RootElement.GetProperty(HubClaims.PersonalId).GetString());
    }

    [Fact]
    public async Task CodeFlow_SecondAuthorizationInTheSameSession_DoesNotAskAgain()
    {
        var user = await Hub.CreateOfficialAsync();
        using var browser = Hub.Browser();
        await Oidc.SignInAsync(browser, Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, PortalScopes, Oidc.Pkce.Create()), user, IdentityHub.Password);

        using var again = await browser.GetAsync(new Uri(Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, PortalScopes, Oidc.Pkce.Create()), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Found, again.StatusCode);
        Assert.NotNull(Oidc.Query(again.Headers.Location!)["code"]);
    }

    [Theory]
    [InlineData(false, null, "code_challenge")]
    [InlineData(true, "plain", "code_challenge_method")]
    [InlineData(true, null, "code_challenge_method")]
    public async Task Authorize_WithoutPkceS256_IsRefusedBeforeSignIn(bool withChallenge, string? method, string named)
    {
        using var browser = Hub.Browser();
        var url = Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, PortalScopes, withChallenge ? Oidc.Pkce.Create() : null, method);

        using var response = await browser.GetAsync(new Uri(url, UriKind.Relative));

        // Refused on the hub's own error page (checked before the client is trusted with a redirect): no sign-in, no code.
        await AssertRefusedHereAsync(response, named);
    }

    [Fact]
    public async Task Discovery_AdvertisesS256Only()
    {
        using var api = Hub.Api();
        using var discovery = JsonDocument.Parse(await api.GetStringAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative)));

        Assert.Equal(["S256"], discovery.RootElement.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["code"], discovery.RootElement.GetProperty("response_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new Uri(Hub.Address, "/.well-known/jwks").AbsoluteUri, discovery.RootElement.GetProperty("jwks_uri").GetString());
        using var jwks = JsonDocument.Parse(await api.GetStringAsync(new Uri("/.well-known/jwks", UriKind.Relative)));
        var key = Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.Equal("ES256", key.GetProperty("alg").GetString());
        Assert.False(key.TryGetProperty("d", out _));
    }

    [Fact]
    public async Task Token_WithWrongCodeVerifier_IsInvalidGrant()
    {
        var (code, _) = await SignedInCodeAsync();
        using var api = Hub.Api();

        var tokens = await Oidc.RedeemCodeAsync(api, "provincial-portal", Hub.Secret("provincial-portal"), code, Oidc.PortalRedirect, Oidc.Pkce.Create().Verifier);

        Assert.Equal(HttpStatusCode.BadRequest, tokens.Status);
        Assert.Equal("invalid_grant", tokens.Error);
    }

    [Fact]
    public async Task Token_WithoutCodeVerifier_IsRefused()
    {
        var (code, _) = await SignedInCodeAsync();
        using var api = Hub.Api();

        var tokens = await Oidc.RedeemCodeAsync(api, "provincial-portal", Hub.Secret("provincial-portal"), code, Oidc.PortalRedirect, verifier: null);

        Assert.Equal(HttpStatusCode.BadRequest, tokens.Status);
        Assert.Equal("invalid_request", tokens.Error);
    }

    [Fact]
    public async Task Token_WithWrongClientSecret_IsInvalidClient()
    {
        var (code, pkce) = await SignedInCodeAsync();
        using var api = Hub.Api();

        var tokens = await Oidc.RedeemCodeAsync(api, "provincial-portal", "not-the-secret-" + Guid.NewGuid(), code, Oidc.PortalRedirect, pkce.Verifier);

        Assert.Equal(HttpStatusCode.Unauthorized, tokens.Status);
        Assert.Equal("invalid_client", tokens.Error);
        Assert.DoesNotContain(Hub.Secret("provincial-portal"), tokens.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_CodeRedeemedTwice_IsRefusedAndRevokesWhatItGave()
    {
        var (code, pkce) = await SignedInCodeAsync();
        using var api = Hub.Api();
        var secret = Hub.Secret("provincial-portal");
        var first = await Oidc.RedeemCodeAsync(api, "provincial-portal", secret, code, Oidc.PortalRedirect, pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, first.Status);

        var second = await Oidc.RedeemCodeAsync(api, "provincial-portal", secret, code, Oidc.PortalRedirect, pkce.Verifier);

        Assert.Equal("invalid_grant", second.Error);
        var refreshed = await Oidc.RefreshAsync(api, "provincial-portal", secret, first.RefreshToken!);
        Assert.Equal("invalid_grant", refreshed.Error);
    }

    [Fact]
    public async Task Token_RedirectUriDifferentFromTheAuthorizationRequest_IsInvalidGrant()
    {
        var (code, pkce) = await SignedInCodeAsync();
        using var api = Hub.Api();

        var tokens = await Oidc.RedeemCodeAsync(api, "provincial-portal", Hub.Secret("provincial-portal"), code, "http://127.0.0.1:5080/other", pkce.Verifier);

        Assert.Equal("invalid_grant", tokens.Error);
    }

    [Theory]
    [InlineData("https://evil.example/signin-oidc")]
    [InlineData("http://127.0.0.1:5080/signin-oidc/../steal")]
    [InlineData("http://127.0.0.1:5080/signin-oidc?next=x")]
    public async Task Authorize_WithUnregisteredRedirectUri_IsRefusedWithoutRedirecting(string redirectUri)
    {
        using var browser = Hub.Browser();

        using var response = await browser.GetAsync(new Uri(Oidc.AuthorizeUrl("provincial-portal", redirectUri, PortalScopes, Oidc.Pkce.Create()), UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_ScopeNotGrantedToTheClient_IsRefused()
    {
        using var browser = Hub.Browser();

        // The console may ask for lgsp.admin, never for population data.
        using var response = await browser.GetAsync(new Uri(Oidc.AuthorizeUrl("operators-console", Oidc.ConsoleRedirect, "openid lgsp.population.read", Oidc.Pkce.Create()), UriKind.Relative));

        await AssertRefusedHereAsync(response, "scope");
    }

    [Fact]
    public async Task Authorize_AdminScope_GoesOnlyToOperators()
    {
        var official = await Hub.CreateOfficialAsync();
        var operatorName = await Hub.CreateOfficialAsync(role: HubScopes.OperatorRole);

        var officialScopes = await ConsoleScopesAsync(official);
        var operatorScopes = await ConsoleScopesAsync(operatorName);

        Assert.DoesNotContain(HubScopes.Admin, officialScopes);
        Assert.Contains(HubScopes.Admin, operatorScopes);
    }

    [Fact]
    public async Task Authorize_PromptNoneWithoutSession_AnswersLoginRequired()
    {
        using var browser = Hub.Browser();

        using var response = await browser.GetAsync(new Uri(Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, PortalScopes, Oidc.Pkce.Create(), extra: new Dictionary<string, string> { ["prompt"] = "none" }), UriKind.Relative));

        Assert.Equal("login_required", Oidc.Query(response.Headers.Location!)["error"]);
    }

    [Fact]
    public async Task Authorize_PromptLogin_AsksAgainEvenWithASession()
    {
        var user = await Hub.CreateOfficialAsync();
        using var browser = Hub.Browser();
        await Oidc.SignInAsync(browser, Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, PortalScopes, Oidc.Pkce.Create()), user, IdentityHub.Password);

        using var response = await browser.GetAsync(new Uri(Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, PortalScopes, Oidc.Pkce.Create(), extra: new Dictionary<string, string> { ["prompt"] = "login" }), UriKind.Relative));

        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
        Assert.DoesNotContain("prompt", Uri.UnescapeDataString(response.Headers.Location.Query), StringComparison.Ordinal);
    }

    private static async Task AssertRefusedHereAsync(HttpResponseMessage response, string named)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("error:invalid_request", body, StringComparison.Ordinal);
        Assert.Contains(named, body, StringComparison.Ordinal);
    }

    private async Task<(string Code, Oidc.Pkce Pkce)> SignedInCodeAsync()
    {
        var user = await Hub.CreateOfficialAsync();
        using var browser = Hub.Browser();
        var pkce = Oidc.Pkce.Create();
        var redirect = await Oidc.SignInAsync(browser, Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, PortalScopes, pkce), user, IdentityHub.Password);
        return (Oidc.Query(redirect)["code"]!, pkce);
    }

    private async Task<IReadOnlyList<string>> ConsoleScopesAsync(string user)
    {
        using var browser = Hub.Browser();
        var pkce = Oidc.Pkce.Create();
        var redirect = await Oidc.SignInAsync(browser, Oidc.AuthorizeUrl("operators-console", Oidc.ConsoleRedirect, "openid profile lgsp.admin", pkce), user, IdentityHub.Password);
        var tokens = await Oidc.RedeemCodeAsync(browser, "operators-console", secret: null, Oidc.Query(redirect)["code"]!, Oidc.ConsoleRedirect, pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        return tokens.Scopes;
    }
}
