using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lgsp.Adapters.Contract;
using Lgsp.Hub.Tests.StatusSync.EndToEnd;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Lgsp.Hub.Tests.Observability;

/// <summary>The business stand-in's clock moves only when the test advances it: a <c>slow</c> answer comes when the test says.</summary>
public sealed class FakeTimeSandbox : SandboxFixture
{
    public FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    protected override TimeProvider? Time => Clock;
}

/// <summary>
/// SIGTERM to a real hub process (issue 18): it stops taking requests (readiness goes down), finishes the lookup it
/// has in flight, takes a last message-log checkpoint covering every record, and exits 0. Everything is observed: the
/// stand-in holding the call, the readiness answer, the lookup's answer, the checkpoints file and the database.
/// </summary>
public sealed class GracefulShutdownTests(FakeTimeSandbox sandbox) : IClassFixture<FakeTimeSandbox>
{
    [Fact]
    public async Task Sigterm_finishes_the_lookup_in_flight_and_signs_the_last_records()
    {
        var demo = await sandbox.DemoAsync();
        var enterprise = demo.GetProperty("enterprises")[0].GetProperty("enterpriseCode").GetString()!;
        using var settings = new HubProcessSettings(directory =>
        [
            "--Storage:Provider", "Sqlite",
            "--Storage:ConnectionString", $"Data Source={Path.Combine(directory, "lgsp.db")}",
            "--Gateway:MessageLog:Checkpoints:FilePath", Path.Combine(directory, "checkpoints.jsonl"),
            "--Adapters:Business:BaseUrl", sandbox.HttpBaseUrl.ToString(),
            "--Adapters:Business:AttemptTimeout", "00:01:00",
            "--Adapters:Business:TotalTimeout", "00:02:00",
            "--Shutdown:GracePeriod", "00:02:00",
        ], new Dictionary<string, string?>
        {
            ["LGSP_BUSINESS_CREDENTIALS"] = "{\"consumerKey\":\"sandbox-business-consumer-key\",\"consumerSecret\":\"sandbox-business-consumer-secret-NOT-A-SECRET\"}",
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(3) };
        var hub = await HubProcess.StartAsync(settings, http);
        try
        {
            await sandbox.SetFaultAsync("business", new { mode = "slow", delayMs = 600_000 });
            var token = await TokenAsync(http, settings);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(settings.Url, "/api/v1/business/enterprises/" + enterprise));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("X-Lgsp-Purpose", "1.001193");
            var lookup = http.SendAsync(request);

            // The stand-in holds the hub's call: the lookup is in flight.
            await Until(async () => await sandbox.FaultsAppliedAsync("business") == 1 || lookup.IsCompleted);
            Assert.False(lookup.IsCompleted, "the lookup should be held by the slow stand-in");

            await hub.TerminateAsync();
            // Stopping: readiness is no longer 200 (503 "stopping", then no listener at all).
            await Until(async () => !await ReadyAsync(http, settings.Url));
            Assert.False(lookup.IsCompleted);

            sandbox.Clock.Advance(TimeSpan.FromMilliseconds(600_000));
            using var answer = await lookup;
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains(enterprise, await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await hub.ExitCodeAsync(TimeSpan.FromMinutes(2)));

            // The last checkpoint, taken on the way out, covers every record of the log (the lookup's included).
            var lines = await File.ReadAllLinesAsync(Path.Combine(settings.Directory, "checkpoints.jsonl"));
            var lastSigned = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("checkpoint").GetProperty("lastId").GetInt64()).Max();
            await using var db = new SqliteConnection($"Data Source={Path.Combine(settings.Directory, "lgsp.db")};Pooling=false");
            await db.OpenAsync();
            await using var count = db.CreateCommand();
            count.CommandText = "SELECT max(id) FROM message_log";
            var lastRecord = Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(lastRecord >= 1);
            Assert.Equal(lastRecord, lastSigned);
        }
        finally
        {
            await sandbox.ResetFaultAsync("business");
            await hub.KillAsync();
        }
    }

    private static async Task<bool> ReadyAsync(HttpClient http, Uri hub)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(hub, "/health/ready"));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!await condition())
        {
            await Task.Delay(50, deadline.Token);
        }
    }

    private static async Task<string> TokenAsync(HttpClient http, HubProcessSettings hub)
    {
        var secret = File.ReadAllLines(Path.Combine(hub.Directory, "identity", "development.env"))
            .Select(l => l.Split('=', 2)).Single(p => p[0] == "LGSP_PROVINCIAL_PORTAL_SECRET")[1];
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(hub.Url, "/connect/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "lgsp.business.read" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"provincial-portal:{Uri.EscapeDataString(secret)}")));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
    }
}
