using static Microsoft.Playwright.Assertions;

namespace Lgsp.Console.Tests;

/// <summary>
/// Maintenance through the console: an agency's window switched on from the maintenance page shows the banner on every
/// page with the operator's Vietnamese message, the control API has it in force, and switching it off hides the banner.
/// An agency of its own (H56.77), so the other tests' lookups are not affected.
/// </summary>
public sealed partial class ConsoleTests
{
    [Fact]
    public async Task Maintenance_OnFromThePage_BannerShownThenOffHidesIt()
    {
        await using var browser = await ConsoleBrowser.StartAsync(output, nameof(Maintenance_OnFromThePage_BannerShownThenOffHidesIt));
        var page = browser.Page;
        await SignInAsync(browser, hub.OperatorUserName, hub.OperatorPassword);
        await page.ClickAsync("#nav a[data-route=maintenance]");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Bảo trì nền tảng");

        await page.FillAsync("#m-scope", "H56.77");
        await page.FillAsync("#m-message-vi", "Nâng cấp hệ thống một cửa của huyện");
        await page.FillAsync("#m-message-en", "Upgrading the district's one-stop system");
        await page.FillAsync("#m-until", "2099-01-01T08:00");
        await page.FillAsync("#m-reason", "Kế hoạch nâng cấp số 3");
        await page.ClickAsync("#m-on");

        await Expect(page.Locator("#maintenance-status .alert.success")).ToContainTextAsync("Đã bật bảo trì 000.00.77.H56");
        var banner = page.Locator("#maintenance-banner p[data-scope=\"000.00.77.H56\"]");
        await Expect(banner).ToContainTextAsync("Các hệ thống của cơ quan 000.00.77.H56 đang bảo trì.");
        await Expect(banner).ToContainTextAsync("Nâng cấp hệ thống một cửa của huyện");
        await browser.ScreenshotAsync("maintenance-on");

        // Every page shows it.
        await page.ClickAsync("#nav a[data-route=clients]");
        await Expect(page.Locator("#maintenance-banner")).ToBeVisibleAsync();
        var window = await hub.AdminGetAsync("/admin/v1/maintenance/H56.77");
        Assert.True(window.GetProperty("active").GetBoolean());
        Assert.StartsWith(hub.OperatorUserName, window.GetProperty("changedBy").GetString(), StringComparison.Ordinal);

        await page.ClickAsync("#nav a[data-route=maintenance]");
        var row = page.Locator("#maintenance-table tr[data-scope=\"000.00.77.H56\"]");
        await row.Locator(".off-reason").FillAsync("Đã nâng cấp xong");
        await row.Locator("button.off").ClickAsync();
        await Expect(page.Locator("#maintenance-status .alert.success")).ToContainTextAsync("Đã tắt bảo trì 000.00.77.H56");
        await Expect(page.Locator("#maintenance-banner")).ToBeHiddenAsync();
        Assert.False((await hub.AdminGetAsync("/admin/v1/maintenance/H56.77")).GetProperty("active").GetBoolean());
        Assert.Empty(browser.PageErrors);
    }
}
