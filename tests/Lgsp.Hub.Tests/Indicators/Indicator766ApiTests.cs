using System.Net;
using System.Text;
using System.Text.Json;
using Lgsp.Hub.Tests.StatusSync;
using Lgsp.Testing;
using static Lgsp.Hub.Tests.Indicators.Indicator766DataSet;
using static Lgsp.Hub.Tests.StatusSync.DossierValidationTests;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.Indicators;

/// <summary>
/// <c>GET /api/v1/indicators/766</c> over real HTTP on the hand-computed data set (<see cref="Indicator766DataSet"/>):
/// every figure below is worked out by hand in the comments, for H56 in 2025-Q3, judged on 2025-09-30.
/// </summary>
public abstract class Indicator766ApiTests
{
    private const string Q3 = "/api/v1/indicators/766?agency=H56&period=2025-Q3";

    private protected abstract Task<StatusSyncHub> HubAsync();

    [Fact]
    public async Task GetIndicators_HandComputedDataSet_EveryFigureMatches()
    {
        await using var hub = await HubAsync();
        var codes = await SeedAsync(hub);
        var report = await ReportAsync(hub, Q3);

        Assert.Equal(("000.00.00.H56", "2025-07", "2025-09", "2025-09-30"), (report.GetProperty("agency").GetString(),
            report.GetProperty("fromMonth").GetString(), report.GetProperty("toMonth").GetString(), report.GetProperty("referenceDay").GetString()));

        // Received in Q3, not refused: D1, D2, D3, D4, D5 = 5 (D6 refused, D7 in June). Online: D1, D3, D4 = 3.
        // With fees: D1, D2, D4 = 3, paid online D1, D4 = 2. Digitized: D1, D3 = 2.
        // Closed in Q3: D1 on time, D2 late. Open, received by 09-30: D3 due 09-10 < 09-30 overdue, D4 due 10-05 on time.
        // Paused: D5 (excluded from progress).
        var total = report.GetProperty("total");
        Assert.Equal(new long[] { 5, 3, 3, 2, 2, 1, 1, 1, 1, 1 }, Counts(total));

        // Judged = 1 + 1 + 1 + 1 = 4. Progress = (1 + 1) / 4 = 50.00 %; closed on time 1/4 = 25 %, late 25 %, open on
        // time 25 %, overdue 25 %. Online 3/5 = 60.00 %. Payment 2/3 = 66.67 %. Digitized 2/5 = 40.00 %.
        Assert.Equal(new[] { 50.00m, 25.00m, 25.00m, 25.00m, 25.00m, 60.00m, 66.67m, 40.00m }, Rates(total));

        // Default weights (config/indicators.json): progress 20 pts from 100 % → 50 × 20 / 100 = 10.00; online 12 pts from
        // 50 % → 60 ≥ 50 → 12.00; payment 10 pts from 100 % → 66.67 × 10 / 100 = 6.667 → 6.67; digitization 22 pts from
        // 80 % → 40 × 22 / 80 = 11.00. Total 10 + 12 + 6.67 + 11 = 39.67 of 20 + 12 + 10 + 22 = 64.
        Assert.Equal(new[] { 10.00m, 12.00m, 6.67m, 11.00m, 39.67m, 64m }, Points(total));

        // Units, top-down, each covering its own units: H56.14 = D1–D4 (+ D6 refused), H56.14.03 = D1, D2,
        // H56.14.05 = D3, D4, H56.20 = D5.
        var units = report.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("agencyShortForm").GetString()!);
        Assert.Equal(new[] { "H56.14", "H56.14.03", "H56.14.05", "H56.20" }, units.Keys);
        Assert.Equal(new long[] { 4, 3, 3, 2, 2, 1, 1, 1, 1, 0 }, Counts(units["H56.14"].GetProperty("figures")));
        Assert.Equal(new long[] { 2, 1, 2, 1, 1, 1, 1, 0, 0, 0 }, Counts(units["H56.14.03"].GetProperty("figures")));
        Assert.Equal(new long[] { 2, 2, 1, 1, 1, 0, 0, 1, 1, 0 }, Counts(units["H56.14.05"].GetProperty("figures")));
        Assert.Equal(new long[] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, Counts(units["H56.20"].GetProperty("figures")));
        Assert.Equal("000.00.00.H56", units["H56.14"].GetProperty("parent").GetString());
        // H56.20 has only a paused dossier: nothing to judge, no progress rate and no progress points.
        Assert.Equal(JsonValueKind.Null, units["H56.20"].GetProperty("figures").GetProperty("rates").GetProperty("progress").ValueKind);
        // H56.14.05: online 2/2 = 100 % → 12; payment 1/1 → 10; digitized 1/2 = 50 % → 50 × 22 / 80 = 13.75; progress 1/2 → 10.
        Assert.Equal(new[] { 10.00m, 12.00m, 10.00m, 13.75m, 45.75m, 64m }, Points(units["H56.14.05"].GetProperty("figures")));

