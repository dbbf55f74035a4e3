using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Adapters.Contract;
using Lgsp.Hub.StatusSync.NationalPull;
using Lgsp.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.StatusSync;

/// <summary>
/// Birth and death registrations pulled from the national side (DVCLT) against the sandbox's stand-in over real HTTP:
/// the schedule on fake time, each dossier stored once and handed to the provincial one-stop stand-in once, the
/// acknowledgement only after storing (and repeated, harmlessly, when lost), statuses back, the operators' view.
/// </summary>
public sealed class NationalDossierPullTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Pull_OnItsSchedule_BringsEachPendingDossierToTheOneStopSystemOnceAndSendsStatusesBack()
    {
        await ResetAsync();
        var codes = await AddPendingAsync(births: 3, deaths: 2);
        var clock = new RecordingTime();
        var settings = Settings(enabled: true, agency: "H56.91");
        await using var hub = StatusSyncHub.WithPortalAdapters(settings, s => s.AddKeyedSingleton<TimeProvider>(NationalDossierPullService.ClockKey, clock));
        using var admin = hub.AuthorizedClient("lgsp-cli", "lgsp.admin");

        // The first pull runs at start; then the schedule asks for the interval on the pull's clock.
        var first = await WaitForPullAsync(admin, 1);
        Assert.Equal((5, 5, 5, 0), (first.GetProperty("listed").GetInt32(), first.GetProperty("stored").GetInt32(),
            first.GetProperty("acknowledged").GetInt32(), first.GetProperty("failed").GetInt32()));
        await clock.WaitForTimerAsync(Interval);

        var received = await DvcltAsync();
        foreach (var code in codes)
        {
            var d = Dossier(received, code);
            Assert.Equal((1, 1, true), (d.GetProperty("fetches").GetInt32(), d.GetProperty("acks").GetInt32(), d.GetProperty("daNhan").GetBoolean()));
            // Receipt (1) went back once stored.
            Assert.Equal([1], d.GetProperty("statuses").EnumerateArray().Select(s => s.GetProperty("trangThai").GetInt32()));
        }

        // Found by the national code (the alias), delivered once to the one-stop stand-in with its attachments as components.
        var local = new List<string>();
        foreach (var code in codes)
        {
            var view = await hub.GetJsonAsync($"/api/v1/dossiers/{Uri.EscapeDataString(code)}");
            var localCode = view.GetProperty("dossier").GetProperty("code").GetString()!;
            local.Add(localCode);
            await WaitSyncedAsync(hub, localCode);
            var atOneStop = await sandbox.Control.GetFromJsonAsync<JsonElement>($"/_sandbox/provincial/received?dossier={Uri.EscapeDataString(localCode)}");
            Assert.Equal([localCode + "@1"], atOneStop.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("key").GetString()));
            Assert.Equal((0, 0), (atOneStop.GetProperty("replays").GetInt32(), atOneStop.GetProperty("duplicates").GetInt32()));
        }

        var attachments = await hub.WithDbAsync(db => db.NationalDossierPullAttachments.CountAsync());
        Assert.Equal(3 * 2 + 2 * 1, attachments);

        // The one-stop system accepts the first dossier; the next scheduled pull sends that status (3) back.
        await PostOkAsync(hub.PostStepsAsync(local[0], Steps(Step(1, 2))));
        clock.Advance(Interval);
        var second = await WaitForPullAsync(admin, 2);
        Assert.Equal((0, 0, 1), (second.GetProperty("listed").GetInt32(), second.GetProperty("stored").GetInt32(), second.GetProperty("statusesSent").GetInt32()));
        Assert.Equal([1, 3], Dossier(await DvcltAsync(), codes[0]).GetProperty("statuses").EnumerateArray().Select(s => s.GetProperty("trangThai").GetInt32()));
        Assert.Equal(5, await hub.WithDbAsync(db => db.Dossiers.CountAsync()));
    }

    [Fact]
    public async Task Pull_AcknowledgementFailsThenHubRestartsThenAnswerLost_NothingFetchedOrIngestedTwice()
    {
        await ResetAsync();
        var codes = await AddPendingAsync(births: 1, deaths: 1);
        // The first dossier's acknowledgement fails (both attempts): it is stored, not acknowledged.
        await PutAckFaultAsync("error", 2);
        await using var hub = StatusSyncHub.WithPortalAdapters(Settings(enabled: false, agency: "H56.92"));
        using (var admin = hub.AuthorizedClient("lgsp-cli", "lgsp.admin"))
        {
            var run = await RunAsync(admin);
            Assert.Equal((2, 2, 1, 1), (run.GetProperty("listed").GetInt32(), run.GetProperty("stored").GetInt32(),
                run.GetProperty("acknowledged").GetInt32(), run.GetProperty("failed").GetInt32()));

            var view = await GetViewAsync(admin);
            Assert.Equal(1, view.GetProperty("unacknowledged").GetInt32());
            var failing = Assert.Single(view.GetProperty("failing").EnumerateArray());
            Assert.Equal(codes[0], failing.GetProperty("nationalCode").GetString());
            Assert.StartsWith("upstream.dvclt.", failing.GetProperty("lastError").GetString(), StringComparison.Ordinal);
            Assert.Contains(view.GetProperty("lastPull").GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith(codes[0], StringComparison.Ordinal));
            foreach (var code in codes)
            {
                await WaitSyncedAsync(hub, (await hub.GetJsonAsync($"/api/v1/dossiers/{Uri.EscapeDataString(code)}")).GetProperty("dossier").GetProperty("code").GetString()!);
            }
        }

        // A fresh instance on the same database (all a crash leaves is the database); its acknowledgement takes
        // effect but the answer is lost (the adapter's retry acknowledges again: harmless).
        await PutAckFaultAsync("lostanswer", 1);
        await using var restarted = hub.SiblingWithPortalAdapters();
        using var admin2 = restarted.AuthorizedClient("lgsp-cli", "lgsp.admin");
        var again = await RunAsync(admin2);
        Assert.Equal((1, 0, 1, 1, 0), (again.GetProperty("listed").GetInt32(), again.GetProperty("stored").GetInt32(),
            again.GetProperty("alreadyStored").GetInt32(), again.GetProperty("acknowledged").GetInt32(), again.GetProperty("failed").GetInt32()));

        var received = await DvcltAsync();
        Assert.All(codes, code => Assert.Equal((1, true), (Dossier(received, code).GetProperty("fetches").GetInt32(), Dossier(received, code).GetProperty("daNhan").GetBoolean())));
        var counts = await restarted.WithDbAsync(async db => (await db.Dossiers.CountAsync(), await db.NationalDossierPulls.CountAsync(), await db.DossierEvents.CountAsync()));
        Assert.Equal((2, 2, 2), counts);
        Assert.Equal(0, (await GetViewAsync(admin2)).GetProperty("unacknowledged").GetInt32());

        // Listed again after all (nothing pending now): a third pull does nothing.
        var third = await RunAsync(admin2);
        Assert.Equal((0, 0), (third.GetProperty("listed").GetInt32(), third.GetProperty("failed").GetInt32()));
    }

    [Fact]
    public async Task Pull_DossierThatCannotBeStored_IsNeitherAcknowledgedNorIngestedAndTheRunSaysWhy()
    {
        await ResetAsync();
        var codes = await AddPendingAsync(births: 1, deaths: 0);
        var settings = Settings(enabled: false, agency: "H56.93");
        settings["NationalDossierPull:MaxAttachmentBytes"] = "16"; // the stand-in's files are larger
        await using var hub = StatusSyncHub.WithPortalAdapters(settings);
        using var admin = hub.AuthorizedClient("lgsp-cli", "lgsp.admin");

        var run = await RunAsync(admin);

        Assert.Equal((1, 0, 0, 1), (run.GetProperty("listed").GetInt32(), run.GetProperty("stored").GetInt32(),
            run.GetProperty("acknowledged").GetInt32(), run.GetProperty("failed").GetInt32()));
        var error = Assert.Single(run.GetProperty("errors").EnumerateArray()).GetString()!;
        Assert.StartsWith(codes[0] + ": upstream.dvclt.bad_response", error, StringComparison.Ordinal);
        var atNational = Dossier(await DvcltAsync(), codes[0]);
        Assert.Equal((0, false), (atNational.GetProperty("acks").GetInt32(), atNational.GetProperty("daNhan").GetBoolean()));
        var counts = await hub.WithDbAsync(async db => (await db.Dossiers.CountAsync(), await db.NationalDossierPulls.CountAsync(),
            await db.NationalDossierPullAttachments.CountAsync(), await db.DossierEvents.CountAsync()));
        Assert.Equal((0, 0, 0, 0), counts);
    }

    /// <summary>Each test its own receiving agency: local codes restart with each hub's database, the one-stop stand-in is shared.</summary>
    private Dictionary<string, string?> Settings(bool enabled, string agency)
    {
        var settings = PortalDeliveryTests.AdapterSettings(sandbox);
        settings["Adapters:dvclt:BaseUrl"] = new Uri(sandbox.HttpBaseUrl, "dvclt/").ToString();
        settings["Adapters:dvclt:CredentialsSecret"] = "LGSP_TEST_DVCLT_CREDENTIALS";
        settings["LGSP_TEST_DVCLT_CREDENTIALS"] = "{\"userName\":\"lgsp-lienthong\",\"password\":\"sandbox-dvclt-password-NOT-A-SECRET\"}";
        settings["Adapters:dvclt:AttemptTimeout"] = "00:00:30";
        settings["Adapters:dvclt:TotalTimeout"] = "00:01:00";
        settings["Adapters:dvclt:Retry:MaxRetryAttempts"] = "1";
        settings["Adapters:dvclt:Retry:BaseDelay"] = "00:00:00.020";
        settings["Adapters:dvclt:Retry:MaxDelay"] = "00:00:00.100";
        settings["NationalDossierPull:Enabled"] = enabled ? "true" : "false";
        settings["NationalDossierPull:Interval"] = Interval.ToString();
        settings["NationalDossierPull:DefaultAgencyCode"] = agency;
        return settings;
    }

    private async Task ResetAsync()
    {
        using var response = await sandbox.Control.DeleteAsync(new Uri("/_sandbox/dvclt/received", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    private async Task<List<string>> AddPendingAsync(int births, int deaths)
    {
        using var response = await sandbox.Control.PostAsJsonAsync("/_sandbox/dvclt/pending", new { births, deaths });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. body.GetProperty("maHoSo").EnumerateArray().Select(c => c.GetString()!)];
    }

    private async Task PutAckFaultAsync(string mode, int count)
    {
        using var response = await sandbox.Control.PutAsJsonAsync("/_sandbox/dvclt/ack-fault", new { mode, count });
        response.EnsureSuccessStatusCode();
    }

    private async Task<JsonElement> DvcltAsync() => await sandbox.Control.GetFromJsonAsync<JsonElement>("/_sandbox/dvclt/received");

    private static JsonElement Dossier(JsonElement received, string code) =>
        received.GetProperty("dossiers").EnumerateArray().Single(d => d.GetProperty("maHoSo").GetString() == code);

    private static async Task<JsonElement> RunAsync(HttpClient admin)
    {
        using var response = await admin.PostAsync(new Uri("/admin/v1/national-dossier-pull/run", UriKind.Relative), null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> GetViewAsync(HttpClient admin)
    {
        using var response = await admin.GetAsync(new Uri("/admin/v1/national-dossier-pull", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The operators' view once <paramref name="runs"/> pulls are recorded: the newest.</summary>
    private static async Task<JsonElement> WaitForPullAsync(HttpClient admin, int runs)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var view = await GetViewAsync(admin);
            if (view.GetProperty("recent").GetArrayLength() >= runs)
            {
                return view.GetProperty("lastPull");
            }

            Assert.True(DateTime.UtcNow < deadline, "no pull recorded: " + view);
            await Task.Delay(50);
        }
    }

    private static async Task WaitSyncedAsync(StatusSyncHub hub, string code)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var sync = (await hub.GetJsonAsync($"/api/v1/dossiers/{Uri.EscapeDataString(code)}")).GetProperty("sync").EnumerateArray()
                .Single(s => s.GetProperty("destination").GetString() == "provincial");
            if (sync.GetProperty("state").GetString() != "pending")
            {
                Assert.Equal("synced", sync.GetProperty("state").GetString());
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{code} still pending: {sync}");
            await Task.Delay(50);
        }
    }

    private static async Task PostOkAsync(Task<HttpResponseMessage> post)
    {
        using var response = await post;
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
