using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lgsp.Console.Tests;

/// <summary>
/// The operators' language and screen (issue #14, items 8 and 9): Vietnamese names of sources and settings instead of
/// internal ids, plain words for dead letters and the circuit breaker, the confirmation of a save where the operator is
/// looking, a clients page that fits a 1366 × 768 screen, a favicon, four-digit years.
/// </summary>
public sealed partial class ConsoleTests
{
    [Fact]
    public async Task Save_InvalidThenValid_ErrorNamesTheLabelAndTheConfirmationIsInView()
    {
        await using var browser = await ConsoleBrowser.StartAsync(output, nameof(Save_InvalidThenValid_ErrorNamesTheLabelAndTheConfirmationIsInView));
        var page = browser.Page;
        await page.SetViewportSizeAsync(1366, 768);
        await SignInAsync(browser, hub.OperatorUserName, hub.OperatorPassword);
        var before = await OpenAdapterAsync(page, "civilregistry");
        await Expect(page.Locator("h1")).ToContainTextAsync("CSDL hộ tịch điện tử");

        // Longer than the total timeout (30 s): the validator's failure names the other setting too.
        await page.FillAsync("#f-attemptTimeout", "00:00:40");
        await page.FillAsync("#edit-reason", "Thử thời gian chờ dài hơn thời gian chờ tổng");
        await page.ClickAsync("#save");

        var error = page.Locator("#edit-form [data-error-for=attemptTimeout]");
        await Expect(error).ToContainTextAsync("Thời gian chờ mỗi lần gọi không được dài hơn Thời gian chờ tổng.");
        var shown = await error.InnerTextAsync();
        foreach (var internalName in new[] { "AttemptTimeout", "attemptTimeout", "TotalTimeout", "setting.invalid", "(reason)" })
        {
            Assert.DoesNotContain(internalName, shown, StringComparison.Ordinal);
        }

        // The stable code stays at hand for support, in the tooltip.
        await Expect(error.Locator("[data-reason]")).ToHaveAttributeAsync("title", new Regex("setting\\.invalid"));
        await browser.ScreenshotAsync("labelled-error");

        await page.FillAsync("#f-attemptTimeout", "00:00:08");
        await page.ClickAsync("#save");
        var toast = page.Locator("#flash .alert.success");
        await Expect(toast).ToContainTextAsync($"phiên bản {before + 1}");
        await Expect(toast).ToHaveAttributeAsync("role", "status");
        await Expect(toast).ToBeFocusedAsync();

        // The operator saved far down the page; the confirmation is within the window all the same.
        Assert.True(await page.EvaluateAsync<double>("() => window.scrollY") > 0, "the page is scrolled down to the save button");
        var box = await toast.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box.Y, 0, 768 - box.Height);
        Assert.InRange(box.X, 0, 1366 - box.Width);
        await browser.ScreenshotAsync("saved-confirmation-in-view");

