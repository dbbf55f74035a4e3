using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Microsoft.Playwright.Assertions;

namespace Lgsp.Console.Tests;

/// <summary>The 766 page: totals, ranking and monthly trend of dossiers the provincial one-stop system sent.</summary>
public sealed partial class ConsoleTests
{
    [Fact]
    public async Task Indicators_TwoUnits_ShowsTotalsRankingAndTrend()
    {
        // H56.31 (a district no other test uses): unit .01 closes a dossier on its due day (08-15), unit .02 two days
        // late (08-17), both received online on 08-12 with no fees and digitized. 2025-Q3, judged on 2025-09-30:
        // total received 2, closed on time 1, late 1 → on-time rate 50 %; online 100 %; digitized 100 %.
        // Points: 50 × 20 / 100 = 10 + online 12 + digitization 22 = 44 of 64 (no fees: no payment points).
        // Ranking: .01 has 20 + 12 + 22 = 54, .02 has 0 + 12 + 22 = 34.
        var day = DateTime.UtcNow.Ticks % 9000;
        await PostDossierAsync(Dossier(string.Create(CultureInfo.InvariantCulture, $"H56.31-250812-{day + 1:D4}"), "H56.31.01", "2025-08-15"));
        await PostDossierAsync(Dossier(string.Create(CultureInfo.InvariantCulture, $"H56.31-250812-{day + 2:D4}"), "H56.31.02", "2025-08-17"));

        await using var browser = await ConsoleBrowser.StartAsync(output, nameof(Indicators_TwoUnits_ShowsTotalsRankingAndTrend));
        var page = browser.Page;
        await SignInAsync(browser, hub.OperatorUserName, hub.OperatorPassword);
        await page.ClickAsync("#nav a[data-route=indicators]");
        await page.FillAsync("#ind-agency", "H56.31");
        await page.FillAsync("#ind-period", "2025-Q3");
        await page.ClickAsync("#ind-show");

        var total = page.Locator("#ind-total tbody tr[data-key=\"H56.31\"]");
        await Expect(total.Locator("td[data-col=received]")).ToHaveTextAsync("2");
        await Expect(total.Locator("td[data-col=closedOnTime]")).ToHaveTextAsync("1");
        await Expect(total.Locator("td[data-col=closedLate]")).ToHaveTextAsync("1");
        await Expect(total.Locator("td[data-col=rate-progress]")).ToHaveTextAsync("50 %");
        await Expect(total.Locator("td[data-col=rate-online]")).ToHaveTextAsync("100 %");
        await Expect(total.Locator("td[data-col=rate-onlinePayment]")).ToHaveTextAsync("–");
        await Expect(total.Locator("td[data-col=points]")).ToHaveTextAsync("44 / 64");

        var ranking = page.Locator("#ind-ranking tbody tr");
        await Expect(ranking).ToHaveCountAsync(2);
        await Expect(ranking.Nth(0)).ToHaveAttributeAsync("data-agency", "H56.31.01");
        await Expect(ranking.Nth(0).Locator("td[data-col=points]")).ToHaveTextAsync("54");
        await Expect(ranking.Nth(1)).ToHaveAttributeAsync("data-agency", "H56.31.02");
        await Expect(ranking.Nth(1).Locator("td[data-col=points]")).ToHaveTextAsync("34");

        // The trend: July, August, September; only August has closed dossiers (50 % on time).
        await Expect(page.Locator("#ind-trend rect.bar")).ToHaveCountAsync(3);
        await Expect(page.Locator("#ind-trend rect.bar[data-month=\"2025-08\"]")).ToHaveAttributeAsync("height", "50");
        await Expect(page.Locator("#ind-months tbody tr[data-key=\"2025-08\"] td[data-col=received]")).ToHaveTextAsync("2");
        await browser.ScreenshotAsync("indicators");

        // A period the hub cannot read: the API's problem, in Vietnamese, with its code.
        await page.FillAsync("#ind-period", "2025-Q5");
        await page.ClickAsync("#ind-show");
        var alert = page.Locator("#main .alert.error");
        await Expect(alert).ToContainTextAsync("client.validation_failed");
        Assert.Empty(browser.PageErrors);
    }

    private static JsonObject Dossier(string code, string unit, string ended) => new()
    {
        ["code"] = code,
        ["procedure"] = new JsonObject { ["nationalCode"] = "1.001193", ["name"] = "Đăng ký khai sinh", ["fieldCode"] = "HT" },
        ["receivingAgencyCode"] = unit,
        ["channel"] = 2,
        ["owner"] = new JsonObject
        {
            ["kind"] = 1,
            ["name"] = "Nguyễn Văn An",
            ["identifiers"] = new JsonArray(new JsonObject { ["type"] = "personalId", ["value"] = "079203001234" }),
        },
        ["summary"] = "Đăng ký khai sinh cho con",
        ["submittedAt"] = "2025-08-12T07:45:00+07:00",
        ["receivedAt"] = "2025-08-12T08:00:00+07:00",
        ["dueAt"] = "2025-08-15T17:00:00+07:00",
        ["processingEndedAt"] = $"{ended}T10:00:00+07:00",
        ["resultReturnedAt"] = $"{ended}T15:00:00+07:00",
        ["status"] = 10,
        ["hasDigitizedComponents"] = true,
    };

    /// <summary>Sends a dossier as the provincial one-stop system does (client credentials of <c>provincial-portal</c>).</summary>
    private async Task PostDossierAsync(JsonObject dossier)
    {
        using var client = new HttpClient { BaseAddress = hub.Address };
        using var tokenResponse = await client.PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "provincial-portal",
            ["client_secret"] = hub.DevelopmentValue("LGSP_PROVINCIAL_PORTAL_SECRET"),
            ["scope"] = "lgsp.dossier.sync",
        }));
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.PostAsJsonAsync(new Uri("/api/v1/dossiers", UriKind.Relative), dossier);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
