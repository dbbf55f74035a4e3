using System.Globalization;
using static Microsoft.Playwright.Assertions;

namespace Lgsp.Console.Tests;

/// <summary>
/// A client's limits and today's use on its page: the rate limit and daily quota in force (config/access-rights.json
/// for <c>provincial-portal</c>), today's calls against the quota and today's refusals by limit, as
/// <c>GET /admin/v1/clients/{id}/usage</c> serves them from the database.
/// </summary>
public sealed partial class ConsoleTests
{
    [Fact]
    public async Task ClientPage_LimitsAndTodaysUse_ShownInVietnamese()
    {
        // Today's figures as the gateway counts them (the counting itself is tested through lookups in Lgsp.Hub.Tests).
        var day = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await hub.ExecuteSqlAsync($"INSERT OR REPLACE INTO client_quota_usage (client_id, source, day, used) VALUES ('provincial-portal', 'population', '{day}', 1234)");
        await hub.ExecuteSqlAsync($"INSERT OR REPLACE INTO client_limit_refusals (client_id, source, day, limit_name, refused) VALUES ('provincial-portal', 'population', '{day}', 'daily_quota', 7)");
        await hub.ExecuteSqlAsync($"INSERT OR REPLACE INTO client_limit_refusals (client_id, source, day, limit_name, refused) VALUES ('provincial-portal', 'business', '{day}', 'rate', 42)");
        await hub.ExecuteSqlAsync($"INSERT OR REPLACE INTO client_limit_refusals (client_id, source, day, limit_name, refused) VALUES ('provincial-portal', 'business', '{day}', 'concurrency', 3)");

        await using var browser = await ConsoleBrowser.StartAsync(output, nameof(ClientPage_LimitsAndTodaysUse_ShownInVietnamese));
        var page = browser.Page;
        await SignInAsync(browser, hub.OperatorUserName, hub.OperatorPassword);
        await OpenClientAsync(browser, PortalClient);

        var usage = page.Locator("#usage");
        await Expect(usage.Locator("h2")).ToHaveTextAsync("Hạn mức và mức dùng hôm nay");
        await Expect(usage).ToContainTextAsync($"Ngày {day}");
        var business = page.Locator("#usage-table tr[data-source=business]");
        await Expect(business.Locator(".rate")).ToHaveTextAsync("100 yêu cầu/giây (dồn tối đa 200)");
        await Expect(business.Locator(".quota")).ToHaveTextAsync("Không giới hạn");
        await Expect(business.Locator(".refused-rate")).ToHaveTextAsync("42");
        await Expect(business.Locator(".refused-concurrency")).ToHaveTextAsync("3");
        await Expect(business.Locator(".refused-quota")).ToHaveTextAsync("0");
        var population = page.Locator("#usage-table tr[data-source=population]");
        await Expect(population.Locator(".rate")).ToHaveTextAsync("Không giới hạn");
        await Expect(population.Locator(".quota")).ToHaveTextAsync("5.000 yêu cầu/ngày");
        await Expect(population.Locator(".used")).ToHaveTextAsync("1.234 / 5.000");
        await Expect(population.Locator(".refused-quota")).ToHaveTextAsync("7");
        await browser.ScreenshotAsync("usage");

        var api = await hub.AdminGetAsync("/admin/v1/clients/provincial-portal/usage");
        var fromApi = api.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("source").GetString() == "population");
        Assert.Equal(1234, fromApi.GetProperty("used").GetInt64());
        Assert.Empty(browser.PageErrors);
    }
}
