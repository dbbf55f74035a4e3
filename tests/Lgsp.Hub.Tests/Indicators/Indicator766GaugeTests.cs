using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lgsp.Hub.Tests.Infrastructure;
using Lgsp.Hub.Tests.StatusSync;
using static Lgsp.Hub.Tests.StatusSync.DossierValidationTests;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.Indicators;

/// <summary>The per-agency 766 gauges on the management endpoint's <c>/metrics</c>, for this year (the hub's clock).</summary>
public sealed class Indicator766GaugeTests
{
    [Fact]
    public async Task Metrics_DossiersThisYear_GaugesPerAgencyAndItsParents()
    {
        await using var hub = await StatusSyncHub.OnSqliteAsync(extra: new Dictionary<string, string?> { ["Indicators766:GaugeRefreshInterval"] = "00:00:00.050" });
        // Two dossiers received today at 00:00 (Vietnam) by H56.27.01: one open and due in ten days (on time), online;
        // one closed the same minute (on time), direct. Progress 2/2 = 100 %; online 1/2 = 50 %; no fees: no payment rate.
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).Date;
        var received = new DateTimeOffset(today, TimeSpan.FromHours(7));
        // One batch, one transaction: a gauge round sees both or neither.
        await PostOkAsync(hub.PostBatchAsync(Batch(
            DossierItem(ThisYear(NewCode(), received, status: 2, online: true)),
            DossierItem(ThisYear(NewCode(), received, status: 10, online: false)))));

        using var management = HubFactory.CreateManagementClient(hub.Host);
        // Wait for the gauges to show the agency (the refresher's next round), then read them.
        // The bound only turns a hang into a failure; a loaded machine may take its time.
        string text;
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!(text = await ScrapeAsync(management)).Contains("agency=\"H56.27.01\"", StringComparison.Ordinal))
        {
            Assert.False(bound.IsCancellationRequested, "no gauge for H56.27.01:\n" + text);
            await Task.Delay(50, CancellationToken.None);
        }

        // Meters are process-wide: every hub this test process runs reports its own gauges on this scrape too. Only
        // this test has dossiers under H56.27, so its unit and district are this hub's alone; the province (H56) is
        // every test's, so only its presence is checked.
        foreach (var agency in new[] { "H56.27.01", "H56.27" })
        {
            Assert.Equal(100, Gauge(text, "lgsp_indicators766_progress_rate", agency));
            Assert.Equal(50, Gauge(text, "lgsp_indicators766_online_rate", agency));
        }

        Assert.InRange(Gauge(text, "lgsp_indicators766_progress_rate", "H56"), 0, 100);

        // Progress 100 % → 20 points; online 50 % → 12 (threshold 50 %); digitized 2/2 (the sample's flag) → 22.
        Assert.Equal(54, Gauge(text, "lgsp_indicators766_points", "H56.27.01"));
        Assert.DoesNotContain("lgsp_indicators766_online_payment_rate", text, StringComparison.Ordinal);
    }

    private static JsonObject ThisYear(string code, DateTimeOffset received, int status, bool online)
    {
        var dossier = Dossier(code, status);
        dossier["receivingAgencyCode"] = "H56.27.01";
        dossier["channel"] = online ? 2 : 1;
        dossier["fees"] = new JsonArray();
        dossier.Remove("supplements");
        dossier["submittedAt"] = Iso(received);
        dossier["receivedAt"] = Iso(received);
        dossier["dueAt"] = Iso(received.AddDays(10));
        if (status == 10)
        {
            dossier["processingEndedAt"] = Iso(received.AddSeconds(1));
            dossier["resultReturnedAt"] = Iso(received.AddSeconds(2));
        }

        return dossier;
    }

    private static string Iso(DateTimeOffset value) => value.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    private static async Task<string> ScrapeAsync(HttpClient management)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        using var response = await management.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    private static double Gauge(string text, string name, string agency)
    {
        var match = Regex.Match(text, "^" + Regex.Escape(name) + @"\w*\{[^}]*agency=""" + Regex.Escape(agency) + @"""[^}]*\} (\S+)", RegexOptions.Multiline);
        Assert.True(match.Success, $"{name} for {agency} in:\n{text}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
