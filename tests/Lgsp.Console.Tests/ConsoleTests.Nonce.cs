using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lgsp.Console.Tests;

/// <summary>
/// The console's sign-in binds the ID token to its own request: a fresh <c>nonce</c> in the authorization request,
/// kept with the PKCE verifier, and the ID token's <c>nonce</c> claim checked on return. The token answer is altered
/// in flight (Playwright's route interception) to stand for a token injected from another sign-in.
/// </summary>
public sealed partial class ConsoleTests
{
    [Fact]
    public async Task SignIn_AuthorizeRequest_CarriesANonceTheIdTokenEchoes()
    {
        await using var browser = await ConsoleBrowser.StartAsync(output, nameof(SignIn_AuthorizeRequest_CarriesANonceTheIdTokenEchoes));
        var page = browser.Page;
        var nonces = new List<string?>();
        page.Request += (_, request) =>
        {
            if (new Uri(request.Url).AbsolutePath == "/connect/authorize")
            {
                nonces.Add(HttpUtility.ParseQueryString(new Uri(request.Url).Query)["nonce"]);
            }
        };

        await SignInAsync(browser, hub.OperatorUserName, hub.OperatorPassword);

        var nonce = nonces[0];
        Assert.False(string.IsNullOrEmpty(nonce));
        Assert.True(nonce!.Length >= 16, nonce);
        var idToken = await page.EvaluateAsync<string>("() => JSON.parse(sessionStorage.getItem('lgsp.console.session')).idToken");
        Assert.Equal(nonce, JwtPayload(idToken)["nonce"]!.GetValue<string>());
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task SignIn_IdTokenWithAnotherNonce_IsRefusedAndNothingIsKept()
    {
        await using var browser = await ConsoleBrowser.StartAsync(output, nameof(SignIn_IdTokenWithAnotherNonce_IsRefusedAndNothingIsKept));
        var page = browser.Page;
        var tampered = 0;
        await page.RouteAsync("**/connect/token", async route =>
        {
            // The hub's real answer, with the ID token's nonce swapped (the signature no longer matches either).
            var response = await route.FetchAsync();
            var answer = JsonNode.Parse(await response.TextAsync())!.AsObject();
            var parts = answer["id_token"]!.GetValue<string>().Split('.');
            var payload = JwtPayload(answer["id_token"]!.GetValue<string>());
            payload["nonce"] = "a-nonce-of-another-sign-in";
            parts[1] = Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
            answer["id_token"] = string.Join('.', parts);
            Interlocked.Increment(ref tampered);
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = answer.ToJsonString() });
        });

        await page.GotoAsync(Url("console/"));
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(new Regex("/account/login"));
        await page.FillAsync("#username", hub.OperatorUserName);
        await page.FillAsync("#password", hub.OperatorPassword);
        await page.ClickAsync("form button[type=submit]");

        var alert = page.Locator("#signed-out .alert.error");
        await Expect(alert).ToContainTextAsync("nonce");
        await Expect(alert).ToContainTextAsync("id_token");
        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("nonce-refused");
        Assert.Equal(1, tampered);
        Assert.True(await page.EvaluateAsync<bool>("() => sessionStorage.getItem('lgsp.console.session') === null"));
        Assert.True(await page.EvaluateAsync<bool>("() => sessionStorage.getItem('lgsp.console.pending') === null"));
        await Expect(page.Locator("#adapters-table")).ToHaveCountAsync(0);
        Assert.Empty(browser.PageErrors);
    }

    private static JsonObject JwtPayload(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return JsonNode.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=')))!.AsObject();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
