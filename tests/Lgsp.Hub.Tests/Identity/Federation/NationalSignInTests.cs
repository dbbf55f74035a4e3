using System.Net;
using Lgsp.Hub.Identity.Accounts;
using Lgsp.Hub.Identity.Federation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Hub.Tests.Identity.Federation;

/// <summary>
/// The portal signs a citizen or a business in at the hub, who signs in at the national provider (the sandbox's
/// stand-in) and comes back: every step a real HTTP request between the two servers on loopback.
/// </summary>
public sealed class NationalSignInTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    private const string PortalScopes = "openid profile";

    private DemoAccount CitizenLevelTwoWithBhxh => fixture.Accounts[0];

    private DemoAccount CitizenLevelTwo => fixture.Accounts[1];

    private DemoAccount CitizenLevelOne => fixture.Accounts.First(a => !a.IsBusiness && a.Level == "LoA1");

    private DemoAccount CitizenWithBirthYearOnly => fixture.Accounts[3];

    private DemoAccount Teenager => fixture.Accounts[4];

    private DemoAccount ActiveBusiness => fixture.Accounts.First(a => a.IsBusiness);

    private DemoAccount OtherBusiness => fixture.Accounts.Last(a => a.IsBusiness);

    [Fact]
    public async Task SignInPage_FederationConfigured_ShowsTheNationalButtonInThePageLanguage()
    {
        using var browser = fixture.Browser();

        var vietnamese = await browser.GetAsync("/account/login");
        var english = await browser.GetAsync("/account/login?lang=en");

        var button = vietnamese.Document.QuerySelector("button#national-portal")!;
        Assert.Equal("Đăng nhập bằng tài khoản Cổng Dịch vụ công quốc gia / VNeID", button.TextContent.Trim());
        Assert.Equal("national-portal-hint", button.GetAttribute("aria-describedby"));
        Assert.NotNull(vietnamese.Document.QuerySelector("#national-portal-hint"));
        Assert.Equal("Sign in with your National Public Service Portal / VNeID account", english.Document.QuerySelector("button#national-portal")!.TextContent.Trim());
    }

    [Fact]
    public async Task Citizen_SignsInTwice_AccountCreatedOnceThenFoundByTechId()
    {
        var citizen = CitizenLevelTwoWithBhxh;

        var first = await SignInAsync(citizen);
        var second = await SignInAsync(citizen);

        Assert.Equal(first.Subject, second.Subject);
        await using var scope = fixture.Hub.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubAccount>>();
        var accounts = await users.Users.Where(a => a.TechId == citizen.TechId || a.PersonalId == citizen.Login).ToListAsync();
        var account = Assert.Single(accounts);
        Assert.Equal(first.Subject, account.Id.ToString());
        Assert.Equal(AccountKind.Citizen, account.Kind);
        Assert.Null(account.PasswordHash);
        Assert.Equal(citizen.Name, account.DisplayName);
        Assert.Equal(2, account.AssuranceLevel);
        var login = Assert.Single(await users.GetLoginsAsync(account));
        Assert.Equal(("NationalPortal", citizen.TechId), (login.LoginProvider, login.ProviderKey));
    }

    [Fact]
    public async Task Citizen_SignedIn_HubTokensCarryPersonalIdTechIdAndLevel()
    {
        var citizen = CitizenLevelTwo;

        var result = await SignInAsync(citizen);

        var id = result.IdToken;
        Assert.Equal("citizen", id.GetProperty("lgsp_account_type").GetString());
        Assert.Equal(citizen.Login, id.GetProperty("lgsp_personal_id").GetString());
        Assert.Equal(citizen.TechId, id.GetProperty("lgsp_tech_id").GetString());
        Assert.Equal(citizen.Name, id.GetProperty("name").GetString());
        Assert.Equal("urn:lgsp:loa:2", id.GetProperty("acr").GetString());
        Assert.Equal("fed", Assert.Single(id.GetProperty("amr").EnumerateArray()).GetString());
        Assert.False(id.TryGetProperty("lgsp_enterprise_code", out _));

        // The access token is encrypted for the hub: the hub's own API says what it carries.
        var me = await result.MeAsync();
        Assert.Equal(citizen.Login, me.GetProperty("personalId").GetString());
        Assert.Equal("urn:lgsp:loa:2", me.GetProperty("acr").GetString());
        Assert.Equal("citizen", me.GetProperty("accountType").GetString());
    }

    [Fact]
    public async Task Citizen_LevelOneAccount_TokensSayLevelOne()
    {
        var result = await SignInAsync(CitizenLevelOne);

        Assert.Equal("urn:lgsp:loa:1", result.IdToken.GetProperty("acr").GetString());
    }

    [Fact]
    public async Task Official_WithThePersonalIdButNoTechId_IsLinkedNotDuplicated()
    {
        // This citizen's VNeID account is level 1: linking it to an official needs the minimum lowered to 1 (the
        // default, 2, refuses it: AssuranceTests).
        var citizen = CitizenWithBirthYearOnly;
        await using var hub = await fixture.StartAnotherHubAsync(new Dictionary<string, string?> { ["Identity:Federation:NationalPortal:MinimumLinkLevel"] = "1" });
        var official = await hub.CreateOfficialAsync(personalId: citizen.Login);
        await using var scope = hub.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubAccount>>();
        var before = await users.FindByNameAsync(official);

        var result = await SignInAsync(citizen, hub);

        Assert.Equal(before!.Id.ToString(), result.Subject);
        var accounts = await users.Users.AsNoTracking().Where(a => a.PersonalId == citizen.Login).ToListAsync();
        var linked = Assert.Single(accounts);
        Assert.Equal(citizen.TechId, linked.TechId);
        Assert.Equal(AccountKind.Official, linked.Kind);
        Assert.Equal("000.00.14.H56", linked.AgencyCode);
        Assert.Equal("official", result.IdToken.GetProperty("lgsp_account_type").GetString());
        Assert.Equal(citizen.TechId, result.IdToken.GetProperty("lgsp_tech_id").GetString());
    }

    [Fact]
    public async Task Business_WithAnOrganizationAccount_IsLinkedByEnterpriseCode()
    {
        var business = ActiveBusiness;
        Guid existing;
        await using (var scope = fixture.Hub.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HubAccount>>();
            var account = new HubAccount
            {
                UserName = "doanhnghiep." + business.Login,
                DisplayName = "Người đại diện (đăng ký trước)",
                Kind = AccountKind.Organization,
                EnterpriseCode = business.Login,
            };
            Assert.True((await users.CreateAsync(account)).Succeeded);
            existing = account.Id;
        }

        var result = await SignInAsync(business);

        Assert.Equal(existing.ToString(), result.Subject);
        Assert.Equal("organization", result.IdToken.GetProperty("lgsp_account_type").GetString());
        Assert.Equal(business.Login, result.IdToken.GetProperty("lgsp_enterprise_code").GetString());
        Assert.Equal(business.TechId, result.IdToken.GetProperty("lgsp_tech_id").GetString());
        Assert.Equal("urn:lgsp:loa:2", result.IdToken.GetProperty("acr").GetString());
        await using var check = fixture.Hub.Services.CreateAsyncScope();
        var all = await check.ServiceProvider.GetRequiredService<UserManager<HubAccount>>().Users.AsNoTracking()
            .Where(a => a.EnterpriseCode == business.Login).ToListAsync();
        Assert.Equal(business.TechId, Assert.Single(all).TechId);
    }

    [Fact]
    public async Task Business_FirstSignIn_CreatesAnOrganizationAccountWithTheRepresentative()
    {
        var business = OtherBusiness;

        var result = await SignInAsync(business);

        Assert.Equal("organization", result.IdToken.GetProperty("lgsp_account_type").GetString());
        Assert.Equal(business.Login, result.IdToken.GetProperty("lgsp_enterprise_code").GetString());
        Assert.Matches("^[0-9]{12}$", result.IdToken.GetProperty("lgsp_personal_id").GetString()!);
    }

    [Fact]
    public async Task Citizen_CancelsAtTheProvider_PageSaysSoAndNoSessionIsOpened()
    {
        using var browser = fixture.Browser();
        var signIn = await browser.GetAsync(PortalAuthorizeUrl(Oidc.Pkce.Create()));
        var providerLogin = await browser.PressNationalButtonAsync(signIn);

        var page = await browser.SubmitAsync(providerLogin, f => f.QuerySelector("button[value=cancel]") is not null,
            new Dictionary<string, string> { ["action"] = "cancel" });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/account/external-login", page.Url.AbsolutePath);
        Assert.Contains("Bạn đã hủy đăng nhập", page.Document.QuerySelector("#external-error")!.TextContent, StringComparison.Ordinal);
        var back = page.Document.QuerySelector("#back-to-sign-in")!.GetAttribute("href")!;
        Assert.StartsWith("/account/login?ReturnUrl=%2Fconnect%2Fauthorize", back, StringComparison.Ordinal);

        var again = await browser.GetAsync(PortalAuthorizeUrl(Oidc.Pkce.Create()));
        Assert.Equal("/account/login", again.Url.AbsolutePath);
    }

    [Fact]
    public async Task Provider_TokenEndpointFails_PageNamesTheUpstreamError()
    {
        await SignInAsync(CitizenLevelTwo); // the hub has the provider's discovery document and keys
        using var browser = fixture.Browser();
        var signIn = await browser.GetAsync(PortalAuthorizeUrl(Oidc.Pkce.Create()));
        var providerLogin = await browser.PressNationalButtonAsync(signIn);
        await fixture.Sandbox.SetFaultAsync(new { mode = "error", status = 500 });
        try
        {
            var page = await browser.SubmitAsync(providerLogin, f => f.GetAttribute("action")?.EndsWith("/login.do", StringComparison.Ordinal) == true,
                new Dictionary<string, string> { ["username"] = Teenager.Login, ["password"] = fixture.Password });

            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
            Assert.Equal("upstream.nationalidentity.unavailable", page.Document.QuerySelector("#error-code")!.TextContent);
            Assert.Contains("nationalidentity", page.Document.QuerySelector("#external-error")!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            await fixture.Sandbox.ResetFaultAsync();
        }

        await using var scope = fixture.Hub.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<HubAccount>>().Users.FirstOrDefaultAsync(a => a.TechId == Teenager.TechId));
    }

    [Fact]
    public async Task Provider_DownBeforeTheFirstSignIn_ButtonLeadsToAnUnavailablePage()
    {
        await using var hub = await fixture.StartAnotherHubAsync(); // never fetched the provider's discovery document
        using var browser = fixture.Browser(hub);
        var signIn = await browser.GetAsync(PortalAuthorizeUrl(Oidc.Pkce.Create()));
        await fixture.Sandbox.SetFaultAsync(new { mode = "error", status = 503 });
        try
        {
            var page = await browser.PressNationalButtonAsync(signIn);

            Assert.True(page.Status == HttpStatusCode.ServiceUnavailable, $"{page.Status} {page.Url}: {page.Html[..Math.Min(2000, page.Html.Length)]}");
            Assert.Equal("/account/external-login", page.Url.AbsolutePath);
            Assert.Equal("upstream.nationalidentity.unavailable", page.Document.QuerySelector("#error-code")!.TextContent);
            Assert.StartsWith("/account/login?ReturnUrl=%2Fconnect%2Fauthorize", page.Document.QuerySelector("#back-to-sign-in")!.GetAttribute("href"), StringComparison.Ordinal);
        }
        finally
        {
            await fixture.Sandbox.ResetFaultAsync();
        }
    }

    [Fact]
    public async Task Linker_SamePersonTwiceAtOnce_OneAccount()
    {
        var profile = new NationalPortalProfile("concurrent-" + Guid.NewGuid().ToString("N"), AccountKind.Citizen, "001099000123", null, "Trần Thị Đồng Thời", null, 2);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = fixture.Hub.Services.CreateAsyncScope();
            var (account, _) = await scope.ServiceProvider.GetRequiredService<NationalAccountLinker>().LinkAsync(profile, CancellationToken.None);
            return account.Id;
        }));

        Assert.Single(results.Distinct());
        await using var check = fixture.Hub.Services.CreateAsyncScope();
        var users = check.ServiceProvider.GetRequiredService<UserManager<HubAccount>>();
        Assert.Single(await users.Users.Where(a => a.TechId == profile.TechId).ToListAsync());
        Assert.NotNull(await users.FindByLoginAsync("NationalPortal", profile.TechId));
    }

    [Fact]
    public async Task ExternalLoginPage_WithoutANationalSignIn_RefusesPolitely()
    {
        using var browser = fixture.Browser();

        var page = await browser.GetAsync("/account/external-login?returnUrl=%2Fconnect%2Fauthorize");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.NotNull(page.Document.QuerySelector("#external-error"));
    }

    private static string PortalAuthorizeUrl(Oidc.Pkce pkce) =>
        Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, PortalScopes, pkce);

    /// <summary>The whole flow for one person: portal → hub → provider → hub → portal, then the portal redeems the code.</summary>
    private async Task<SignInResult> SignInAsync(DemoAccount account, IdentityHub? at = null)
    {
        var hub = at ?? fixture.Hub;
        using var browser = fixture.Browser(hub);
        var pkce = Oidc.Pkce.Create();
        var signIn = await browser.GetAsync(PortalAuthorizeUrl(pkce));
        Assert.Equal("/account/login", signIn.Url.AbsolutePath);

        var back = await browser.SignInNationallyAsync(signIn, account.Login, fixture.Password);

        Assert.True(back.LeftTo is not null, $"The browser stayed on {back.Url} ({back.Status}): {back.Html[..Math.Min(back.Html.Length, 2000)]}");
        Assert.Equal(Oidc.PortalRedirect, back.LeftTo!.GetLeftPart(UriPartial.Path));
        using var api = hub.Api();
        var tokens = await Oidc.RedeemCodeAsync(api, "provincial-portal", hub.Secret("provincial-portal"), Oidc.Query(back.LeftTo)["code"]!, Oidc.PortalRedirect, pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        return new SignInResult(hub, tokens);
    }

    private sealed record SignInResult(IdentityHub Hub, TokenResult Tokens)
    {
        public System.Text.Json.JsonElement IdToken => Oidc.JwtPayload(Tokens.IdToken!);

        public string Subject => IdToken.GetProperty("sub").GetString()!;

        public async Task<System.Text.Json.JsonElement> MeAsync()
        {
            using var api = Hub.Api();
            using var response = await Oidc.GetWithTokenAsync(api, "/api/v1/me", Tokens.AccessToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }
}
