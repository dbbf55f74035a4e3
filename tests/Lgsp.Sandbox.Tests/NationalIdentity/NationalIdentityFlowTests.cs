using System.Net;
using System.Text.Json;
using Lgsp.Sandbox.NationalIdentity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lgsp.Sandbox.Tests.NationalIdentity;

/// <summary>
/// The stand-in national identity provider over real HTTP: discovery, the code flow with PKCE through the login
/// page, tokens, userinfo, and every way a request is refused.
/// </summary>
public sealed class NationalIdentityFlowTests : IClassFixture<SandboxOnKestrel>
{
    private const string Password = NationalIdentityOptions.DefaultDemoPassword;
    private readonly SandboxOnKestrel _sandbox;

    public NationalIdentityFlowTests(SandboxOnKestrel sandbox) => _sandbox = sandbox;

    private NationalAccount Citizen => _sandbox.Accounts.All.First(a => a.Kind == AccountKind.Citizen && a.Level == AssuranceLevel.LoA2 && a.SocialInsuranceCode is not null);

    private NationalAccount LevelOneCitizen => _sandbox.Accounts.All.First(a => a.Kind == AccountKind.Citizen && a.Level == AssuranceLevel.LoA1);

    private NationalAccount Business => _sandbox.Accounts.All.First(a => a.Kind == AccountKind.Business);

