using System.Globalization;
using System.Text.Json;
using Lgsp.Adapters.Contract;
using Lgsp.Core.Errors;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Adapters.NationalPortal.Tests;

/// <summary>
/// Each profile of the adapter against the stand-in over real HTTP, the sync algorithm's guarantees kept in all of
/// them: lookup before create, "đã tồn tại" → update, rows diffed, no duplicate after a lost answer. The stand-in tells
/// the profiles apart by what arrives (a bearer token or none at <c>/dvcqg/api/…</c>, or the <c>/dvcqg/service</c>
/// envelope), so what it counted per path shows which convention the adapter spoke.
/// </summary>
public sealed class DvcqgProfileTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private const string Source = NationalPortalSource.Name;

    private static int _next = 500;

    public Task InitializeAsync() => sandbox.ResetFaultAsync(Source);

    public Task DisposeAsync() => sandbox.ResetFaultAsync(Source);

    [Theory]
    [InlineData("PerCall", new[] { "/dvcqg/api/TraCuuHoSo", "/dvcqg/api/ThemMoi", "/dvcqg/api/CapNhat", "/dvcqg/api/DongBoTienTrinh" })]
    [InlineData("Gateway", new[] { "/dvcqg/token", "/dvcqg/api/TraCuuHoSo", "/dvcqg/api/ThemMoi", "/dvcqg/api/CapNhat", "/dvcqg/api/DongBoTienTrinh" })]
    [InlineData("Service", new[] { "/dvcqg/auth", "/dvcqg/service" })]
    public async Task Profile_CreateUpdateAndRows_SpeakItsConventionAndKeepTheGuarantees(string profile, string[] paths)
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox, StandIn.Profile(profile));
        var sync = adapter.GetRequiredService<DvcqgSync>();
        var code = NextCode();
        var hoSo = DvcqgSyncTests.HoSo(code);

        Assert.Equal(DossierPut.Created, await sync.PutDossierAsync(hoSo, CancellationToken.None));
        Assert.Equal(DossierPut.Updated, await sync.PutDossierAsync(hoSo with { TrangThaiHoSo = "5" }, CancellationToken.None));
        Assert.Equal(DossierPut.Unchanged, await sync.PutDossierAsync(hoSo with { TrangThaiHoSo = "5" }, CancellationToken.None));
        Assert.Equal(3, await sync.PutProgressAsync(code, DvcqgSyncTests.Rows(code, 3), CancellationToken.None));
        Assert.Equal(1, await sync.PutProgressAsync(code, DvcqgSyncTests.Rows(code, 4), CancellationToken.None));

        var received = await StandIn.Dvcqg.ReceivedAsync(sandbox, code);
        Assert.Equal(["ThemMoi", "CapNhat"], received.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("op").GetString()));
        Assert.Equal("5", received.GetProperty("trangThaiHoSo").GetString());
        Assert.Equal((4, 0), (received.GetProperty("rows").GetArrayLength(), received.GetProperty("duplicateRows").GetInt32()));
        var calls = await sandbox.CallsAsync(Source);
        Assert.Equal(paths.Order(StringComparer.Ordinal), calls.Keys.Where(k => calls[k] > 0).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("PerCall", 3)]
    [InlineData("Gateway", 3)]
    [InlineData("Service", 3)]
    public async Task Profile_ChunkAcceptedButAnswerLost_RedeliveryCompletesWithoutDuplicates(string profile, int nth)
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox, StandIn.Profile(profile));
        var sync = adapter.GetRequiredService<DvcqgSync>();
        var code = NextCode();
        await sync.PutDossierAsync(DvcqgSyncTests.HoSo(code), CancellationToken.None);
        // Calls counted by the fault switch (the API only): lookup, rows 1-10, rows 11-20 (stored, its answer lost).
        await sandbox.SetFaultAsync(Source, new { mode = "lostanswer", everyNth = nth, count = 1 });

        var fault = await Assert.ThrowsAsync<LgspException>(() => sync.PutProgressAsync(code, DvcqgSyncTests.Rows(code, 25), CancellationToken.None));
        Assert.Equal("upstream.dvcqg.unavailable", fault.Error.Code);

        Assert.Equal(5, await sync.PutProgressAsync(code, DvcqgSyncTests.Rows(code, 25), CancellationToken.None));
        var received = await StandIn.Dvcqg.ReceivedAsync(sandbox, code);
        Assert.Equal((25, 0), (received.GetProperty("rows").GetArrayLength(), received.GetProperty("duplicateRows").GetInt32()));
    }

    [Theory]
    [InlineData("PerCall")]
    [InlineData("Gateway")]
    [InlineData("Service")]
    public async Task Profile_CreateAcceptedButAnswerLost_AlreadyExistsBecomesUpdate(string profile)
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox, StandIn.Profile(profile));
        var hoSo = DvcqgSyncTests.HoSo(NextCode());
        await sandbox.SetFaultAsync(Source, new { mode = "lostanswer", everyNth = 2, count = 1 });

        var outcome = await adapter.GetRequiredService<DvcqgSync>().PutDossierAsync(hoSo, CancellationToken.None);

        Assert.Equal(DossierPut.Updated, outcome);
        var received = await StandIn.Dvcqg.ReceivedAsync(sandbox, hoSo.MaHoSo!);
        Assert.Equal(["ThemMoi", "ThemMoi", "CapNhat"], received.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("op").GetString()));
    }

    [Theory]
    [InlineData("PerCall")]
    [InlineData("Service")]
    public async Task Profile_RefusedByDvcqg_IsRejectedWithDvcqgsWords(string profile)
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox, StandIn.Profile(profile));
        var code = NextCode();
        var sync = adapter.GetRequiredService<DvcqgSync>();
        await sync.PutDossierAsync(DvcqgSyncTests.HoSo(code), CancellationToken.None);
        var badRow = DvcqgSyncTests.Rows(code, 1)[0] with { ThoiDiemXuLy = "24/11/2025" };

        var fault = await Assert.ThrowsAsync<LgspException>(() => sync.PutProgressAsync(code, [badRow], CancellationToken.None));

        // PerCall: DongBoTienTrinh's refusal arrives as plain text without "thành công"; Service: error_code -1.
        Assert.Equal("upstream.dvcqg.rejected", fault.Error.Code);
        Assert.Contains("ThoiDiemXuLy", fault.Detail?.En, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_SessionEndedAtDvcqg_LogsInAgainOnceAndTheCallGoesThrough()
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox, StandIn.Profile("Service"));
        var sync = adapter.GetRequiredService<DvcqgSync>();
        var code = NextCode();
        await sync.PutDossierAsync(DvcqgSyncTests.HoSo(code), CancellationToken.None);
        Assert.Equal(1, (await sandbox.CallsAsync(Source))["/dvcqg/auth"]); // one login for both calls
        using (var ended = await sandbox.Control.DeleteAsync(new Uri("/_sandbox/dvcqg/sessions", UriKind.Relative)))
        {
            ended.EnsureSuccessStatusCode();
        }

        Assert.Equal(2, await sync.PutProgressAsync(code, DvcqgSyncTests.Rows(code, 2), CancellationToken.None));

        Assert.Equal(2, (await sandbox.CallsAsync(Source))["/dvcqg/auth"]);
    }

    [Fact]
    public async Task Service_WrongPassword_IsUnauthorizedAndNothingIsWritten()
    {
        var settings = StandIn.Profile("Service");
        settings["Adapters:dvcqg:CredentialsSecret"] = "LGSP_TEST_DVCQG_WRONG";
        settings["LGSP_TEST_DVCQG_WRONG"] = "{\"username\":\"sandbox-dvcqg-user\",\"password\":\"wrong\"}";
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox, settings);
        var code = NextCode();

        var fault = await Assert.ThrowsAsync<LgspException>(() => adapter.GetRequiredService<DvcqgSync>().PutDossierAsync(DvcqgSyncTests.HoSo(code), CancellationToken.None));

        Assert.Equal("upstream.dvcqg.unauthorized", fault.Error.Code);
        Assert.False((await StandIn.Dvcqg.ReceivedAsync(sandbox, code)).GetProperty("exists").GetBoolean());
    }

    [Fact]
    public async Task ConfiguredPaths_AreWhereTheCallsGo()
    {
        // The Service profile's endpoint under another name: paths are settings, relative to BaseUrl.
        var settings = StandIn.Profile("Service");
        settings["Adapters:dvcqg:BaseUrl"] = new Uri(sandbox.HttpBaseUrl, "/").ToString();
        settings["Adapters:dvcqg:Paths:Login"] = "/dvcqg/auth";
        settings["Adapters:dvcqg:Paths:Service"] = "dvcqg/service";
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox, settings);
        var code = NextCode();

        Assert.Equal(DossierPut.Created, await adapter.GetRequiredService<DvcqgSync>().PutDossierAsync(DvcqgSyncTests.HoSo(code), CancellationToken.None));

        Assert.Equal(2, (await sandbox.CallsAsync(Source))["/dvcqg/service"]);
    }

    [Fact]
    public void Options_InvalidProfileSettings_AreRefusedByKey()
    {
        var settings = StandIn.Profile("Service");
        settings["Adapters:dvcqg:DstCode"] = null;
        settings["Adapters:dvcqg:UnitCode"] = null;
        settings["Adapters:dvcqg:Paths:Create"] = "https://elsewhere.example/ThemMoi";
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox, settings);

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            adapter.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<NationalPortalOptions>>().Get(Source));

        Assert.Contains(error.Failures, f => f.StartsWith("Adapters:dvcqg:DstCode ", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Adapters:dvcqg:UnitCode ", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Adapters:dvcqg:Paths:Create ", StringComparison.Ordinal));
    }

    private static string NextCode() => string.Create(CultureInfo.InvariantCulture, $"H56.14-251125-{Interlocked.Increment(ref _next):D4}");
}
