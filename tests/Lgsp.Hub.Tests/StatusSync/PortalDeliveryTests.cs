using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Adapters.Contract;
using Lgsp.Hub.StatusSync.Outbox;
using Microsoft.Extensions.DependencyInjection;
using static Lgsp.Hub.Tests.StatusSync.DossierValidationTests;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.StatusSync;

/// <summary>
/// End to end, both directions, with the hub's own destinations (the national-portal and provincial one-stop
/// adapters, registered by the hub from <c>Adapters:dvcqg</c> / <c>Adapters:provincial</c>) and the in-process relay
/// (no Kafka), against the sandbox's stand-ins on a loopback port over real HTTP: what the stand-ins received is read
/// from their <c>/_sandbox/…/received</c> endpoints.
/// </summary>
public sealed class PortalDeliveryTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Relay_DossierAndStepsFromTheProvince_ArriveAtTheDvcqgStandInInOrder()
    {
        await using var hub = StatusSyncHub.WithPortalAdapters(AdapterSettings(sandbox));
        var code = NewCode();

        await PostOkAsync(hub.PostBatchAsync(Batch(
            DossierItem(Accepted(code)),
            ProgressItem(code, Step(1, 2), Step(2, 4, 10), Step(3, 5, 20)))));
        await WaitSyncedAsync(hub, code, "dvcqg");

        var received = await sandbox.Control.GetFromJsonAsync<JsonElement>($"/_sandbox/dvcqg/received?dossier={Uri.EscapeDataString(code)}");
        var hoSo = received.GetProperty("hoSo");
        Assert.Equal(("2", "20250812080000", "1.001193", "1", "2"), (
            hoSo.GetProperty("TrangThaiHoSo").GetString(),
            hoSo.GetProperty("NgayTiepNhan").GetString(),
            hoSo.GetProperty("MaTTHC").GetString(),
            hoSo.GetProperty("LoaiDoiTuong").GetString(),
            hoSo.GetProperty("KenhThucHien").GetString()));
        Assert.Equal(["ThemMoi"], received.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("op").GetString()));
        var rows = received.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("row")).ToList();
        Assert.Equal(["2", "4", "5"], rows.Select(r => r.GetProperty("TrangThai").GetString()));
        Assert.Equal(["20250812090000", "20250812091000", "20250812092000"], rows.Select(r => r.GetProperty("ThoiDiemXuLy").GetString()));
        Assert.Equal(0, received.GetProperty("duplicateRows").GetInt32());
    }

    [Fact]
    public async Task Relay_DossierSubmittedByTheNationalPortal_ArrivesAtTheProvincialStandInVersionByVersion()
    {
        await using var hub = StatusSyncHub.WithPortalAdapters(AdapterSettings(sandbox));
        var code = NewCode();

        await PostOkAsync(hub.PostAsync("/api/v1/national/dossiers", Registered(code)));
        await PostOkAsync(hub.PostAsync("/api/v1/national/dossiers", Accepted(code)));
        await WaitSyncedAsync(hub, code, "provincial");

        var received = await sandbox.Control.GetFromJsonAsync<JsonElement>($"/_sandbox/provincial/received?dossier={Uri.EscapeDataString(code)}");
        var calls = received.GetProperty("calls").EnumerateArray().ToList();
        Assert.Equal([code + "@1", code + "@2"], calls.Select(c => c.GetProperty("key").GetString()));
        Assert.Equal(["1", "2"], calls.Select(c => c.GetProperty("body").GetProperty("trangThaiHoSoId").GetString()));
        Assert.All(calls, c => Assert.Equal("DVCQG", c.GetProperty("body").GetProperty("nguonHoSo").GetString()));
        Assert.Equal(("2", 2), (received.GetProperty("trangThaiHoSoId").GetString(), received.GetProperty("phienBan").GetInt32()));
        Assert.Equal((0, 0), (received.GetProperty("replays").GetInt32(), received.GetProperty("duplicates").GetInt32()));
    }

    [Fact]
    public async Task Relay_DossierDvcqgRefuses_IsParkedAtOnceWithDvcqgsReason()
    {
        // A hub configured for the wrong province: its MaHoSo (an alias of H57) is one DVCQG (H56) refuses, for good.
        var settings = AdapterSettings(sandbox);
        settings["Adapters:dvcqg:ProvinceCode"] = "H57";
        settings["Adapters:dvcqg:AliasAgencyCode"] = "000.00.00.H57";
        await using var hub = StatusSyncHub.WithPortalAdapters(settings);
        var code = NewCode();

        await PostOkAsync(hub.PostDossierAsync(Accepted(code)));
        var sync = await WaitSettledAsync(hub, code, "dvcqg");

        Assert.Equal(("failed", 1), (sync.GetProperty("state").GetString(), sync.GetProperty("attempts").GetInt32()));
        Assert.Contains("upstream.dvcqg.rejected", sync.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        var deadLetter = Assert.Single(await hub.Host.Services.GetRequiredService<DossierDeadLetters>().ListAsync(null, 10, CancellationToken.None));
        Assert.Contains("MaHoSo", deadLetter.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Relay_DvcqgSwitchedOffByTheOperators_EventsWaitUncountedAndArriveWhenSwitchedBackOn()
    {
        var settings = AdapterSettings(sandbox);
        settings["Adapters:dvcqg:Enabled"] = "false";
        await using var hub = StatusSyncHub.WithPortalAdapters(settings);
        var code = NewCode();

        await PostOkAsync(hub.PostDossierAsync(Accepted(code)));
        // Held twice: the second try came after the relay had finished with the first (a counted failure would show).
        await hub.Relay.PublishesAsync(p => p.IdempotencyKey.StartsWith(code, StringComparison.Ordinal)
            && p.Failure is DossierDeliveryFailedException { IsHeld: true }, 2, "the event held twice");
        var waiting = (await hub.GetJsonAsync($"/api/v1/dossiers/{code}")).GetProperty("sync").EnumerateArray()
            .Single(s => s.GetProperty("destination").GetString() == "dvcqg");
        Assert.Equal(("pending", 0), (waiting.GetProperty("state").GetString(), waiting.GetProperty("attempts").GetInt32()));
        Assert.Empty(await hub.Host.Services.GetRequiredService<DossierDeadLetters>().ListAsync(null, 10, CancellationToken.None));

        using var admin = hub.AuthorizedClient("lgsp-cli", "lgsp.admin");
        using var read = await admin.GetAsync(new Uri("/admin/v1/adapters/dvcqg", UriKind.Relative));
        using var enable = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/adapters/dvcqg/enable") { Content = JsonContent.Create(new { reason = "Hết bảo trì Cổng DVCQG" }) };
        enable.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
        using var enabled = await admin.SendAsync(enable);
        Assert.True(enabled.IsSuccessStatusCode, await enabled.Content.ReadAsStringAsync());

        await WaitSyncedAsync(hub, code, "dvcqg");
    }

    /// <summary>The adapters pointed at the sandbox with its development credentials, short retry delays.</summary>
    internal static Dictionary<string, string?> AdapterSettings(SandboxFixture sandbox)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Adapters:dvcqg:BaseUrl"] = new Uri(sandbox.HttpBaseUrl, "dvcqg/").ToString(),
            ["Adapters:dvcqg:CredentialsSecret"] = "LGSP_TEST_STATUSSYNC_DVCQG_CREDENTIALS",
            // Read from configuration by the default secret store when no such environment variable exists.
            ["LGSP_TEST_STATUSSYNC_DVCQG_CREDENTIALS"] = "{\"clientId\":\"sandbox-dvcqg-client\",\"clientSecret\":\"sandbox-dvcqg-secret-NOT-A-SECRET\"}",
            ["Adapters:provincial:BaseUrl"] = new Uri(sandbox.HttpBaseUrl, "motcua/").ToString(),
            ["Adapters:provincial:CredentialsSecret"] = "LGSP_TEST_STATUSSYNC_PROVINCIAL_CREDENTIALS",
            ["LGSP_TEST_STATUSSYNC_PROVINCIAL_CREDENTIALS"] = "{\"username\":\"lgsp-dongbo\",\"password\":\"sandbox-motcua-password-NOT-A-SECRET\"}",
        };
        // No test here is about timeouts: they are long enough that a loaded machine never times a call out (with 2 s,
        // two shared cores once timed out four tries in a row), and the relay waits for the adapter's own, under its lease.
        settings["StatusSync:DeliveryTimeout"] = "00:02:00";
        settings["StatusSync:LeaseDuration"] = "00:03:00";
        foreach (var source in new[] { "dvcqg", "provincial" })
        {
            settings[$"Adapters:{source}:AttemptTimeout"] = "00:00:30";
            settings[$"Adapters:{source}:TotalTimeout"] = "00:01:00";
            settings[$"Adapters:{source}:Retry:BaseDelay"] = "00:00:00.020";
            settings[$"Adapters:{source}:Retry:MaxDelay"] = "00:00:00.100";
            settings[$"Adapters:{source}:Retry:MaxRetryAfter"] = "00:00:01";
        }

        return settings;
    }

    /// <summary>Waits until the hub says the destination confirmed the dossier's newest event.</summary>
    internal static async Task WaitSyncedAsync(StatusSyncHub hub, string code, string destination)
    {
        var sync = await WaitSettledAsync(hub, code, destination);
        Assert.True(sync.GetProperty("state").GetString() == "synced", $"{code} → {destination}: {sync}");
    }

    /// <summary>The dossier's sync state for <paramref name="destination"/> once it is no longer pending.</summary>
    internal static async Task<JsonElement> WaitSettledAsync(StatusSyncHub hub, string code, string destination)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var sync = (await hub.GetJsonAsync($"/api/v1/dossiers/{code}")).GetProperty("sync").EnumerateArray()
                .Single(s => s.GetProperty("destination").GetString() == destination);
            if (sync.GetProperty("state").GetString() != "pending")
            {
                return sync;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{code} → {destination} still pending: {sync}");
            await Task.Delay(50);
        }
    }
}