        // Procedures: 1.001193 = D1, D2, D4 (received 3, online 2: D1, D4); 2.000488 = D3, D5 (received 2, online 1).
        var procedures = report.GetProperty("procedures").EnumerateArray().ToDictionary(p => p.GetProperty("procedure").GetString()!);
        Assert.Equal(new long[] { 3, 2, 3, 2, 1, 1, 1, 1, 0, 0 }, Counts(procedures["1.001193"].GetProperty("figures")));
        Assert.Equal(new long[] { 2, 1, 0, 0, 1, 0, 0, 0, 1, 1 }, Counts(procedures["2.000488"].GetProperty("figures")));
        Assert.Equal("DD", procedures["2.000488"].GetProperty("field").GetString());

        // Months. July: nothing. August: received D1, D2, D5; closed D1 on time, D2 late; paused D5; no open dossier
        // received by 08-31. September: received D3, D4; D3 overdue on 09-30, D4 on time; D5 still paused.
        var months = report.GetProperty("months").EnumerateArray().ToDictionary(m => m.GetProperty("month").GetString()!);
        Assert.Equal(new long[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, Counts(months["2025-07"].GetProperty("figures")));
        Assert.Equal(new long[] { 3, 1, 2, 1, 1, 1, 1, 0, 0, 1 }, Counts(months["2025-08"].GetProperty("figures")));
        Assert.Equal(new long[] { 2, 2, 1, 1, 1, 0, 0, 1, 1, 1 }, Counts(months["2025-09"].GetProperty("figures")));

        // June alone: D7 received and closed on time; D1–D6 were received later.
        var june = await ReportAsync(hub, "/api/v1/indicators/766?agency=000.00.00.H56&period=2025-06");
        Assert.Equal(new long[] { 1, 1, 1, 1, 1, 1, 0, 0, 0, 0 }, Counts(june.GetProperty("total")));
        Assert.NotEmpty(codes);
    }

    [Fact]
    public async Task GetIndicators_StatusChange_MovesTheFiguresAtOnce()
    {
        await using var hub = await HubAsync();
        var codes = await SeedAsync(hub);
        var before = (await ReportAsync(hub, Q3)).GetProperty("total");
        Assert.Equal(new long[] { 5, 3, 3, 2, 2, 1, 1, 1, 1, 1 }, Counts(before));

        // D3 resolved (4 → 9) on 09-08, before its due day 09-10: closed on time in September, no longer open.
        await PostOkAsync(hub.PostDossierAsync(D3Resolved(codes[2])));

        // The change's own answer is the event: its transaction moved the counters. Now closed on time 2, late 1, open
        // on time 1 (D4), overdue 0: progress (2 + 1) / 4 = 75.00 % → 75 × 20 / 100 = 15.00 points; total 44.67.
        var after = (await ReportAsync(hub, Q3)).GetProperty("total");
        Assert.Equal(new long[] { 5, 3, 3, 2, 2, 2, 1, 1, 0, 1 }, Counts(after));
        Assert.Equal(75.00m, after.GetProperty("rates").GetProperty("progress").GetDecimal());
        Assert.Equal(new[] { 15.00m, 12.00m, 6.67m, 11.00m, 44.67m, 64m }, Points(after));

        // The same content again is no change: the figures stay.
        await PostOkAsync(hub.PostDossierAsync(D3Resolved(codes[2])));
        Assert.Equal(new long[] { 5, 3, 3, 2, 2, 2, 1, 1, 0, 1 }, Counts((await ReportAsync(hub, Q3)).GetProperty("total")));
    }