    [Fact]
    public async Task Discovery_Fetched_AdvertisesIssuerUnderXacthucWithDvcqgPaths()
    {
        using var browser = _sandbox.NewBrowser();
        using var response = await browser.GetAsync("/xacthuc/.well-known/openid-configuration");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var metadata = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var issuer = _sandbox.Issuer.AbsoluteUri;
        Assert.Equal(issuer, metadata.GetProperty("issuer").GetString());
        Assert.Equal(issuer + "oauth2/authorize", metadata.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(issuer + "oauth2/token", metadata.GetProperty("token_endpoint").GetString());
        Assert.Equal(issuer + "oauth2/userinfo", metadata.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal(issuer + "oauth2/logout", metadata.GetProperty("end_session_endpoint").GetString());
        Assert.Equal(issuer + "oauth2/jwks", metadata.GetProperty("jwks_uri").GetString());
        Assert.Equal(["S256"], Strings(metadata.GetProperty("code_challenge_methods_supported")));
        Assert.Equal(["LoA1", "LoA2"], Strings(metadata.GetProperty("acr_values_supported")));
        Assert.Contains("TechID", Strings(metadata.GetProperty("claims_supported")));
        Assert.Contains("RS256", Strings(metadata.GetProperty("id_token_signing_alg_values_supported")));
    }

    [Fact]
    public async Task DiscoveryOutsideXacthuc_Requested_IsNotAnEndpoint()
    {
        using var browser = _sandbox.NewBrowser();
        using var response = await browser.GetAsync("/.well-known/openid-configuration");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task CodeFlow_Citizen_IdTokenVerifiesAgainstJwksAndCarriesIdentityClaims()
    {
        var citizen = Citizen;
        using var browser = _sandbox.NewBrowser();
        var (verifier, challenge) = Browser.NewPkce();
        var request = Browser.CodeRequest(challenge);

        var back = await browser.SignInAsync(request, citizen.LoginId, Password);

        Assert.Equal(HttpStatusCode.Redirect, back.Status);
        Assert.StartsWith(SandboxOnKestrel.RedirectUri + "?", back.LeftTo!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(request["state"], back.Callback["state"]);
        Assert.Equal(_sandbox.Issuer.AbsoluteUri, back.Callback["iss"]);

        var (status, tokens) = await browser.RedeemAsync(back.Callback["code"], verifier);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());

        using var jwksResponse = await browser.GetAsync("/xacthuc/oauth2/jwks");
        var keys = new JsonWebKeySet(await jwksResponse.Content.ReadAsStringAsync());
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(tokens.GetProperty("id_token").GetString(), new TokenValidationParameters
        {
            ValidIssuer = _sandbox.Issuer.AbsoluteUri,
            ValidAudience = SandboxOnKestrel.ClientId,
            IssuerSigningKeys = keys.GetSigningKeys(),
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);

        var claims = validation.Claims;
        Assert.Equal(citizen.Subject, claims["sub"]);
        Assert.Equal(request["nonce"], claims["nonce"]);
        Assert.Equal("1", claims["LoaiTaiKhoan"]);
        Assert.Equal(citizen.LoginId, claims["SoDinhDanh"]);
        Assert.Equal(citizen.Person.HoVaTen.DayDu, claims["HoVaTen"]);
        Assert.Equal(citizen.TechId, claims["TechID"]);
        Assert.Equal("LoA2", claims["acr"]);
        Assert.Equal("LoA2", claims["loAs"]);
        Assert.Equal(2, Convert.ToInt32(claims["IAL"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(claims.ContainsKey("auth_time"));

        // Three different identifiers: the subject, the key relying parties link on, and the personal id.
        Assert.NotEqual(citizen.TechId, citizen.Subject);
        Assert.NotEqual(citizen.LoginId, citizen.TechId);
    }

    [Fact]
    public async Task CodeFlow_Citizen_UserInfoCarriesTheDvcqgProfile()
    {
        var citizen = Citizen;
        var tokens = await SignInAndRedeemAsync(citizen.LoginId);
        using var browser = _sandbox.NewBrowser();

        var (status, info) = await browser.UserInfoAsync(tokens.GetProperty("access_token").GetString());

        Assert.Equal(HttpStatusCode.OK, status);
        var profile = info!.Value;
        Assert.Equal(citizen.Subject, profile.GetProperty("sub").GetString());
        Assert.Equal("1", profile.GetProperty("LoaiTaiKhoan").GetString());
        Assert.Equal(citizen.LoginId, profile.GetProperty("SoDinhDanh").GetString());
        Assert.Equal(citizen.Person.HoVaTen.DayDu, profile.GetProperty("HoVaTen").GetString());
        Assert.Equal(citizen.TechId, profile.GetProperty("TechID").GetString());
        Assert.Equal(citizen.SocialInsuranceCode, profile.GetProperty("MaBHXH").GetString());
        Assert.Equal((int)citizen.Person.GioiTinh, profile.GetProperty("GioiTinh").GetInt32());
        Assert.Equal(citizen.Person.ThuongTru.DayDu, profile.GetProperty("ThuongTru").GetString());
        Assert.Matches("^0[35789][0-9]{8}$", profile.GetProperty("SoDienThoai").GetString()!);
        Assert.EndsWith("@example.com", profile.GetProperty("ThuDienTu").GetString()!, StringComparison.Ordinal);
        Assert.Matches("^(19|20)[0-9]{2}([0-9]{4})?$", profile.GetProperty("NgayThangNamSinh").GetString()!);
        Assert.Equal("LoA2", profile.GetProperty("loAs").GetString());
        Assert.False(profile.TryGetProperty("MaSoDoanhNghiep", out _));
    }

    [Fact]
    public async Task CodeFlow_Business_CarriesEnterpriseCodeAndRepresentative()
    {
        var business = Business;
        var tokens = await SignInAndRedeemAsync(business.LoginId);
        using var browser = _sandbox.NewBrowser();

        var (_, info) = await browser.UserInfoAsync(tokens.GetProperty("access_token").GetString());
        var idToken = new JsonWebToken(tokens.GetProperty("id_token").GetString());

        var profile = info!.Value;
        Assert.Equal("2", profile.GetProperty("LoaiTaiKhoan").GetString());
        Assert.Equal(business.LoginId, profile.GetProperty("MaSoDoanhNghiep").GetString());
        Assert.Equal(business.Enterprise!.MainInformation.Name, profile.GetProperty("TenDoanhNghiep").GetString());
        Assert.Equal(business.Enterprise.Representatives[0].PersonalId, profile.GetProperty("SoDinhDanh").GetString());
        Assert.Equal(business.Person.HoVaTen.DayDu, profile.GetProperty("HoVaTen").GetString());
        Assert.Equal(business.TechId, profile.GetProperty("TechID").GetString());
        Assert.False(profile.TryGetProperty("ThuongTru", out _));
        Assert.Equal("2", idToken.GetClaim("LoaiTaiKhoan").Value);
        Assert.Equal(business.LoginId, idToken.GetClaim("MaSoDoanhNghiep").Value);
        Assert.Equal(business.TechId, idToken.GetClaim("TechID").Value);
    }

    [Fact]
    public async Task Login_WrongPassword_ShowsErrorAndSendsNothingBack()
    {
        using var browser = _sandbox.NewBrowser();
        var (_, challenge) = Browser.NewPkce();

        var page = await browser.SignInAsync(Browser.CodeRequest(challenge), Citizen.LoginId, "sai-mat-khau");

        Assert.Null(page.LeftTo);
        Assert.Equal("Mật khẩu không đúng.", page.LoginError);
        var form = Browser.LoginForm(page.Html);
        Assert.Equal(Citizen.LoginId, form.QuerySelector("#username")!.GetAttribute("value"));
        Assert.Equal("true", form.QuerySelector("#password")!.GetAttribute("aria-invalid"));
    }

    [Theory]
    [InlineData("079099999999", "Không tìm thấy tài khoản")]
    [InlineData("12345", "12 chữ số")]
    [InlineData("", "Vui lòng nhập")]
    public async Task Login_UnknownOrMalformedAccount_ShowsError(string login, string expected)
    {
        using var browser = _sandbox.NewBrowser();
        var (_, challenge) = Browser.NewPkce();

        var page = await browser.SignInAsync(Browser.CodeRequest(challenge), login, Password);

        Assert.Null(page.LeftTo);
        Assert.Contains(expected, page.LoginError, StringComparison.Ordinal);
        Assert.Equal("true", Browser.LoginForm(page.Html).QuerySelector("#username")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task Login_PostedWithoutAntiforgeryToken_Refused()
    {
        using var browser = _sandbox.NewBrowser();
        var (_, challenge) = Browser.NewPkce();
        var page = await browser.NavigateAsync(Browser.AuthorizeUrl(Browser.CodeRequest(challenge)));
        var returnUrl = Browser.LoginForm(page.Html).QuerySelector("input[name=ReturnUrl]")!.GetAttribute("value")!;

        using var client = new HttpClient { BaseAddress = _sandbox.Origin };
        using var response = await client.PostAsync(new Uri("/xacthuc/authenticationendpoint/login.do", UriKind.Relative), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["ReturnUrl"] = returnUrl, ["username"] = Citizen.LoginId, ["password"] = Password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task LoginPage_ReturnUrlElsewhere_RefusedAsOpenRedirect()
    {
        using var browser = _sandbox.NewBrowser();

        var page = await browser.NavigateAsync("/xacthuc/authenticationendpoint/login.do?ReturnUrl=" + Uri.EscapeDataString("https://example.com/"));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Null(page.LeftTo);
    }

    // OpenIddict checks the PKCE parameters before it has validated the redirect URI, so it refuses on its own page
    // (and never issues a code) rather than redirecting the error to the client.
    [Fact]
    public async Task Authorize_WithoutPkce_Refused()
    {
        using var browser = _sandbox.NewBrowser();
        var request = Browser.CodeRequest("unused");
        request["code_challenge"] = null;
        request["code_challenge_method"] = null;

        var page = await browser.NavigateAsync(Browser.AuthorizeUrl(request));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Null(page.LeftTo);
        Assert.Contains("code_challenge", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_PlainPkce_Refused()
    {
        using var browser = _sandbox.NewBrowser();
        var (verifier, _) = Browser.NewPkce();
        var request = Browser.CodeRequest(verifier);
        request["code_challenge_method"] = "plain";

        var page = await browser.NavigateAsync(Browser.AuthorizeUrl(request));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Null(page.LeftTo);
        Assert.Contains("code_challenge_method", page.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData(null)]
    public async Task Token_WrongOrMissingVerifier_RefusedWithInvalidGrant(string? wrong)
    {
        using var browser = _sandbox.NewBrowser();
        var (_, challenge) = Browser.NewPkce();
        var back = await browser.SignInAsync(Browser.CodeRequest(challenge), Citizen.LoginId, Password);
        var verifier = wrong is null ? null : Browser.NewPkce().Verifier;

        var (status, body) = await browser.RedeemAsync(back.Callback["code"], verifier);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(wrong is null ? "invalid_request" : "invalid_grant", body.GetProperty("error").GetString());
        Assert.False(body.TryGetProperty("id_token", out _));
    }

    [Fact]
    public async Task Token_CodeRedeemedTwice_SecondRefused()
    {
        using var browser = _sandbox.NewBrowser();
        var (verifier, challenge) = Browser.NewPkce();
        var back = await browser.SignInAsync(Browser.CodeRequest(challenge), Citizen.LoginId, Password);

        var (first, _) = await browser.RedeemAsync(back.Callback["code"], verifier);
        var (second, body) = await browser.RedeemAsync(back.Callback["code"], verifier);

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.BadRequest, second);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_WrongClientSecret_RefusedWithInvalidClient()
    {
        using var browser = _sandbox.NewBrowser();
        var (verifier, challenge) = Browser.NewPkce();
        var back = await browser.SignInAsync(Browser.CodeRequest(challenge), Citizen.LoginId, Password);

        var (status, body) = await browser.RedeemAsync(back.Callback["code"], verifier, secret: "not-the-secret-of-this-client");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Authorize_UnknownClient_ShowsErrorPageAndNeverRedirects()
    {
        using var browser = _sandbox.NewBrowser();
        var (_, challenge) = Browser.NewPkce();
        var request = Browser.CodeRequest(challenge);
        request["client_id"] = "khong-ton-tai";

        var page = await browser.NavigateAsync(Browser.AuthorizeUrl(request));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Null(page.LeftTo);
        Assert.Contains("Yêu cầu đăng nhập không hợp lệ", page.Html, StringComparison.Ordinal);
        Assert.Contains("invalid_request", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_UnregisteredRedirectUri_ShowsErrorPageAndNeverRedirects()
    {
        using var browser = _sandbox.NewBrowser();
        var (_, challenge) = Browser.NewPkce();
        var request = Browser.CodeRequest(challenge);
        request["redirect_uri"] = "http://127.0.0.1:9/callback/login/attacker";

        var page = await browser.NavigateAsync(Browser.AuthorizeUrl(request));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Null(page.LeftTo);
        Assert.Contains("redirect_uri", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_LevelOneAccountWhenLoA2Required_RefusedOnThePage()
    {
        using var browser = _sandbox.NewBrowser();
        var (_, challenge) = Browser.NewPkce();

        var page = await browser.SignInAsync(Browser.CodeRequest(challenge, acr: "LoA2"), LevelOneCitizen.LoginId, Password);

        Assert.Null(page.LeftTo);
        Assert.Contains("LoA1", page.LoginError, StringComparison.Ordinal);
        Assert.Contains("yêu cầu LoA2", page.LoginError, StringComparison.Ordinal);
        Assert.Contains("Mức độ xác thực yêu cầu", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_LevelOneAccountWhenLoA1Asked_SignsInAtLoA1()
    {
        var tokens = await SignInAndRedeemAsync(LevelOneCitizen.LoginId, acr: "LoA1 LoA2");

        var idToken = new JsonWebToken(tokens.GetProperty("id_token").GetString());
        Assert.Equal("LoA1", idToken.GetClaim("acr").Value);
        Assert.Equal("LoA1", idToken.GetClaim("loAs").Value);
    }

    [Fact]
    public async Task Authorize_LevelAboveTwo_SendsUnmetRequirementsBack()
    {
        using var browser = _sandbox.NewBrowser();
        var (_, challenge) = Browser.NewPkce();

        var back = await browser.NavigateAsync(Browser.AuthorizeUrl(Browser.CodeRequest(challenge, acr: "LoA3")));

        Assert.Equal("unmet_authentication_requirements", back.Callback["error"]);
    }

    [Fact]
    public async Task LoginPage_Cancelled_SendsAccessDeniedBackWithState()
    {
        using var browser = _sandbox.NewBrowser();
        var (_, challenge) = Browser.NewPkce();
        var request = Browser.CodeRequest(challenge);
        var page = await browser.NavigateAsync(Browser.AuthorizeUrl(request));

        var back = await browser.CancelAsync(page);

        Assert.StartsWith(SandboxOnKestrel.RedirectUri, back.LeftTo!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("access_denied", back.Callback["error"]);
        Assert.Equal(request["state"], back.Callback["state"]);
        Assert.False(back.Callback.ContainsKey("code"));
    }

    [Fact]
    public async Task Authorize_SecondTimeWithSession_IssuesCodeWithoutTheLoginPage()
    {
        using var browser = _sandbox.NewBrowser();
        var (_, challenge) = Browser.NewPkce();
        await browser.SignInAsync(Browser.CodeRequest(challenge), Citizen.LoginId, Password);

        var (verifier, secondChallenge) = Browser.NewPkce();
        var back = await browser.NavigateAsync(Browser.AuthorizeUrl(Browser.CodeRequest(secondChallenge)));
        var (status, _) = await browser.RedeemAsync(back.Callback["code"], verifier);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Authorize_PromptLoginWithSession_ShowsTheLoginPageAgain()
    {
        using var browser = _sandbox.NewBrowser();
        var (_, challenge) = Browser.NewPkce();
        await browser.SignInAsync(Browser.CodeRequest(challenge), Citizen.LoginId, Password);
        var request = Browser.CodeRequest(Browser.NewPkce().Challenge);
        request["prompt"] = "login";

        var page = await browser.NavigateAsync(Browser.AuthorizeUrl(request));
        var back = await browser.SubmitLoginAsync(page, Business.LoginId, Password);

        Assert.Null(page.LeftTo);
        Assert.NotNull(Browser.LoginForm(page.Html));
        Assert.True(back.Callback.ContainsKey("code"));
    }

    [Fact]
    public async Task Authorize_PromptNoneWithoutSession_SendsLoginRequiredBack()
    {
        using var browser = _sandbox.NewBrowser();
        var request = Browser.CodeRequest(Browser.NewPkce().Challenge);
        request["prompt"] = "none";

        var back = await browser.NavigateAsync(Browser.AuthorizeUrl(request));

        Assert.Equal("login_required", back.Callback["error"]);
    }

    [Fact]
    public async Task UserInfo_WithoutOrWithBadToken_Unauthorized()
    {
        using var browser = _sandbox.NewBrowser();

        var (missing, _) = await browser.UserInfoAsync(null);
        var (bad, _) = await browser.UserInfoAsync("not-a-token");

        Assert.Equal(HttpStatusCode.Unauthorized, missing);
        Assert.Equal(HttpStatusCode.Unauthorized, bad);
    }

    [Fact]
    public async Task EndSession_WithRegisteredPostLogoutUri_RedirectsThereAndEndsTheSession()
    {
        using var browser = _sandbox.NewBrowser();
        var (verifier, challenge) = Browser.NewPkce();
        var back = await browser.SignInAsync(Browser.CodeRequest(challenge), Citizen.LoginId, Password);
        var (_, tokens) = await browser.RedeemAsync(back.Callback["code"], verifier);

        var loggedOut = await browser.NavigateAsync(QueryHelpers.AddQueryString("/xacthuc/oauth2/logout", new Dictionary<string, string?>
        {
            ["id_token_hint"] = tokens.GetProperty("id_token").GetString(),
            ["post_logout_redirect_uri"] = SandboxOnKestrel.PostLogoutRedirectUri,
            ["state"] = "sau-dang-xuat",
        }));
        var request = Browser.CodeRequest(Browser.NewPkce().Challenge);
        request["prompt"] = "none";
        var again = await browser.NavigateAsync(Browser.AuthorizeUrl(request));

        Assert.StartsWith(SandboxOnKestrel.PostLogoutRedirectUri, loggedOut.LeftTo!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("sau-dang-xuat", loggedOut.Callback["state"]);
        Assert.Equal("login_required", again.Callback["error"]);
    }

    [Fact]
    public async Task EndSession_UnregisteredPostLogoutUri_ShowsErrorPage()
    {
        using var browser = _sandbox.NewBrowser();

        var page = await browser.NavigateAsync("/xacthuc/oauth2/logout?post_logout_redirect_uri=" + Uri.EscapeDataString("https://example.com/"));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Null(page.LeftTo);
    }

    [Fact]
    public async Task Faults_Error_BackChannelFailsWhileTheSandboxAndTheLoginPageWork()
    {
        using var browser = _sandbox.NewBrowser();
        await browser.SetFaultAsync(new { mode = "error", status = 503 });
        try
        {
            using var discovery = await browser.GetAsync("/xacthuc/.well-known/openid-configuration");
            using var health = await browser.GetAsync("/health");
            var loginPage = await browser.NavigateAsync(Browser.AuthorizeUrl(Browser.CodeRequest(Browser.NewPkce().Challenge)));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, discovery.StatusCode);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal(HttpStatusCode.OK, loginPage.Status);
            Assert.NotNull(Browser.LoginForm(loginPage.Html));
        }
        finally
        {
            await browser.ResetFaultAsync();
        }
    }

    [Fact]
    public async Task Faults_ErrorAfterLogin_TheCodeExchangeFails()
    {
        using var browser = _sandbox.NewBrowser();
        var (verifier, challenge) = Browser.NewPkce();
        var back = await browser.SignInAsync(Browser.CodeRequest(challenge), Citizen.LoginId, Password);
        await browser.SetFaultAsync(new { mode = "error", status = 500 });
        try
        {
            var (status, body) = await browser.RedeemAsync(back.Callback["code"], verifier);

            Assert.Equal(HttpStatusCode.InternalServerError, status);
            Assert.False(body.TryGetProperty("id_token", out _));
        }
        finally
        {
            await browser.ResetFaultAsync();
        }
    }

    [Fact]
    public async Task Demo_NationalIdentitySection_ListsAccountsThatSignInWithThePrintedPassword()
    {
        using var browser = _sandbox.NewBrowser();
        using var response = await browser.GetAsync("/_sandbox/demo");
        var text = await response.Content.ReadAsStringAsync();
        var demo = JsonDocument.Parse(text).RootElement.GetProperty("nationalIdentity");

        Assert.Equal(_sandbox.Issuer.AbsoluteUri, demo.GetProperty("issuer").GetString());
        Assert.Equal(SandboxOnKestrel.ClientId, demo.GetProperty("clientId").GetString());
        Assert.DoesNotContain(SandboxOnKestrel.ClientSecret, text, StringComparison.Ordinal);
        var accounts = demo.GetProperty("accounts").EnumerateArray().ToList();
        Assert.Contains(accounts, a => a.GetProperty("level").GetString() == "LoA1");
        Assert.Contains(accounts, a => a.GetProperty("type").GetString()!.Contains("LoaiTaiKhoan 2", StringComparison.Ordinal));
        Assert.All(accounts, a => Assert.Equal(_sandbox.Accounts.FindByLogin(a.GetProperty("login").GetString()!)!.TechId, a.GetProperty("techId").GetString()));

        var (_, challenge) = Browser.NewPkce();
        var back = await browser.SignInAsync(Browser.CodeRequest(challenge), accounts[0].GetProperty("login").GetString()!, demo.GetProperty("password").GetString()!);
        Assert.True(back.Callback.ContainsKey("code"));
    }

    private async Task<JsonElement> SignInAndRedeemAsync(string login, string acr = "LoA1")
    {
        using var browser = _sandbox.NewBrowser();
        var (verifier, challenge) = Browser.NewPkce();
        var back = await browser.SignInAsync(Browser.CodeRequest(challenge, acr), login, Password);
        var (status, tokens) = await browser.RedeemAsync(back.Callback["code"], verifier);
        Assert.Equal(HttpStatusCode.OK, status);
        return tokens;
    }

    private static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