        // History names the setting by its label (the path in small print) and dates have four-digit years.
        var change = page.Locator($"#history article[data-version=\"{before + 1}\"] tr[data-path=\"attemptTimeout\" i] td.path");
        await Expect(change).ToContainTextAsync("Thời gian chờ mỗi lần gọi");
        await Expect(page.Locator($"#history article[data-version=\"{before + 1}\"] header")).ToContainTextAsync(new Regex(@"\b\d{2}/\d{2}/20\d{2}\b"));
        await Expect(page.Locator("#facts")).ToContainTextAsync(new Regex(@"\d{2}/\d{2}/20\d{2}"));
        Assert.DoesNotMatch(new Regex(@"\b\d{1,2}/\d{1,2}/\d{2}\b(?!\d)"), await page.Locator("main").InnerTextAsync());
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task Adapters_List_ShowsVietnameseNamesAndPlainTerms()
    {
        await using var browser = await ConsoleBrowser.StartAsync(output, nameof(Adapters_List_ShowsVietnameseNamesAndPlainTerms));
        var page = browser.Page;
        await SignInAsync(browser, hub.OperatorUserName, hub.OperatorPassword);

        foreach (var (source, name) in new[]
        {
            ("business", "CSDL quốc gia về đăng ký doanh nghiệp"), ("population", "CSDL quốc gia về dân cư"), ("land", "CSDL quốc gia về đất đai"),
            ("insurance", "CSDL quốc gia về bảo hiểm xã hội"), ("civilregistry", "CSDL hộ tịch điện tử"), ("dvcqg", "Cổng Dịch vụ công quốc gia"),
        })
        {
            await Expect(page.Locator($"#adapters-table tr[data-source={source}] td.source a")).ToHaveTextAsync(name);
        }

        await Expect(page.Locator("#adapters-table thead")).ToContainTextAsync("Tạm ngừng gọi (mạch ngắt)");
        await Expect(page.Locator("#circuit-hint")).ToContainTextAsync("tạm ngừng gọi tới nguồn đó");
        await Expect(page.Locator("#adapters-table tr[data-source=business] td.circuit")).Not.ToContainTextAsync(new Regex("^(đóng|mở)$"));
        await Expect(page.Locator("#nav a[data-route=dead-letters]")).ToHaveTextAsync("Sự kiện gửi lỗi");
        await browser.ScreenshotAsync("adapters-named");

        await page.ClickAsync("#nav a[data-route=dead-letters]");
        await Expect(page.Locator("h1")).ToContainTextAsync("Sự kiện gửi lỗi");
        await Expect(page.Locator("#dead-destination option[value=dvcqg]")).ToHaveTextAsync("Cổng Dịch vụ công quốc gia");
        Assert.DoesNotContain("Thư chết", await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);
        await browser.ScreenshotAsync("failed-deliveries");
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task Favicon_AtTheRootAndLinkedFromTheConsole_Answers200()
    {
        using var client = new HttpClient { BaseAddress = hub.Address };
        using var ico = await client.GetAsync(new Uri("/favicon.ico", UriKind.Relative));
        using var svg = await client.GetAsync(new Uri("/console/favicon.svg", UriKind.Relative));

        Assert.Equal((HttpStatusCode.OK, "image/x-icon"), (ico.StatusCode, ico.Content.Headers.ContentType?.MediaType));
        Assert.Equal([0, 0, 1, 0], (await ico.Content.ReadAsByteArrayAsync())[..4]);
        Assert.Equal((HttpStatusCode.OK, "image/svg+xml"), (svg.StatusCode, svg.Content.Headers.ContentType?.MediaType));
        var index = await client.GetStringAsync(new Uri("/console/", UriKind.Relative));
        Assert.Contains("<link rel=\"icon\" href=\"/console/favicon.svg\"", index, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clients_At1366x768_FitTheScreenWithNamesWhole()
    {
        await using var browser = await ConsoleBrowser.StartAsync(output, nameof(Clients_At1366x768_FitTheScreenWithNamesWhole));
        var page = browser.Page;
        await page.SetViewportSizeAsync(1366, 768);
        await SignInAsync(browser, hub.OperatorUserName, hub.OperatorPassword);
        await page.ClickAsync("#nav a[data-route=clients]");
        await Expect(page.Locator("#clients-table tr[data-client=provincial-portal]")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("clients-1366");

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scrollWidth, clientWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= clientWidth, $"the page is {scrollWidth} px wide in a {clientWidth} px window");

        // A name takes at most two lines (the longest, 50 characters); one word per line would be five or more.
        const string LinesOf = "(cell) => { const range = document.createRange(); range.selectNodeContents(cell); " +
            "return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; }";
        var lines = await page.EvaluateAsync<int[]>($"() => [...document.querySelectorAll('#clients-table td.client-name')].map({LinesOf})");
        Assert.NotEmpty(lines);
        Assert.All(lines, n => Assert.InRange(n, 1, 2));
        var idLines = await page.EvaluateAsync<int[]>($"() => [...document.querySelectorAll('#clients-table td.client-id')].map({LinesOf})");
        Assert.All(idLines, n => Assert.Equal(1, n));

        // Identifiers break only after a separator, never inside a word ("client_credentials", not "client_ credent ials").
        var typeLines = await page.EvaluateAsync<int[]>($"() => [...document.querySelectorAll('#clients-table tbody td:nth-child(3)')].map({LinesOf})");
        Assert.All(typeLines, n => Assert.Equal(1, n));
        Assert.Empty(browser.PageErrors);
    }
}