    [Fact]
    public async Task GetIndicators_Csv_OneLinePerRowWithTheSameFigures()
    {
        await using var hub = await HubAsync();
        await SeedAsync(hub);
        using var client = hub.AuthorizedClient(StatusSyncHub.ProvincialClient, "lgsp.indicators.read");

        using var response = await client.GetAsync(new Uri(Q3 + "&format=csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("phan_loai,ma,ky,tiep_nhan,", lines[0], StringComparison.Ordinal);
        // The total line: the counts, rates and points checked in the JSON test.
        Assert.Equal("total,000.00.00.H56,2025-Q3,5,3,3,2,2,1,1,1,1,1,50.00,60.00,66.67,40.00,10.00,12.00,6.67,11.00,39.67,64.00", lines[1]);
        // total + 4 units + 2 procedures + 2 fields + 3 months.
        Assert.Equal(1 + 1 + 4 + 2 + 2 + 3, lines.Length);
    }

    [Theory]
    [InlineData("agency=H56&period=2025-13", "client.validation_failed", "period", "period.month")]
    [InlineData("agency=H56&period=2025-Q5", "client.validation_failed", "period", "period.format")]
    [InlineData("agency=H56&period=2025-09..2025-01", "client.validation_failed", "period", "period.range")]
    [InlineData("agency=H56&format=xlsx", "client.validation_failed", "format", "query.one_of")]
    [InlineData("agency=X9&period=2025", "client.invalid_agency_code", "agency", null)]
    [InlineData("period=2025", "client.invalid_agency_code", "agency", null)]
    public async Task GetIndicators_BadQuery_ProblemDetailsNamingTheParameter(string query, string code, string field, string? reason)
    {
        await using var hub = await HubAsync();
        using var client = hub.AuthorizedClient(StatusSyncHub.ProvincialClient, "lgsp.indicators.read");

        using var response = await client.GetAsync(new Uri("/api/v1/indicators/766?" + query, UriKind.Relative));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, code);
        var error = problem.GetProperty("errors")[0];
        Assert.Equal(field, error.GetProperty("field").GetString());
        if (reason is not null)
        {
            Assert.Equal(reason, error.GetProperty("reason").GetString());
        }

        Assert.False(string.IsNullOrEmpty(error.GetProperty("messageVi").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("messageEn").GetString()));
    }

    [Fact]
    public async Task GetIndicators_WithoutTheScopeOrOutsideTheClientsAgencies_IsRefused()
    {
        await using var hub = await HubAsync();
        using var withScope = hub.AuthorizedClient(StatusSyncHub.ProvincialClient, "lgsp.indicators.read");

        // The dossier-sync token lacks lgsp.indicators.read.
        using var noScope = await hub.Client.GetAsync(new Uri(Q3, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, noScope.StatusCode);

        // provincial-portal reads H56's dossiers only.
        using var outside = await withScope.GetAsync(new Uri("/api/v1/indicators/766?agency=H57&period=2025", UriKind.Relative));
        var problem = await ProblemAsync(outside, HttpStatusCode.Forbidden, "client.forbidden");
        Assert.Equal("indicators.agency_out_of_scope", problem.GetProperty("errors")[0].GetProperty("reason").GetString());
    }

    private static async Task<string[]> SeedAsync(StatusSyncHub hub)
    {
        var codes = Enumerable.Range(0, 7).Select(_ => NewCode()).ToArray();
        Func<string, System.Text.Json.Nodes.JsonObject>[] make = [D1, D2, D3, D4, D5, D6, D7];
        for (var i = 0; i < codes.Length; i++)
        {
            await PostOkAsync(hub.PostDossierAsync(make[i](codes[i])));
        }

        return codes;
    }

    private static async Task<JsonElement> ReportAsync(StatusSyncHub hub, string path)
    {
        using var client = hub.AuthorizedClient(StatusSyncHub.ProvincialClient, "lgsp.indicators.read");
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>received, online, with fees, paid online, digitized, closed on time, closed late, open on time, overdue, paused.</summary>
    private static long[] Counts(JsonElement figures)
    {
        var c = figures.GetProperty("counts");
        return [.. new[] { "received", "receivedOnline", "withFees", "paidOnline", "digitized", "closedOnTime", "closedLate", "openOnTime", "openOverdue", "paused" }
            .Select(n => c.GetProperty(n).GetInt64())];
    }

    /// <summary>progress, closed on time, closed late, open on time, overdue, online, online payment, digitized.</summary>
    private static decimal[] Rates(JsonElement figures)
    {
        var r = figures.GetProperty("rates");
        return [.. new[] { "progress", "closedOnTime", "closedLate", "openOnTime", "openOverdue", "online", "onlinePayment", "digitized" }
            .Select(n => r.GetProperty(n).GetDecimal())];
    }

    /// <summary>progress, online service, online payment, digitization, total, max.</summary>
    private static decimal[] Points(JsonElement figures)
    {
        var p = figures.GetProperty("points");
        return [.. new[] { "progress", "onlineService", "onlinePayment", "digitization", "total", "max" }.Select(n => p.GetProperty(n).GetDecimal())];
    }
}

public sealed class Indicator766ApiOnSqliteTests : Indicator766ApiTests
{
    private protected override Task<StatusSyncHub> HubAsync() => StatusSyncHub.OnSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class Indicator766ApiOnPostgresTests(PostgresFixture postgres) : Indicator766ApiTests
{
    private protected override Task<StatusSyncHub> HubAsync() => StatusSyncHub.OnPostgresAsync(postgres.Server);
}
