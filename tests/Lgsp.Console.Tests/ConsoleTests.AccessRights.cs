using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lgsp.Console.Tests;

/// <summary>
/// A client's access rights through the console (the client page of <c>provincial-portal</c>). Each test works on a
/// source of its own and reads the version it starts from, so the order the tests run in does not matter.
/// </summary>
public sealed partial class ConsoleTests
{
    private const string PortalClient = "provincial-portal";
    private const string PortalRightsPath = "/admin/v1/clients/provincial-portal/access-rights";

    [Fact]
    public async Task SaveAccessRights_WithdrawnSourceWithReason_ShowsNewVersion()
    {
        await using var browser = await ConsoleBrowser.StartAsync(output, nameof(SaveAccessRights_WithdrawnSourceWithReason_ShowsNewVersion));
        var page = browser.Page;
        await SignInAsync(browser, hub.OperatorUserName, hub.OperatorPassword);
        var before = await OpenClientAsync(browser, PortalClient);
        await Expect(page.Locator("#rights-table tr[data-source=land]")).ToHaveAttributeAsync("data-granted", "true");
        await Expect(page.Locator("#r-land-granted")).ToBeCheckedAsync();

        await page.UncheckAsync("#r-land-granted");
        await page.FillAsync("#rights-reason", "Cổng dịch vụ công tỉnh không còn tra cứu đất đai theo công văn 88/STNMT");
        await browser.ScreenshotAsync("land-withdrawn");
        await page.ClickAsync("#save");

        var next = before + 1;
        await Expect(page.Locator("#flash .alert.success")).ToContainTextAsync($"phiên bản {next}");
        await Expect(page.Locator("#rights-version")).ToHaveTextAsync(next.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#rights-table tr[data-source=land]")).ToHaveAttributeAsync("data-granted", "false");
        await Expect(page.Locator("#r-land-granted")).Not.ToBeCheckedAsync();
        var version = page.Locator($"#history article[data-version=\"{next}\"]");
        await Expect(version.Locator("table.diff")).ToContainTextAsync(new Regex("services\\.land", RegexOptions.IgnoreCase));
        await Expect(version.Locator(".reason")).ToContainTextAsync("88/STNMT");
        await browser.ScreenshotAsync("saved");

        var rights = await hub.AdminGetAsync(PortalRightsPath);
        Assert.Equal(next, rights.GetProperty("version").GetInt32());
        Assert.Equal("operator", rights.GetProperty("origin").GetString());
        Assert.StartsWith(hub.OperatorUserName, rights.GetProperty("changedBy").GetString(), StringComparison.Ordinal);
        Assert.False(Granted(rights.GetProperty("accessRights"), "land"));
        Assert.True(Granted(rights.GetProperty("accessRights"), "business"));

        // The clients list shows the rights in force too.
        var clients = await hub.AdminGetAsync("/admin/v1/clients");
        var portal = clients.EnumerateArray().Single(c => c.GetProperty("clientId").GetString() == PortalClient);
        Assert.False(Granted(portal.GetProperty("accessRights"), "land"));
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task SaveAccessRights_MalformedPurpose_ShowsInlineErrorAndChangesNothing()
    {
        await using var browser = await ConsoleBrowser.StartAsync(output, nameof(SaveAccessRights_MalformedPurpose_ShowsInlineErrorAndChangesNothing));
        var page = browser.Page;
        await SignInAsync(browser, hub.OperatorUserName, hub.OperatorPassword);
        var before = await OpenClientAsync(browser, PortalClient);
        var rightsBefore = await hub.AdminGetAsync(PortalRightsPath);
        var oldPurposes = await page.InputValueAsync("#r-insurance-purposes");

        await page.FillAsync("#r-insurance-purposes", "abc");
        await page.FillAsync("#rights-reason", "Thử mã thủ tục sai");
        await page.ClickAsync("#save");

        // The API names the item (services.insurance.purposes.0); the console puts it next to the purposes input.
        var error = page.Locator("#rights-form [data-error-for=\"services.insurance.purposes\"]");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error.Locator("span[data-api-field]").First).ToHaveAttributeAsync("data-api-field", new Regex("^(changes\\.|accessRights\\.)?services\\.insurance\\.purposes", RegexOptions.IgnoreCase));
        await Expect(page.Locator("#r-insurance-purposes")).ToHaveClassAsync(new Regex("invalid"));
        await Expect(page.Locator("#edit-status .alert.error")).ToContainTextAsync("client.validation_failed");
        await browser.ScreenshotAsync("inline-error");

        // Nothing changed: the same version and purposes after a reload, and the same rights at the API.
        await page.ReloadAsync();
        await Expect(page.Locator("#rights-version")).ToHaveTextAsync(before.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#r-insurance-purposes")).ToHaveValueAsync(oldPurposes);
        await browser.ScreenshotAsync("unchanged-after-reload");

        var rights = await hub.AdminGetAsync(PortalRightsPath);
        Assert.Equal(before, rights.GetProperty("version").GetInt32());
        Assert.Equal(rightsBefore.GetProperty("accessRights").GetRawText(), rights.GetProperty("accessRights").GetRawText());
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task RollBackAccessRights_FromHistory_RestoresEarlierRights()
    {
        await using var browser = await ConsoleBrowser.StartAsync(output, nameof(RollBackAccessRights_FromHistory_RestoresEarlierRights));
        var page = browser.Page;
        await SignInAsync(browser, hub.OperatorUserName, hub.OperatorPassword);
        var before = await OpenClientAsync(browser, PortalClient);
        var oldPurposes = Purposes(await hub.AdminGetAsync(PortalRightsPath), "population");
        Assert.True(oldPurposes.Count > 1, "population has several purposes in config/access-rights.json");
        var narrowed = oldPurposes[0];

        await page.FillAsync("#r-population-purposes", narrowed);
        await page.FillAsync("#rights-reason", "Chỉ tra cứu dân cư cho thủ tục " + narrowed);
        await page.ClickAsync("#save");
        await Expect(page.Locator("#rights-version")).ToHaveTextAsync((before + 1).ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#rights-table tr[data-source=population] .purposes")).ToHaveTextAsync(narrowed);
        Assert.Equal(new[] { narrowed }, Purposes(await hub.AdminGetAsync(PortalRightsPath), "population"));
        await browser.ScreenshotAsync("narrowed");

        var earlier = page.Locator($"#history article[data-version=\"{before}\"]");
        await earlier.Locator(".rollback-open").ClickAsync();
        await earlier.Locator("textarea").FillAsync("Khôi phục quyền tra cứu dân cư như trước");
        await browser.ScreenshotAsync("rollback-reason");
        await earlier.Locator(".rollback-confirm").ClickAsync();

        await Expect(page.Locator("#rights-version")).ToHaveTextAsync((before + 2).ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#r-population-purposes")).ToHaveValueAsync(string.Join(", ", oldPurposes));
        await Expect(page.Locator("#rights-table tr[data-source=population] .purposes")).ToHaveTextAsync(string.Join(", ", oldPurposes));
        await Expect(page.Locator($"#history article[data-version=\"{before + 2}\"]")).ToContainTextAsync($"khôi phục về phiên bản {before}");
        await browser.ScreenshotAsync("rolled-back");

        var rights = await hub.AdminGetAsync(PortalRightsPath);
        Assert.Equal(before + 2, rights.GetProperty("version").GetInt32());
        Assert.Equal(oldPurposes, Purposes(rights, "population"));
        var history = await hub.AdminGetAsync(PortalRightsPath + "/history");
        var newest = history.GetProperty("items")[0];
        Assert.Equal("rollback", newest.GetProperty("action").GetString());
        Assert.Equal(before, newest.GetProperty("rolledBackTo").GetInt32());
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task SaveAccessRights_DossierAgencies_BadCodeInlineThenNarrowed()
    {
        const string national = "national-portal";
        const string nationalRightsPath = "/admin/v1/clients/national-portal/access-rights";
        await using var browser = await ConsoleBrowser.StartAsync(output, nameof(SaveAccessRights_DossierAgencies_BadCodeInlineThenNarrowed));
        var page = browser.Page;
        await SignInAsync(browser, hub.OperatorUserName, hub.OperatorPassword);
        var before = await OpenClientAsync(browser, national);
        await Expect(page.Locator("#rights-dossier-agencies")).ToHaveTextAsync("H56");
        await Expect(page.Locator("#r-dossierAgencies")).ToHaveValueAsync("H56");

        await page.FillAsync("#r-dossierAgencies", "H56, X99");
        await page.FillAsync("#rights-reason", "Thử mã cơ quan sai");
        await page.ClickAsync("#save");

        // The API names the item (dossierAgencies.1); the console puts it next to the list's input.
        var error = page.Locator("#rights-form [data-error-for=\"dossierAgencies\"]");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("X99");
        await Expect(page.Locator("#r-dossierAgencies")).ToHaveClassAsync(new Regex("invalid"));
        await browser.ScreenshotAsync("dossier-agencies-error");
        Assert.Equal(before, (await hub.AdminGetAsync(nationalRightsPath)).GetProperty("version").GetInt32());

        await page.FillAsync("#r-dossierAgencies", "H56.14");
        await page.FillAsync("#rights-reason", "Cổng DVCQG chỉ đọc hồ sơ của UBND huyện theo công văn 77/CV");
        await page.ClickAsync("#save");

        await Expect(page.Locator("#rights-version")).ToHaveTextAsync((before + 1).ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#rights-dossier-agencies")).ToHaveTextAsync("H56.14");
        await browser.ScreenshotAsync("dossier-agencies-narrowed");
        var rights = await hub.AdminGetAsync(nationalRightsPath);
        Assert.Equal(["H56.14"], rights.GetProperty("accessRights").GetProperty("dossierAgencies").EnumerateArray().Select(a => a.GetString()));
        Assert.Empty(browser.PageErrors);
    }

    /// <summary>Opens a client's page from the clients list and returns the version of its access rights.</summary>
    private static async Task<int> OpenClientAsync(ConsoleBrowser browser, string clientId)
    {
        var page = browser.Page;
        await page.ClickAsync("#nav a[data-route=clients]");
        await page.ClickAsync($"#clients-table tr[data-client=\"{clientId}\"] a");
        await Expect(page.Locator("#rights-form")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("client");
        return int.Parse(await page.Locator("#rights-version").InnerTextAsync(), CultureInfo.InvariantCulture);
    }

    private static bool Granted(JsonElement accessRights, string source) =>
        accessRights.TryGetProperty("services", out var services)
        && services.TryGetProperty(source, out var service)
        && service.ValueKind == JsonValueKind.Object;

    private static List<string> Purposes(JsonElement rightsAnswer, string source) =>
        [.. rightsAnswer.GetProperty("accessRights").GetProperty("services").GetProperty(source).GetProperty("purposes")
            .EnumerateArray().Select(p => p.GetString()!)];
}
