using System.Text.RegularExpressions;
using Lgsp.Hub.Tests.Gateway;
using Microsoft.Playwright;

namespace Lgsp.Hub.Tests.DataAccess;

/// <summary>
/// The citizen's page (<c>/account/data-access</c>) in the machine's headless Chromium at a phone's width: he signs in
/// with the national login (the sandbox's stand-in) and sees the reads of his records, in Vietnamese.
/// </summary>
public sealed partial class DataAccessPageTests(DataAccessFixture fixture) : IClassFixture<DataAccessFixture>
{
    private const string ChromiumPath = "/usr/bin/chromium";

    [Fact]
    public async Task Page_CitizenSignsInNationallyOnAPhone_SeesTheTwoReadsInVietnamese()
    {
        var citizen = fixture.Citizens[0];
        var byPortal = await LookUpAsync(GatewayFixture.Portal, citizen.Login);
        var byRecords = await LookUpAsync(GatewayFixture.RecordsOffice, citizen.Login);
        await LookUpAsync(GatewayFixture.Portal, fixture.Citizens[1].Login);
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true,
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            IsMobile = true,
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(fixture.Hub.Address, "/account/data-access").AbsoluteUri);
        await page.Locator("button#national-portal").ClickAsync();
        await page.Locator("#username").FillAsync(citizen.Login);
        await page.Locator("input[name=password]").FillAsync(fixture.Password);
        await page.Locator("button[type=submit].primary").ClickAsync();
        await page.WaitForURLAsync(DataAccessPath());

        Assert.Equal("vi", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("Ai đã xem dữ liệu của tôi", (await page.Locator("h1").TextContentAsync())!.Trim());
        var reads = page.Locator("li.read");
        Assert.Equal(2, await reads.CountAsync());
        Assert.Equal(byRecords, await reads.Nth(0).GetAttributeAsync("data-exchange"));
        Assert.Equal(byPortal, await reads.Nth(1).GetAttributeAsync("data-exchange"));
        Assert.Equal($"{DataAccessFixture.RecordsAgencyName} (000.00.14.H56)", (await reads.Nth(0).Locator(".agency").TextContentAsync())!.Trim());
        Assert.Equal($"{DataAccessFixture.PurposeName} ({DataAccessFixture.Purpose})", (await reads.Nth(0).Locator(".procedure").TextContentAsync())!.Trim());
        Assert.Equal("Cơ sở dữ liệu quốc gia về dân cư", (await reads.Nth(1).Locator(".source").TextContentAsync())!.Trim());
        Assert.DoesNotContain(citizen.Login, await page.ContentAsync(), StringComparison.Ordinal);
        // Fits a phone: nothing wider than the screen.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
    }

    private async Task<string> LookUpAsync(string client, string personalId)
    {
        var token = await fixture.TokenAsync(client, "lgsp.population.read");
        using var response = await fixture.GetAsync("/api/v1/population/citizens/" + personalId, token, purpose: DataAccessFixture.Purpose, officer: GatewayFixture.Officer);
        return response.Headers.GetValues("X-Lgsp-Exchange-Id").Single();
    }

    [GeneratedRegex("/account/data-access$")]
    private static partial Regex DataAccessPath();
}
