using System.Net;
using System.Text.RegularExpressions;

namespace Lgsp.Hub.Tests.Identity;

/// <summary>The sign-in page: Vietnamese first with an English switch, antiforgery, lockout, secure cookies.</summary>
public sealed partial class SignInPageTests(IdentityHubFixture fixture) : IClassFixture<IdentityHubFixture>
{
    private IdentityHub Hub => fixture.Hub;

    [Fact]
    public async Task LoginPage_IsVietnameseByDefaultAndAccessible()
    {
        using var browser = Hub.Browser();

        using var response = await browser.GetAsync(new Uri("/account/login", UriKind.Relative));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"vi\">", page, StringComparison.Ordinal);
        Assert.Contains("Đăng nhập", page, StringComparison.Ordinal);
        Assert.Contains("<label for=\"username\">Tên đăng nhập</label>", page, StringComparison.Ordinal);
        Assert.Contains("<label for=\"password\">Mật khẩu</label>", page, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"current-password\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"viewport\"", page, StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPage_EnglishSwitch_IsRememberedAndKeepsTheReturnUrl()
    {
        using var browser = Hub.Browser();
        var returnUrl = Uri.EscapeDataString("/connect/authorize?client_id=provincial-portal");

        var english = await browser.GetStringAsync(new Uri($"/account/login?lang=en&ReturnUrl={returnUrl}", UriKind.Relative));
        var later = await browser.GetStringAsync(new Uri("/account/login", UriKind.Relative));

        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("User name", english, StringComparison.Ordinal);
        Assert.Contains("hreflang=\"vi\"", english, StringComparison.Ordinal);
        Assert.Contains("ReturnUrl=%2Fconnect%2Fauthorize", english, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", later, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPage_UiLocalesOfTheAuthorizationRequest_ChoosesEnglish()
    {
        using var browser = Hub.Browser();
        var returnUrl = Uri.EscapeDataString("/connect/authorize?client_id=provincial-portal&ui_locales=en-US vi");

        var page = await browser.GetStringAsync(new Uri($"/account/login?ReturnUrl={returnUrl}", UriKind.Relative));

        Assert.Contains("<html lang=\"en\">", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WrongPassword_ShowsAnErrorWithoutSaying_WhichPartWasWrong()
    {
        var user = await Hub.CreateOfficialAsync();
        using var browser = Hub.Browser();

        using var wrongPassword = await Oidc.PostLoginAsync(browser, new Uri("/account/login", UriKind.Relative), user, "sai mật khẩu rồi");
        using var unknownUser = await Oidc.PostLoginAsync(browser, new Uri("/account/login", UriKind.Relative), "khong.ton.tai", "sai mật khẩu rồi");

        foreach (var response in new[] { wrongPassword, unknownUser })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadAsStringAsync();
            Assert.Contains("role=\"alert\"", page, StringComparison.Ordinal);
            Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng.", page, StringComparison.Ordinal);
            Assert.Null(response.Headers.Location);
        }
    }

    [Fact]
    public async Task Login_FiveWrongPasswords_LocksTheAccountEvenForTheRightOne()
    {
        var user = await Hub.CreateOfficialAsync();
        var cookies = new CookieContainer();
        using var browser = Lgsp.Hub.Tests.Infrastructure.HubFactory.CreateBrowser(Hub.Address, cookies);
        var login = new Uri("/account/login", UriKind.Relative);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await Oidc.PostLoginAsync(browser, login, user, "sai mật khẩu lần " + i);
        }

        using var right = await Oidc.PostLoginAsync(browser, login, user, IdentityHub.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("tạm thời bị khóa", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(cookies.GetAllCookies(), c => c.Name.Contains("session", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Login_WithoutAntiforgeryToken_IsRejected()
    {
        var user = await Hub.CreateOfficialAsync();
        using var browser = Hub.Browser();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = user,
            ["Input.Password"] = IdentityHub.Password,
        });

        using var response = await browser.PostAsync(new Uri("/account/login", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Login_Success_SetsASecureHttpOnlyHostOnlySessionCookie()
    {
        var user = await Hub.CreateOfficialAsync();
        using var browser = Hub.Browser();

        using var response = await Oidc.PostLoginAsync(browser, new Uri("/account/login?ReturnUrl=%2Fconnect%2Fauthorize%3Fx%3D1", UriKind.Relative), user, IdentityHub.Password);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/connect/authorize?x=1", response.Headers.Location!.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-lgsp.session=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    public async Task Login_ExternalReturnUrl_NeverRedirectsOffTheHub(string returnUrl)
    {
        var user = await Hub.CreateOfficialAsync();
        using var browser = Hub.Browser();

        using var response = await Oidc.PostLoginAsync(browser, new Uri("/account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative), user, IdentityHub.Password);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task LoginPage_WithoutExternalProviders_ShowsNoExternalArea()
    {
        using var browser = Hub.Browser();

        var page = await browser.GetStringAsync(new Uri("/account/login", UriKind.Relative));

        Assert.DoesNotContain("external-heading", page, StringComparison.Ordinal);
        Assert.Single(FormTag().Matches(page));
    }

    [GeneratedRegex("<form ")]
    private static partial Regex FormTag();
}
