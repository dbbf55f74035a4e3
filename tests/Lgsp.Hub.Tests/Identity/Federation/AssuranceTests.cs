using System.Net;
using Lgsp.Hub.Identity;
using Lgsp.Hub.Identity.Accounts;
using Lgsp.Hub.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.EntityFrameworkCore.Models;

namespace Lgsp.Hub.Tests.Identity.Federation;

/// <summary>
/// Identity assurance on the default settings (minimum level 2 for linking a national identity to an official and
/// for a person's <c>lgsp.admin</c>): the sandbox's national login at level 1 and level 2, the hub over HTTPS.
/// </summary>
public sealed class AssuranceTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    private const string ConsoleScopes = "openid profile lgsp.admin";

    private DemoAccount CitizenLevelOne => fixture.Accounts.First(a => !a.IsBusiness && a.Level == "LoA1");

    private IEnumerable<DemoAccount> CitizensLevelTwo => fixture.Accounts.Where(a => !a.IsBusiness && a.Level == "LoA2");

    [Fact]
    public async Task NationalSignIn_LevelOneMatchesAnOfficial_RefusedInVietnameseAndNothingWritten()
    {
        var citizen = CitizenLevelOne;
        var official = await fixture.Hub.CreateOfficialAsync(personalId: citizen.Login);
        var before = await SnapshotAsync(official);
        using var browser = fixture.Browser();
        var signIn = await browser.GetAsync(Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, "openid profile", Oidc.Pkce.Create()));

        var page = await browser.SignInNationallyAsync(signIn, citizen.Login, fixture.Password);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal("/account/external-login", page.Url.AbsolutePath);
        Assert.Equal("client.assurance_too_low", page.Document.QuerySelector("#error-code")!.TextContent);
        var detail = page.Document.QuerySelector("#error-detail")!.TextContent;
        Assert.Contains("mức 2", detail, StringComparison.Ordinal);
        Assert.Contains("VNeID", detail, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(official));

        // No session either: the portal's next request goes to the sign-in page.
        var again = await browser.GetAsync(Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, "openid profile", Oidc.Pkce.Create()));
        Assert.Equal("/account/login", again.Url.AbsolutePath);
    }

    [Fact]
    public async Task NationalSignIn_LevelOneMatchesAnOfficial_EnglishPageNamesTheLevel()
    {
        var citizen = CitizenLevelOne;
        await fixture.Hub.CreateOfficialAsync(personalId: citizen.Login);
        using var browser = fixture.Browser();
        await browser.GetAsync("/account/login?lang=en");
        var signIn = await browser.GetAsync(Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, "openid profile", Oidc.Pkce.Create()));

        var page = await browser.SignInNationallyAsync(signIn, citizen.Login, fixture.Password);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("level 2", page.Document.QuerySelector("#error-detail")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NationalSignIn_LevelTwoMatchesAnOfficial_Linked()
    {
        var citizen = CitizensLevelTwo.First();
        var official = await fixture.Hub.CreateOfficialAsync(personalId: citizen.Login);

        var (back, _) = await NationalConsoleSignInAsync(citizen, "openid profile");

        Assert.Equal(Oidc.ConsoleRedirect, back.GetLeftPart(UriPartial.Path));
        await using var scope = fixture.Hub.Services.CreateAsyncScope();
        var account = await scope.ServiceProvider.GetRequiredService<UserManager<HubAccount>>().FindByNameAsync(official);
        Assert.Equal(citizen.TechId, account!.TechId);
        Assert.Equal(AssuranceLevels.Substantial, account.AssuranceLevel);
    }

    [Fact]
    public async Task Console_PasswordOperatorAsksAdmin_AccessDenied()
    {
        var operatorName = await fixture.Hub.CreateOfficialAsync(role: HubScopes.OperatorRole);
        using var browser = fixture.Hub.Browser();
        var before = await IssuedCountsAsync();

        var back = await Oidc.SignInAsync(browser, Oidc.AuthorizeUrl("operators-console", Oidc.ConsoleRedirect, ConsoleScopes, Oidc.Pkce.Create()), operatorName, IdentityHub.Password);

        Assert.Equal(Oidc.ConsoleRedirect, back.GetLeftPart(UriPartial.Path));
        var query = Oidc.Query(back);
        Assert.Equal("access_denied", query["error"]);
        Assert.Null(query["code"]);
        Assert.Contains("urn:lgsp:loa:2", query["error_description"], StringComparison.Ordinal);
        Assert.Equal(before, await IssuedCountsAsync());
    }

    [Fact]
    public async Task Console_PasswordOperatorAsksAdmin_ErrorUriPageSaysWhyInVietnameseAndEnglish()
    {
        var operatorName = await fixture.Hub.CreateOfficialAsync(role: HubScopes.OperatorRole);
        using var browser = fixture.Hub.Browser();

        var back = await Oidc.SignInAsync(browser, Oidc.AuthorizeUrl("operators-console", Oidc.ConsoleRedirect, ConsoleScopes, Oidc.Pkce.Create()), operatorName, IdentityHub.Password);

        var query = Oidc.Query(back);
        Assert.Equal("access_denied", query["error"]);
        var page = new Uri(query["error_uri"]!);
        Assert.Equal(fixture.Hub.Address.GetLeftPart(UriPartial.Authority) + "/account/admin-assurance", page.GetLeftPart(UriPartial.Path));

        using var vietnamese = await browser.GetAsync(page);
        var html = System.Net.WebUtility.HtmlDecode(await vietnamese.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, vietnamese.StatusCode);
        Assert.Contains("Mức độ xác thực của lần đăng nhập chưa đủ", html, StringComparison.Ordinal);
        Assert.Contains("cần đăng nhập ở mức độ xác thực 2 trở lên", html, StringComparison.Ordinal);
        Assert.Contains("Lần đăng nhập này chỉ đạt mức 1", html, StringComparison.Ordinal);
        Assert.Contains("client.assurance_too_low", html, StringComparison.Ordinal);

        using var english = await browser.GetAsync(new Uri(page + "&lang=en"));
        var text = System.Net.WebUtility.HtmlDecode(await english.Content.ReadAsStringAsync());
        Assert.Contains("need a sign-in at level of assurance 2 or higher", text, StringComparison.Ordinal);
        Assert.Contains("This sign-in is at level 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_PasswordOperatorWithoutAdmin_StillSignsIn()
    {
        var operatorName = await fixture.Hub.CreateOfficialAsync(role: HubScopes.OperatorRole);
        using var browser = fixture.Hub.Browser();
        var pkce = Oidc.Pkce.Create();

        var back = await Oidc.SignInAsync(browser, Oidc.AuthorizeUrl("operators-console", Oidc.ConsoleRedirect, "openid profile", pkce), operatorName, IdentityHub.Password);

        var tokens = await Oidc.RedeemCodeAsync(browser, "operators-console", secret: null, Oidc.Query(back)["code"]!, Oidc.ConsoleRedirect, pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
    }

    [Fact]
    public async Task Console_OperatorSignedInNationallyAtLevelTwo_GetsAdmin()
    {
        var citizen = CitizensLevelTwo.Skip(1).First();
        await fixture.Hub.CreateOfficialAsync(role: HubScopes.OperatorRole, personalId: citizen.Login);

        var (back, pkce) = await NationalConsoleSignInAsync(citizen, ConsoleScopes);

        using var api = fixture.Hub.Api();
        var tokens = await Oidc.RedeemCodeAsync(api, "operators-console", secret: null, Oidc.Query(back)["code"]!, Oidc.ConsoleRedirect, pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.Contains(HubScopes.Admin, tokens.Scopes);
        Assert.Equal("urn:lgsp:loa:2", Oidc.JwtPayload(tokens.IdToken!).GetProperty("acr").GetString());
        using var clients = await Oidc.GetWithTokenAsync(api, ClientsApi.Path, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, clients.StatusCode);
    }

    [Fact]
    public async Task Console_MinimumLoweredToOne_PasswordOperatorGetsAdmin()
    {
        await using var hub = await fixture.StartAnotherHubAsync(new Dictionary<string, string?> { ["Identity:MinimumAdminLevel"] = "1" });
        var operatorName = await hub.CreateOfficialAsync(role: HubScopes.OperatorRole);
        using var browser = hub.Browser();
        var pkce = Oidc.Pkce.Create();

        var back = await Oidc.SignInAsync(browser, Oidc.AuthorizeUrl("operators-console", Oidc.ConsoleRedirect, ConsoleScopes, pkce), operatorName, IdentityHub.Password);

        var tokens = await Oidc.RedeemCodeAsync(browser, "operators-console", secret: null, Oidc.Query(back)["code"]!, Oidc.ConsoleRedirect, pkce.Verifier);
        Assert.Contains(HubScopes.Admin, tokens.Scopes);
    }

    /// <summary>The console's sign-in (public client, PKCE) through the national button.</summary>
    private async Task<(Uri Back, Oidc.Pkce Pkce)> NationalConsoleSignInAsync(DemoAccount account, string scopes)
    {
        using var browser = fixture.Browser();
        var pkce = Oidc.Pkce.Create();
        var signIn = await browser.GetAsync(Oidc.AuthorizeUrl("operators-console", Oidc.ConsoleRedirect, scopes, pkce));
        var back = await browser.SignInNationallyAsync(signIn, account.Login, fixture.Password);
        Assert.True(back.LeftTo is not null, $"The browser stayed on {back.Url} ({back.Status}): {back.Html[..Math.Min(back.Html.Length, 2000)]}");
        return (back.LeftTo!, pkce);
    }

    /// <summary>What a refused link must leave alone: the identity tables' row counts and the official's own row.</summary>
    private async Task<string> SnapshotAsync(string userName)
    {
        await using var scope = fixture.Hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var account = await db.Set<HubAccount>().AsNoTracking().SingleAsync(a => a.UserName == userName);
        return string.Join("|",
            await db.Set<HubAccount>().CountAsync(),
            await db.Set<IdentityUserLogin<Guid>>().CountAsync(),
            await db.Set<IdentityUserRole<Guid>>().CountAsync(),
            account.TechId ?? "-", account.AssuranceLevel, account.ConcurrencyStamp, account.SecurityStamp,
            account.LastSignInAt?.ToUnixTimeMilliseconds() ?? 0, account.DisplayName);
    }

    /// <summary>Authorizations and tokens OpenIddict has stored: a refused authorization request adds neither.</summary>
    private async Task<(int Authorizations, int Tokens)> IssuedCountsAsync()
    {
        await using var scope = fixture.Hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        return (await db.Set<OpenIddictEntityFrameworkCoreAuthorization>().CountAsync(), await db.Set<OpenIddictEntityFrameworkCoreToken>().CountAsync());
    }
}
