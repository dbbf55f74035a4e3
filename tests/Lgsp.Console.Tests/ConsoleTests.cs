using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Lgsp.Console.Tests;

/// <summary>
/// The operators' console in a real browser against the real hub: sign-in through the hub's sign-in page (code +
/// PKCE), then the control API through the pages. Each test changes a source of its own, so they share one hub.
/// </summary>
public sealed partial class ConsoleTests(ConsoleHub hub, ITestOutputHelper output) : IClassFixture<ConsoleHub>
{
    [Fact]
    public async Task Get_ConsolePages_SendStrictSecurityHeaders()
    {
        using var client = new HttpClient { BaseAddress = hub.Address };
        foreach (var path in new[] { "/console", "/console/", "/console/callback?code=x&state=y", "/console/app.js" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.StartsWith("default-src 'self';", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }

        var index = await client.GetStringAsync(new Uri("/console/", UriKind.Relative));
        Assert.Contains("<script type=\"module\" src=\"/console/app.js\"></script>", index, StringComparison.Ordinal);
        Assert.DoesNotMatch(InlineScript(), index);
    }

    [Fact]
    public async Task SignIn_DemoOperator_LandsOnAdaptersPage()
    {
        await using var browser = await ConsoleBrowser.StartAsync(output, nameof(SignIn_DemoOperator_LandsOnAdaptersPage));
        var page = browser.Page;

        await page.GotoAsync(Url("console/"));
        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("signed-out");

        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(new Regex("/account/login"));
        await page.FillAsync("#username", hub.OperatorUserName);
        await page.FillAsync("#password", hub.OperatorPassword);
        await browser.ScreenshotAsync("hub-sign-in-page");
        await page.ClickAsync("form button[type=submit]");

        await Expect(page.Locator("#adapters-table tr[data-source=business]")).ToBeVisibleAsync();
        Assert.Equal(Url("console/#/adapters"), page.Url);
        await Expect(page.Locator("#user")).ToHaveTextAsync(hub.OperatorUserName);
        foreach (var source in new[] { "population", "land", "insurance", "civilregistry", "dvcqg", "provincial" })
        {
            await Expect(page.Locator($"#adapters-table tr[data-source={source}]")).ToHaveCountAsync(1);
        }

        // The tokens stay in this tab's sessionStorage, never in localStorage.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => localStorage.getItem(k).includes('ey')).length"));
        Assert.True(await page.EvaluateAsync<bool>("() => JSON.parse(sessionStorage.getItem('lgsp.console.session')).accessToken.length > 20"));
        await browser.ScreenshotAsync("adapters");
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task SignIn_OfficialWithoutOperatorRole_ShowsForbiddenMessage()
    {
        await using var browser = await ConsoleBrowser.StartAsync(output, nameof(SignIn_OfficialWithoutOperatorRole_ShowsForbiddenMessage));
        await SignInAsync(browser, hub.DevelopmentValue("LGSP_DEMO_OFFICIAL_USERNAME"), hub.DevelopmentValue("LGSP_DEMO_OFFICIAL_PASSWORD"));

        var alert = browser.Page.Locator("#adapters-list .alert.error");
        await Expect(alert).ToContainTextAsync("lgsp-operator");
        await Expect(alert).ToContainTextAsync("client.forbidden");
        await browser.ScreenshotAsync("forbidden");
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task Save_AttemptTimeoutWithReason_ShowsNewVersion()
    {
        await using var browser = await ConsoleBrowser.StartAsync(output, nameof(Save_AttemptTimeoutWithReason_ShowsNewVersion));
        var page = browser.Page;
        await SignInAsync(browser, hub.OperatorUserName, hub.OperatorPassword);
        var before = await OpenAdapterAsync(page, "business");
        var oldTimeout = await page.InputValueAsync("#f-attemptTimeout");
        Assert.NotEqual("00:00:07", oldTimeout);

        await page.FillAsync("#f-attemptTimeout", "00:00:07");
        await page.FillAsync("#edit-reason", "Hệ thống đăng ký doanh nghiệp chậm theo công văn 45/CV-STTTT");
        await browser.ScreenshotAsync("edited");
        await page.ClickAsync("#save");

        await Expect(page.Locator("#flash .alert.success")).ToContainTextAsync($"phiên bản {before + 1}");
        await Expect(page.Locator("#adapter-version")).ToHaveTextAsync((before + 1).ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#f-attemptTimeout")).ToHaveValueAsync("00:00:07");
        var change = page.Locator($"#history article[data-version=\"{before + 1}\"] tr[data-path=\"attemptTimeout\" i]");
        await Expect(change.Locator(".from")).ToContainTextAsync(oldTimeout);
        await Expect(change.Locator(".to")).ToContainTextAsync("00:00:07");
        await Expect(page.Locator($"#history article[data-version=\"{before + 1}\"] .reason")).ToContainTextAsync("45/CV-STTTT");
        await browser.ScreenshotAsync("saved");

        var adapter = await hub.AdminGetAsync("/admin/v1/adapters/business");
        Assert.Equal(before + 1, adapter.GetProperty("version").GetInt32());
        Assert.Equal("00:00:07", adapter.GetProperty("settings").GetProperty("attemptTimeout").GetString());
        Assert.StartsWith(hub.OperatorUserName, adapter.GetProperty("changedBy").GetString(), StringComparison.Ordinal);
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task Save_NegativeTimeout_ShowsInlineErrorAndChangesNothing()
    {
        await using var browser = await ConsoleBrowser.StartAsync(output, nameof(Save_NegativeTimeout_ShowsInlineErrorAndChangesNothing));
        var page = browser.Page;
        await SignInAsync(browser, hub.OperatorUserName, hub.OperatorPassword);
        var before = await OpenAdapterAsync(page, "land");
        var oldTimeout = await page.InputValueAsync("#f-attemptTimeout");

        await page.FillAsync("#f-attemptTimeout", "-00:00:05");
        await page.FillAsync("#edit-reason", "Thử cấu hình sai");
        await page.ClickAsync("#save");

        var error = page.Locator("#edit-form [data-error-for=attemptTimeout]");
        await Expect(error).ToBeVisibleAsync();
        // The reason's stable code is in the tooltip, not in the text (issue #14, item 8).
        await Expect(error.Locator("[data-reason]")).ToHaveAttributeAsync("data-reason", "setting.invalid");
        await Expect(page.Locator("#f-attemptTimeout")).ToHaveClassAsync(new Regex("invalid"));
        await Expect(page.Locator("#edit-status .alert.error")).ToContainTextAsync("client.validation_failed");
        await browser.ScreenshotAsync("inline-error");

        // Nothing changed: the hub still has the same version and value after a reload.
        await page.ReloadAsync();
        await Expect(page.Locator("#adapter-version")).ToHaveTextAsync(before.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#f-attemptTimeout")).ToHaveValueAsync(oldTimeout);
        await browser.ScreenshotAsync("unchanged-after-reload");

        var adapter = await hub.AdminGetAsync("/admin/v1/adapters/land");
        Assert.Equal(before, adapter.GetProperty("version").GetInt32());
        Assert.Equal(oldTimeout, adapter.GetProperty("settings").GetProperty("attemptTimeout").GetString());
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task RollBack_FromHistory_RestoresEarlierValue()
    {
        await using var browser = await ConsoleBrowser.StartAsync(output, nameof(RollBack_FromHistory_RestoresEarlierValue));
        var page = browser.Page;
        await SignInAsync(browser, hub.OperatorUserName, hub.OperatorPassword);
        var before = await OpenAdapterAsync(page, "insurance");
        var oldTimeout = await page.InputValueAsync("#f-attemptTimeout");

        await page.FillAsync("#f-attemptTimeout", "00:00:03");
        await page.FillAsync("#edit-reason", "Thử giảm thời gian chờ");
        await page.ClickAsync("#save");
        await Expect(page.Locator("#adapter-version")).ToHaveTextAsync((before + 1).ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#f-attemptTimeout")).ToHaveValueAsync("00:00:03");
        await browser.ScreenshotAsync("changed");

        var earlier = page.Locator($"#history article[data-version=\"{before}\"]");
        await earlier.Locator(".rollback-open").ClickAsync();
        await earlier.Locator("textarea").FillAsync("Khôi phục cấu hình trước do lỗi tra cứu");
        await browser.ScreenshotAsync("rollback-reason");
        await earlier.Locator(".rollback-confirm").ClickAsync();

        await Expect(page.Locator("#adapter-version")).ToHaveTextAsync((before + 2).ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#f-attemptTimeout")).ToHaveValueAsync(oldTimeout);
        var rollback = page.Locator($"#history article[data-version=\"{before + 2}\"]");
        await Expect(rollback).ToContainTextAsync($"khôi phục về phiên bản {before}");
        await Expect(rollback.Locator("tr[data-path=\"attemptTimeout\" i] .to")).ToContainTextAsync(oldTimeout);
        await browser.ScreenshotAsync("rolled-back");

        var adapter = await hub.AdminGetAsync("/admin/v1/adapters/insurance");
        Assert.Equal(before + 2, adapter.GetProperty("version").GetInt32());
        Assert.Equal(oldTimeout, adapter.GetProperty("settings").GetProperty("attemptTimeout").GetString());
        var history = await hub.AdminGetAsync("/admin/v1/adapters/insurance/history");
        var newest = history.GetProperty("items")[0];
        Assert.Equal("rollback", newest.GetProperty("action").GetString());
        Assert.Equal(before, newest.GetProperty("rolledBackTo").GetInt32());
        Assert.Empty(browser.PageErrors);
    }

    private string Url(string relative) => new Uri(hub.Address, relative).ToString();

    /// <summary>From the console's signed-out screen through the hub's sign-in page, back on the adapters page.</summary>
    private async Task SignInAsync(ConsoleBrowser browser, string userName, string password)
    {
        var page = browser.Page;
        await page.GotoAsync(Url("console/"));
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(new Regex("/account/login"));
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync(new Regex("/console/#/adapters$"));
        await browser.ScreenshotAsync("signed-in");
    }

    /// <summary>Opens an adapter's page from the list and returns its current version.</summary>
    private static async Task<int> OpenAdapterAsync(IPage page, string source)
    {
        await page.ClickAsync($"#adapters-table tr[data-source={source}] a");
        await Expect(page.Locator("#edit-form")).ToBeVisibleAsync();
        return int.Parse(await page.Locator("#adapter-version").InnerTextAsync(), CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
