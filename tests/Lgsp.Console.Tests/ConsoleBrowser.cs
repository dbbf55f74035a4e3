using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Lgsp.Console.Tests;

/// <summary>
/// One headless Chromium (Debian's <c>/usr/bin/chromium</c>, driven by Playwright) with a fresh profile, for one test:
/// no cookie or storage crosses tests. Screenshots go to <see cref="ScreenshotDirectory"/>, kept after the run;
/// uncaught script errors are collected so a test can assert the page ran clean (a CSP violation included).
/// </summary>
internal sealed class ConsoleBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The flags the machine needs: without the background-networking ones Chromium dials Google's hosts on a closed network.</summary>
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "console-screenshots");

    private readonly IPlaywright _playwright;
    private readonly IBrowserContext _context;
    private readonly string _profile;
    private readonly ITestOutputHelper _output;
    private readonly string _testName;
    private readonly List<string> _pageErrors = [];
    private int _step;

    private ConsoleBrowser(IPlaywright playwright, IBrowserContext context, IPage page, string profile, ITestOutputHelper output, string testName)
    {
        _playwright = playwright;
        _context = context;
        _profile = profile;
        _output = output;
        _testName = testName;
        Page = page;
        page.PageError += (_, error) => _pageErrors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                output.WriteLine($"[browser {message.Type}] {message.Text}");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Uncaught errors of the pages' scripts so far.</summary>
    public IReadOnlyList<string> PageErrors => _pageErrors;

    public static async Task<ConsoleBrowser> StartAsync(ITestOutputHelper output, string testName)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run ./test.sh (it installs Debian's chromium package) or `apt-get install chromium`.");
        }

        // Belt and braces: nothing here may fetch a browser build (closed networks).
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var profile = Path.Combine(Path.GetTempPath(), "lgsp-console-chromium-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(profile);
        var playwright = await Playwright.CreateAsync();
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        // Generous bounds on waiting (not on the outcome): the hub, Chromium and the test share two cores in CI, and
        // Expect's own default (5 s) is shorter than a cold first save there.
        context.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        Directory.CreateDirectory(ScreenshotDirectory);
        return new ConsoleBrowser(playwright, context, page, profile, output, testName);
    }

    /// <summary>A full-page screenshot named after the test and the step, its path written to the test output.</summary>
    public async Task ScreenshotAsync(string step)
    {
        _step++;
        var path = Path.Combine(ScreenshotDirectory, string.Create(CultureInfo.InvariantCulture, $"{_testName}-{_step:00}-{step}.png"));
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        _output.WriteLine($"screenshot: {path}");
    }

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile as it exits; the temporary folder is the OS's to clean.
        }
    }
}
