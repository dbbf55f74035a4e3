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
        // MaTTHC keeps the local suffix: the default profile (PerCall) sends the code the province holds, as TD-DVC does.
        Assert.Equal(("2", "20250812080000", "1.001193.000.00.14.H56", "1", "2"), (
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
    public async Task Relay_RefusedAndWithdrawnDossiers_WithOrWithoutReceiptDate_ArriveAtTheDvcqgStandIn()
    {
        // Issue #13 item 1: the public senders sync refused (3) and withdrawn (7) dossiers, with NgayTiepNhan when the
        // desk received them (TD-DVC) and blank when it never did (OpenCPS). Each must reach DVCQG.
        await using var hub = StatusSyncHub.WithPortalAdapters(AdapterSettings(sandbox));
        var (refusedBlank, refusedDated, withdrawnEarly, withdrawnLate) = (NewCode(), NewCode(), NewCode(), NewCode());
        var early = Registered(withdrawnEarly);
        early["status"] = 7;
        var late = Dossier(withdrawnLate, 7);
        late["processingEndedAt"] = "2025-08-13T10:00:00+07:00";

        await PostOkAsync(hub.PostBatchAsync(Batch(
            DossierItem(Refused(refusedBlank, withReceiptDate: false)),
            DossierItem(Refused(refusedDated, withReceiptDate: true)),
            DossierItem(Registered(withdrawnEarly)),
            DossierItem(early),
            DossierItem(Accepted(withdrawnLate)),
            DossierItem(late))));

        var expected = new[]
        {
            (refusedBlank, "3", (string?)null, (string?)"20250812083000"),
            (refusedDated, "3", "20250812080000", "20250812083000"),
            (withdrawnEarly, "7", null, null),
            (withdrawnLate, "7", "20250812080000", null),
        };
        foreach (var (code, status, receivedAt, rejectedAt) in expected)
        {
            await WaitSyncedAsync(hub, code, "dvcqg");
            var hoSo = (await sandbox.Control.GetFromJsonAsync<JsonElement>($"/_sandbox/dvcqg/received?dossier={Uri.EscapeDataString(code)}")).GetProperty("hoSo");
            Assert.Equal((status, receivedAt, rejectedAt), (
                hoSo.GetProperty("TrangThaiHoSo").GetString(),
                hoSo.TryGetProperty("NgayTiepNhan", out var r) ? r.GetString() : null,
                hoSo.TryGetProperty("NgayTuChoi", out var t) ? t.GetString() : null));
        }
    }

    [Fact]
    public async Task Relay_BackfilledFinishedDossierThenReopened_ArrivesAtTheDvcqgStandInInOrder()
    {
        // Issue #13 item 2: a province connecting its one-stop system sends a dossier already finished (10) with its
        // history, then reopens it (10 → 2) with a reason. Both reach DVCQG, the reason in the row's NoiDungXuLy.
        await using var hub = StatusSyncHub.WithPortalAdapters(AdapterSettings(sandbox));
        var code = NewCode();

        await PostOkAsync(hub.PostBatchAsync(Batch(
            DossierItem(Finished(code)),
            ProgressItem(code, Step(1, 2), Step(2, 4, 10), Step(3, 9, 20), Step(4, 10, 30)))));
        await PostOkAsync(hub.PostBatchAsync(Batch(
            DossierItem(Reopened(code)),
            ProgressItem(code, Reopening(5, 40)))));
        await WaitSyncedAsync(hub, code, "dvcqg");

        var received = await sandbox.Control.GetFromJsonAsync<JsonElement>($"/_sandbox/dvcqg/received?dossier={Uri.EscapeDataString(code)}");
        var hoSo = received.GetProperty("hoSo");
        Assert.Equal(("2", ReopenReason), (hoSo.GetProperty("TrangThaiHoSo").GetString(), hoSo.GetProperty("GhiChu").GetString()));
        var rows = received.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("row")).ToList();
        Assert.Equal(["2", "4", "9", "10", "2"], rows.Select(r => r.GetProperty("TrangThai").GetString()));
        Assert.Equal(ReopenReason, rows[^1].GetProperty("NoiDungXuLy").GetString());
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

    [Fact]
    public async Task Relay_HubInMaintenance_EventsWaitUncountedAndArriveWhenItEnds()
    {
        // dvcqg switched off first, so the event is surely waiting before the hub goes into maintenance (a write
        // during hub-wide maintenance is itself refused).
        var settings = AdapterSettings(sandbox);
        settings["Adapters:dvcqg:Enabled"] = "false";
        await using var hub = StatusSyncHub.WithPortalAdapters(settings);
        var code = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Accepted(code)));
        await hub.Relay.PublishesAsync(p => p.IdempotencyKey.StartsWith(code, StringComparison.Ordinal)
            && p.Failure is DossierDeliveryFailedException { IsHeld: true }, 1, "the event held by the switched-off source");

        using var admin = hub.AuthorizedClient("lgsp-cli", "lgsp.admin");
        await AdminPostAsync(admin, "/admin/v1/maintenance/hub", "on",
            new { reason = "Bảo trì toàn trục", messageVi = "Bảo trì", messageEn = "Maintenance", until = TimeProvider.System.GetUtcNow().AddHours(1) });
        await AdminPostAsync(admin, "/admin/v1/adapters/dvcqg", "enable", new { reason = "Cổng DVCQG đã sẵn sàng" });

        // Held by the hub's maintenance now, twice (a counted failure in between would show), nothing counted.
        await hub.Relay.PublishesAsync(p => p.IdempotencyKey.StartsWith(code, StringComparison.Ordinal)
            && p.Failure is DossierDeliveryFailedException { IsHeld: true, InnerException: Lgsp.Core.Errors.LgspException { Error.Code: "hub.maintenance" } }, 2, "the event held twice by maintenance");
        var sync = hub.Host.Services.GetRequiredService<Lgsp.Hub.Operations.Maintenance.HubMaintenance>().ForHub();
        Assert.NotNull(sync);
        Assert.Empty(await hub.Host.Services.GetRequiredService<DossierDeadLetters>().ListAsync(null, 10, CancellationToken.None));

        await AdminPostAsync(admin, "/admin/v1/maintenance/hub", "off", new { reason = "Hết bảo trì" });
        await WaitSyncedAsync(hub, code, "dvcqg");
    }

    private static async Task AdminPostAsync(HttpClient admin, string path, string action, object body)
    {
        using var read = await admin.GetAsync(new Uri(path, UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{path}/{action}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
        using var answer = await admin.SendAsync(request);
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("PerCall", "/dvcqg/api/ThemMoi", "1.001193.000.00.14.H56")]
    [InlineData("Gateway", "/dvcqg/token", "1.001193")]
    [InlineData("Service", "/dvcqg/service", "1.001193.000.00.14.H56")]
    public async Task Relay_EachDvcqgProfile_DeliversTheDossierAndItsStepsOnceInItsConvention(string profile, string spokenAt, string maTthc)
    {
        var settings = AdapterSettings(sandbox);
        foreach (var (key, value) in DvcqgProfile(profile))
        {
            settings[key] = value;
        }

        await using var hub = StatusSyncHub.WithPortalAdapters(settings);
        var code = NewCode();
        var before = await sandbox.CallsAsync("dvcqg");

        await PostOkAsync(hub.PostBatchAsync(Batch(DossierItem(Accepted(code)), ProgressItem(code, Step(1, 2), Step(2, 4, 10)))));
        await WaitSyncedAsync(hub, code, "dvcqg");

        var received = await sandbox.Control.GetFromJsonAsync<JsonElement>($"/_sandbox/dvcqg/received?dossier={Uri.EscapeDataString(code)}");
        Assert.Equal(maTthc, received.GetProperty("hoSo").GetProperty("MaTTHC").GetString());
        Assert.Equal(["ThemMoi"], received.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("op").GetString()));
        Assert.Equal(["2", "4"], received.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("row").GetProperty("TrangThai").GetString()));
        Assert.Equal(0, received.GetProperty("duplicateRows").GetInt32());
        var after = await sandbox.CallsAsync("dvcqg");
        int Delta(string path) => after.GetValueOrDefault(path) - before.GetValueOrDefault(path);
        Assert.True(Delta(spokenAt) > 0, spokenAt);
        Assert.Equal(profile == "Service", Delta("/dvcqg/service") > 0);
        Assert.Equal(profile == "Gateway", Delta("/dvcqg/token") > 0);
    }

    [Fact]
    public async Task Operators_SwitchTheDvcqgProfile_TheNextDeliverySpeaksItAndAnInvalidSwitchIsRefused()
    {
        await using var hub = StatusSyncHub.WithPortalAdapters(AdapterSettings(sandbox));
        var first = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Accepted(first)));
        await WaitSyncedAsync(hub, first, "dvcqg");
        using var admin = hub.AuthorizedClient("lgsp-cli", "lgsp.admin");

        // The Service profile without the madonvi and dstcode it needs: refused by the adapter's validator, nothing stored.
        using (var read = await admin.GetAsync(new Uri("/admin/v1/adapters/dvcqg", UriKind.Relative)))
        using (var invalid = await PatchAsync(admin, read.Headers.ETag!.ToString(), new { profile = "Service" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.Equal("client.validation_failed", (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            using var again = await admin.GetAsync(new Uri("/admin/v1/adapters/dvcqg", UriKind.Relative));
            Assert.Equal(read.Headers.ETag!.ToString(), again.Headers.ETag!.ToString());
        }

        using (var read = await admin.GetAsync(new Uri("/admin/v1/adapters/dvcqg", UriKind.Relative)))
        using (var changed = await PatchAsync(admin, read.Headers.ETag!.ToString(), new { profile = "Service", dstCode = "DVCQG", unitCode = "000.00.00.H56" }))
        {
            Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync());
        }

        var before = await sandbox.CallsAsync("dvcqg");
        var second = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Accepted(second)));
        await WaitSyncedAsync(hub, second, "dvcqg");

        var after = await sandbox.CallsAsync("dvcqg");
        Assert.True(after.GetValueOrDefault("/dvcqg/service") - before.GetValueOrDefault("/dvcqg/service") >= 2); // lookup, then DongBoHoSoMC
        Assert.Equal(before.GetValueOrDefault("/dvcqg/api/ThemMoi"), after.GetValueOrDefault("/dvcqg/api/ThemMoi"));
        var received = await sandbox.Control.GetFromJsonAsync<JsonElement>($"/_sandbox/dvcqg/received?dossier={Uri.EscapeDataString(second)}");
        Assert.Equal(["ThemMoi"], received.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("op").GetString()));
    }

    private static async Task<HttpResponseMessage> PatchAsync(HttpClient admin, string etag, object changes)
    {
        using var patch = new HttpRequestMessage(HttpMethod.Patch, "/admin/v1/adapters/dvcqg")
        {
            Content = JsonContent.Create(new { reason = "Chuyển sang cách kết nối của trục LGSP", changes }),
        };
        patch.Headers.TryAddWithoutValidation("If-Match", etag);
        return await admin.SendAsync(patch);
    }

    /// <summary>The national-portal adapter's settings for <paramref name="profile"/> against the stand-in.</summary>
    private static Dictionary<string, string?> DvcqgProfile(string profile) => profile == "Service"
        ? new() { ["Adapters:dvcqg:Profile"] = "Service", ["Adapters:dvcqg:DstCode"] = "DVCQG", ["Adapters:dvcqg:UnitCode"] = "000.00.00.H56" }
        : new() { ["Adapters:dvcqg:Profile"] = profile };

    /// <summary>The adapters pointed at the sandbox with its development credentials, short retry delays.</summary>
    internal static Dictionary<string, string?> AdapterSettings(SandboxFixture sandbox)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Adapters:dvcqg:BaseUrl"] = new Uri(sandbox.HttpBaseUrl, "dvcqg/").ToString(),
            ["Adapters:dvcqg:CredentialsSecret"] = "LGSP_TEST_STATUSSYNC_DVCQG_CREDENTIALS",
            // Read from configuration by the default secret store when no such environment variable exists.
            // The Gateway profile's client id and secret and the Service profile's login, in one secret.
            ["LGSP_TEST_STATUSSYNC_DVCQG_CREDENTIALS"] = "{\"clientId\":\"sandbox-dvcqg-client\",\"clientSecret\":\"sandbox-dvcqg-secret-NOT-A-SECRET\","
                + "\"username\":\"sandbox-dvcqg-user\",\"password\":\"sandbox-dvcqg-password-NOT-A-SECRET\"}",
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
