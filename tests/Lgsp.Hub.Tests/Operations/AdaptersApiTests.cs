using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Core.Lookups;
using Lgsp.Hub.Tests.Gateway;

namespace Lgsp.Hub.Tests.Operations;

/// <summary>
/// The operators' control of the adapters through <c>/admin/v1/adapters</c>, against the real hub and stand-ins: a
/// change under load, refusals, maintenance, rollback, conflicts, history, and secrets kept out of answers and logs.
/// Each test works on its own source, so they share one hub.
/// </summary>
public sealed class AdaptersApiTests(OperationsFixture hub) : IClassFixture<OperationsFixture>
{
    private const string Reason = "Kiểm thử: chuyển máy chủ theo thông báo của Bộ";

    [Fact]
    public async Task Change_BaseUrlUnderSteadyLoad_NoCallFailsAndNewCallsReachTheNewInstance()
    {
        var code = await EnterpriseCodeAsync();
        var token = await hub.TokenAsync("provincial-portal", "lgsp.business.read");
        var failures = new ConcurrentQueue<string>();
        var served = 0;
        const int Workers = 4;
        var changeApplied = false;
        // Per worker: whether it has started a call after the change returned. A worker calls one at a time, so once it
        // has, every call it started before the change has finished.
        var startedAfterChange = new bool[Workers];
        using var stop = new CancellationTokenSource();

        // A steady load under the NGSP gateway's quota (200/s per consumer, which the stand-in enforces): 4 × ≤ 25/s.
        async Task WorkerAsync(int worker)
        {
            using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(40));
            while (!stop.IsCancellationRequested && await pace.WaitForNextTickAsync())
            {
                if (Volatile.Read(ref changeApplied))
                {
                    Volatile.Write(ref startedAfterChange[worker], true);
                }

                using var response = await hub.GetAsync("/api/v1/business/enterprises/" + code, token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref served);
                }
                else
                {
                    failures.Enqueue($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        // Counted before the load starts, so the 40 calls served below all fall between the two reads of the first instance.
        var firstBefore = await OperationsFixture.CallsAsync(hub.Sandbox, SourceNames.Business);
        var secondBefore = await OperationsFixture.CallsAsync(hub.Second, SourceNames.Business);
        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(() => WorkerAsync(worker))).ToList();
        await WaitUntilAsync(() => Volatile.Read(ref served) >= 40);

        var changed = await hub.ChangeAsync(SourceNames.Business,
            new { baseUrl = hub.Second.HttpBaseUrl.ToString(), attemptTimeout = "00:00:01.500" }, Reason);
        Volatile.Write(ref changeApplied, true);

        Assert.Equal(hub.Second.HttpBaseUrl.ToString(), changed.GetProperty("settings").GetProperty("baseUrl").GetString());
        Assert.Equal("00:00:01.500", changed.GetProperty("settings").GetProperty("attemptTimeout").GetString());
        // Calls already running finish on the old instance; once each worker has moved on to a call started after the
        // change, none is left, and the old one hears nothing more.
        await WaitUntilAsync(() => Enumerable.Range(0, Workers).All(worker => Volatile.Read(ref startedAfterChange[worker])));
        var firstSettled = await OperationsFixture.CallsAsync(hub.Sandbox, SourceNames.Business);
        var servedAtSettle = Volatile.Read(ref served);
        await WaitUntilAsync(() => Volatile.Read(ref served) >= servedAtSettle + 40);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(5)));
        Assert.True(firstSettled >= firstBefore + 40, "the first instance served the load before the change");
        Assert.Equal(firstSettled, await OperationsFixture.CallsAsync(hub.Sandbox, SourceNames.Business));
        Assert.True(await OperationsFixture.CallsAsync(hub.Second, SourceNames.Business) >= secondBefore + 40, "new calls reach the second instance");
    }

    [Fact]
    public async Task Change_WhileACallIsInFlight_TheCallFinishesOnTheSettingsItStartedWith()
    {
        var lookup = await SourceCase.ForAsync(SourceNames.Land, hub.Sandbox);
        var token = await hub.TokenAsync(GatewayFixture.Portal, lookup.Scope);
        // The first instance answers in no less than 1.5 s: beyond the new 0.9 s attempt timeout (which would time the
        // call out, twice, were it applied to a call already running), well within the 60 s the call starts with, so a
        // starved machine does not make the old settings retry either.
        await hub.ChangeAsync(SourceNames.Land, new { attemptTimeout = "00:01:00", totalTimeout = "00:02:00" }, "Nới thời gian chờ trước khi chuyển máy chủ");
        await hub.Sandbox.SetFaultAsync(SourceNames.Land, new { mode = "slow", delayMs = 1500 });
        try
        {
            var before = await OperationsFixture.CallsAsync(hub.Sandbox, SourceNames.Land);
            var inFlight = hub.GetAsync(lookup.ExistingPath, token, lookup.GrantedPurpose, lookup.Officer);
            await WaitUntilAsync(async () => await OperationsFixture.CallsAsync(hub.Sandbox, SourceNames.Land) > before);

            await hub.ChangeAsync(SourceNames.Land, new { baseUrl = hub.Second.GrpcBaseUrl.ToString(), attemptTimeout = "00:00:00.900", totalTimeout = "00:00:03" },
                "Chuyển sang máy chủ dự phòng của CSDL đất đai");

            using var started = await inFlight;
            Assert.True(started.StatusCode == HttpStatusCode.OK, await started.Content.ReadAsStringAsync());
            Assert.Equal(before + 1, await OperationsFixture.CallsAsync(hub.Sandbox, SourceNames.Land));
            var secondBefore = await OperationsFixture.CallsAsync(hub.Second, SourceNames.Land);
            using var next = await hub.GetAsync(lookup.ExistingPath, token, lookup.GrantedPurpose, lookup.Officer);
            Assert.True(next.StatusCode == HttpStatusCode.OK, await next.Content.ReadAsStringAsync());
            Assert.Equal(secondBefore + 1, await OperationsFixture.CallsAsync(hub.Second, SourceNames.Land));
        }
        finally
        {
            await hub.Sandbox.ResetFaultAsync(SourceNames.Land);
        }
    }

    [Fact]
    public async Task Change_Invalid_IsRefusedWithEveryErrorAndNothingChanges()
    {
        var (before, etag) = await hub.AdapterAsync(SourceNames.Insurance);

        using var response = await hub.AdminAsync(HttpMethod.Patch, "/admin/v1/adapters/insurance", new
        {
            reason = "",
            changes = new Dictionary<string, object?>
            {
                ["baseUrl"] = "https://upstream.example.com/",
                ["attemptTimeout"] = "-00:00:01",
                ["retry"] = new { maxRetryAttempts = "many" },
                ["colour"] = "blue",
            },
        }, etag);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("client.validation_failed", problem.GetProperty("code").GetString());
        var errors = problem.GetProperty("errors").EnumerateArray()
            .Select(e => (Field: e.GetProperty("field").GetString(), Reason: e.GetProperty("reason").GetString(), Vi: e.GetProperty("messageVi").GetString()))
            .ToList();
        Assert.True(errors.Any(e => e is { Field: "baseUrl", Reason: "setting.host_not_allowed" }), problem.GetRawText());
        Assert.Contains(errors, e => e is { Field: "attemptTimeout", Reason: "setting.invalid" });
        Assert.Contains(errors, e => e is { Field: "retry.maxRetryAttempts", Reason: "setting.type" });
        Assert.Contains(errors, e => e is { Field: "colour", Reason: "setting.unknown" });
        Assert.Contains(errors, e => e is { Field: "reason", Reason: "reason.required" });
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Vi)));

        var (after, etagAfter) = await hub.AdapterAsync(SourceNames.Insurance);
        Assert.Equal(etag, etagAfter);
        Assert.Equal(before.GetProperty("settings").GetRawText(), after.GetProperty("settings").GetRawText());
    }

    [Fact]
    public async Task Change_BadUrlAndNoIfMatch_AreRefused()
    {
        var (_, etag) = await hub.AdapterAsync(SourceNames.Insurance);
        using var badUrl = await hub.AdminAsync(HttpMethod.Patch, "/admin/v1/adapters/insurance",
            new { reason = Reason, changes = new { baseUrl = "not a url" } }, etag);
        using var noVersion = await hub.AdminAsync(HttpMethod.Patch, "/admin/v1/adapters/insurance",
            new { reason = Reason, changes = new { attemptTimeout = "00:00:02" } });
        using var unknown = await hub.AdminAsync(HttpMethod.Get, "/admin/v1/adapters/weather");

        Assert.Equal(HttpStatusCode.BadRequest, badUrl.StatusCode);
        Assert.Contains("\"field\":\"baseUrl\"", await badUrl.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode)428, noVersion.StatusCode);
        Assert.Equal("client.precondition_required", (await noVersion.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task DisableThenEnable_CallersGetMaintenanceThenAnswers()
    {
        var lookup = await SourceCase.ForAsync(SourceNames.CivilRegistry, hub.Sandbox);
        var (_, etag) = await hub.AdapterAsync(SourceNames.CivilRegistry);
        using (var disabled = await hub.AdminAsync(HttpMethod.Post, "/admin/v1/adapters/civilregistry/disable", new { reason = "Bảo trì theo lịch của Bộ Tư pháp" }, etag))
        {
            Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
            Assert.False((await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("enabled").GetBoolean());
        }

        var token = await hub.TokenAsync(GatewayFixture.Portal, lookup.Scope);
        using (var during = await hub.GetAsync(lookup.ExistingPath, token, lookup.GrantedPurpose, lookup.Officer))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
            var problem = await during.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("hub.source_disabled", problem.GetProperty("code").GetString());
            Assert.Contains("bảo trì", problem.GetProperty("message").GetProperty("vi").GetString(), StringComparison.Ordinal);
        }

        var (_, etagDisabled) = await hub.AdapterAsync(SourceNames.CivilRegistry);
        using (var enabled = await hub.AdminAsync(HttpMethod.Post, "/admin/v1/adapters/civilregistry/enable", new { reason = "Hết bảo trì" }, etagDisabled))
        {
            Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        }

        using var after = await hub.GetAsync(lookup.ExistingPath, token, lookup.GrantedPurpose, lookup.Officer);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Rollback_RestoresTheExactEarlierVersion_AndVersionZeroTheFiles()
    {
        var (original, _) = await hub.AdapterAsync(SourceNames.Population);
        var first = await hub.ChangeAsync(SourceNames.Population, new { concurrency = new { permitLimit = 8 }, rateLimit = new { permitLimit = 50, window = "00:00:01" } }, "Giới hạn theo hạn mức của Bộ Công an");
        var firstVersion = first.GetProperty("version").GetInt32();
        await hub.ChangeAsync(SourceNames.Population, new { rateLimit = (object?)null, attemptTimeout = "00:00:02" }, "Bỏ giới hạn thử nghiệm");

        var (_, etag) = await hub.AdapterAsync(SourceNames.Population);
        using var rollback = await hub.AdminAsync(HttpMethod.Post, "/admin/v1/adapters/population/rollback", new { toVersion = firstVersion, reason = "Quay lại cấu hình đã kiểm chứng" }, etag);
        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        var rolledBack = await rollback.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(firstVersion + 2, rolledBack.GetProperty("version").GetInt32());
        Assert.Equal(first.GetProperty("settings").GetRawText(), rolledBack.GetProperty("settings").GetRawText());

        var (_, etagAgain) = await hub.AdapterAsync(SourceNames.Population);
        using var toFiles = await hub.AdminAsync(HttpMethod.Post, "/admin/v1/adapters/population/rollback", new { toVersion = 0, reason = "Theo tệp cấu hình" }, etagAgain);
        var files = await toFiles.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("files", files.GetProperty("origin").GetString());
        Assert.Equal(original.GetProperty("settings").GetRawText(), files.GetProperty("settings").GetRawText());
    }

    [Fact]
    public async Task Change_ConcurrentEditsOnOneVersion_OneWinsTheOtherGets409()
    {
        var (_, etag) = await hub.AdapterAsync(SourceNames.Land);
        var edits = await Task.WhenAll(
            hub.AdminAsync(HttpMethod.Patch, "/admin/v1/adapters/land", new { reason = "Người thứ nhất", changes = new { concurrency = new { queueLimit = 10 } } }, etag),
            hub.AdminAsync(HttpMethod.Patch, "/admin/v1/adapters/land", new { reason = "Người thứ hai", changes = new { concurrency = new { queueLimit = 20 } } }, etag));

        Assert.Single(edits, e => e.StatusCode == HttpStatusCode.OK);
        var conflict = Assert.Single(edits, e => e.StatusCode == HttpStatusCode.Conflict);
        var problem = await conflict.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("client.conflict", problem.GetProperty("code").GetString());
        var (_, current) = await hub.AdapterAsync(SourceNames.Land);
        Assert.Equal(current, $"\"{problem.GetProperty("currentVersion").GetInt32()}\"");
        foreach (var edit in edits)
        {
            edit.Dispose();
        }
    }

    [Fact]
    public async Task History_RecordsWhoWhyAndWhatChanged()
    {
        await hub.ChangeAsync(Lgsp.Core.StatusSync.SyncSides.Dvcqg, new { mappings = new { danhSachThuTucDongBoDVC = new Dictionary<string, string> { ["1.001193.000.00.14.H56"] = "1.001193" } } },
            "Bổ sung ánh xạ thủ tục theo Quyết định 1234");

        using var response = await hub.AdminAsync(HttpMethod.Get, "/admin/v1/adapters/dvcqg/history");
        var history = await response.Content.ReadFromJsonAsync<JsonElement>();
        var latest = history.GetProperty("items")[0];
        Assert.Equal(history.GetProperty("currentVersion").GetInt32(), latest.GetProperty("version").GetInt32());
        Assert.Equal("change", latest.GetProperty("action").GetString());
        Assert.Equal(OperationsFixture.Cli, latest.GetProperty("by").GetString());
        Assert.Equal("Bổ sung ánh xạ thủ tục theo Quyết định 1234", latest.GetProperty("reason").GetString());
        var change = Assert.Single(latest.GetProperty("changes").EnumerateArray());
        Assert.Equal("mappings.danhSachThuTucDongBoDVC.1.001193.000.00.14.H56", change.GetProperty("path").GetString());
        Assert.Equal("1.001193", change.GetProperty("to").GetString());
        Assert.Equal("files", history.GetProperty("items").EnumerateArray().Last().GetProperty("action").GetString());
    }

    [Fact]
    public async Task Everything_NeverShowsASecretValue_InAnswersOrLogs()
    {
        var secret = Environment.GetEnvironmentVariable("LGSP_TEST_GATEWAY_CIVILREGISTRY_API_KEY") ?? "sandbox-civilregistry-api-key-NOT-A-SECRET";
        var bodies = new List<string>();
        foreach (var path in new[] { "/admin/v1/adapters", "/admin/v1/adapters/civilregistry", "/admin/v1/adapters/civilregistry/history", "/admin/v1/adapters/business", "/admin/v1/clients" })
        {
            using var response = await hub.AdminAsync(HttpMethod.Get, path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        using (var test = await hub.AdminAsync(HttpMethod.Post, "/admin/v1/adapters/civilregistry/test", new { }))
        {
            var result = await test.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(result.GetProperty("reachable").GetBoolean());
            bodies.Add(result.GetRawText());
        }

        // A secret pasted where its name belongs is refused without being echoed.
        var (_, etag) = await hub.AdapterAsync(SourceNames.CivilRegistry);
        using (var pasted = await hub.AdminAsync(HttpMethod.Patch, "/admin/v1/adapters/civilregistry", new { reason = Reason, changes = new { credentialsSecret = secret } }, etag))
        {
            Assert.Equal(HttpStatusCode.BadRequest, pasted.StatusCode);
            bodies.Add(await pasted.Content.ReadAsStringAsync());
        }

        Assert.Contains(bodies, b => b.Contains("LGSP_TEST_GATEWAY_CIVILREGISTRY_API_KEY", StringComparison.Ordinal));
        Assert.DoesNotContain(bodies, b => b.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(hub.Logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(hub.Logs.Lines, l => l.Contains("sandbox-business-consumer-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_ShowsEveryAdapterWithItsLiveState()
    {
        using var response = await hub.AdminAsync(HttpMethod.Get, "/admin/v1/adapters");
        var adapters = await response.Content.ReadFromJsonAsync<JsonElement>();

        var sources = adapters.EnumerateArray().Select(a => a.GetProperty("source").GetString()).ToList();
        Assert.Equal(["business", "civilregistry", "dvclt", "dvcqg", "insurance", "land", "population", "provincial"], sources);
        var land = adapters.EnumerateArray().Single(a => a.GetProperty("source").GetString() == "land");
        Assert.Equal("grpc", land.GetProperty("protocol").GetString());
        Assert.Contains(land.GetProperty("health").GetProperty("circuit").GetString(), new[] { "closed", "unknown" });
    }

    [Fact]
    public async Task Health_AfterAFailedCall_NamesTheCodeItsCallerGot()
    {
        var lookup = await SourceCase.ForAsync(SourceNames.Population, hub.Sandbox);
        var token = await hub.TokenAsync(GatewayFixture.Portal, lookup.Scope);
        await hub.Sandbox.SetFaultAsync(SourceNames.Population, new { mode = "error", status = 503 });
        try
        {
            using var failed = await hub.GetAsync(lookup.ExistingPath, token, lookup.GrantedPurpose, lookup.Officer);
            var code = (await failed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();

            var (adapter, _) = await hub.AdapterAsync(SourceNames.Population);
            var health = adapter.GetProperty("health");
            Assert.Equal("upstream.population.unavailable", code);
            Assert.Equal(code, health.GetProperty("lastFailure").GetProperty("code").GetString());
            Assert.True(health.GetProperty("failures").GetInt32() >= 1);
        }
        finally
        {
            await hub.Sandbox.ResetFaultAsync(SourceNames.Population);
        }
    }

    [Fact]
    public async Task AdminApi_WithoutTheAdminScope_IsForbidden()
    {
        var token = await hub.TokenAsync("provincial-portal", "lgsp.business.read");
        using var response = await hub.AdminAsync(HttpMethod.Get, "/admin/v1/adapters", token: token);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<string> EnterpriseCodeAsync() =>
        (await hub.Sandbox.DemoAsync()).GetProperty("enterprises").EnumerateArray().First().GetProperty("enterpriseCode").GetString()!;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
