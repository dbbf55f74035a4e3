using System.Globalization;
using System.Text.Json;
using Lgsp.Adapters.Contract;
using Lgsp.Adapters.NationalPortal.Wire;
using Lgsp.Core.Errors;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Adapters.NationalPortal.Tests;

/// <summary>
/// DVCQG's sync algorithm against the stand-in, over real HTTP: lookup before create, "đã tồn tại" becoming an
/// update, progress in calls of at most ten, re-delivery adding nothing, and failures injected after DVCQG accepted
/// a call (the answer lost) never leading to a duplicate. Each test uses its own dossier code.
/// </summary>
public sealed class DvcqgSyncTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private const string Source = NationalPortalSource.Name;

    private static int _next = 100;

    public Task InitializeAsync() => sandbox.ResetFaultAsync(Source);

    public Task DisposeAsync() => sandbox.ResetFaultAsync(Source);

    [Fact]
    public async Task PutDossier_Absent_LooksUpThenCreates()
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox);
        var hoSo = HoSo(NextCode());

        var outcome = await Sync(adapter).PutDossierAsync(hoSo, CancellationToken.None);

        Assert.Equal(DossierPut.Created, outcome);
        Assert.Equal(["TraCuuHoSo", "ThemMoi"], await PathsCalledAsync());
        Assert.Equal(["ThemMoi"], Ops(await ReceivedAsync(hoSo.MaHoSo!), "calls"));
    }

    [Fact]
    public async Task PutDossier_Present_IsUpdatedWithoutCreate()
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox);
        var hoSo = HoSo(NextCode());
        await Sync(adapter).PutDossierAsync(hoSo, CancellationToken.None);

        var outcome = await Sync(adapter).PutDossierAsync(hoSo with { TrangThaiHoSo = "5" }, CancellationToken.None);

        Assert.Equal(DossierPut.Updated, outcome);
        var received = await ReceivedAsync(hoSo.MaHoSo!);
        Assert.Equal(["ThemMoi", "CapNhat"], Ops(received, "calls"));
        Assert.Equal("5", received.GetProperty("trangThaiHoSo").GetString());
    }

    [Fact]
    public async Task PutDossier_SameAgain_SendsNothing()
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox);
        var hoSo = HoSo(NextCode());
        await Sync(adapter).PutDossierAsync(hoSo, CancellationToken.None);
        await sandbox.ResetFaultAsync(Source); // counts calls from here

        var outcome = await Sync(adapter).PutDossierAsync(hoSo, CancellationToken.None);

        Assert.Equal(DossierPut.Unchanged, outcome);
        Assert.Equal(["TraCuuHoSo"], await PathsCalledAsync());
    }

    [Fact]
    public async Task PutDossier_CreateAcceptedButAnswerLost_AlreadyExistsBecomesUpdateAndNothingIsDuplicated()
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox);
        var hoSo = HoSo(NextCode());
        // The lookup is the first call, the create the second: DVCQG stores it and the answer never arrives.
        await sandbox.SetFaultAsync(Source, new { mode = "lostanswer", everyNth = 2, count = 1 });

        var outcome = await Sync(adapter).PutDossierAsync(hoSo, CancellationToken.None);

        Assert.Equal(DossierPut.Updated, outcome);
        var received = await ReceivedAsync(hoSo.MaHoSo!);
        var calls = received.GetProperty("calls").EnumerateArray().ToList();
        Assert.Equal(["ThemMoi", "ThemMoi", "CapNhat"], calls.Select(c => c.GetProperty("op").GetString()));
        Assert.Contains(calls[1].GetProperty("errorCode").GetString(), new[] { "3", "-3" });
        Assert.True(calls[2].GetProperty("unchanged").GetBoolean());
    }

    [Fact]
    public async Task CreateAsync_ExistingDossier_IsAlreadyExists()
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox);
        var hoSo = HoSo(NextCode());
        var client = adapter.GetRequiredService<DvcqgClient>();
        await client.CreateAsync(hoSo, CancellationToken.None);

        var outcome = await client.CreateAsync(hoSo, CancellationToken.None);

        Assert.Equal(CreateResult.AlreadyExists, outcome);
    }

    [Fact]
    public async Task PutProgress_TwentyFiveRows_GoInThreeCallsOfAtMostTenInOrder()
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox);
        var code = NextCode();
        await Sync(adapter).PutDossierAsync(HoSo(code), CancellationToken.None);
        await sandbox.ResetFaultAsync(Source);

        var sent = await Sync(adapter).PutProgressAsync(code, Rows(code, 25), CancellationToken.None);

        Assert.Equal(25, sent);
        Assert.Equal(3, (await sandbox.CallsAsync(Source))["/dvcqg/api/DongBoTienTrinh"]);
        var rows = (await ReceivedAsync(code)).GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 25).Select(Note), rows.Select(r => r.GetProperty("row").GetProperty("NoiDungXuLy").GetString()));
        Assert.Equal([10, 10, 5], rows.GroupBy(r => r.GetProperty("call").GetInt64()).Select(g => g.Count()));
    }

    [Fact]
    public async Task PutProgress_SameRowsAgain_AddsNothing()
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox);
        var code = NextCode();
        await Sync(adapter).PutDossierAsync(HoSo(code), CancellationToken.None);
        await Sync(adapter).PutProgressAsync(code, Rows(code, 3), CancellationToken.None);
        await sandbox.ResetFaultAsync(Source);

        var sent = await Sync(adapter).PutProgressAsync(code, Rows(code, 3), CancellationToken.None);

        Assert.Equal(0, sent);
        Assert.Equal(["TraCuuHoSo"], await PathsCalledAsync());
        var received = await ReceivedAsync(code);
        Assert.Equal(3, received.GetProperty("rows").GetArrayLength());
        Assert.Equal(0, received.GetProperty("duplicateRows").GetInt32());
    }

    [Fact]
    public async Task PutProgress_OneMoreRow_SendsOnlyThatRow()
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox);
        var code = NextCode();
        await Sync(adapter).PutDossierAsync(HoSo(code), CancellationToken.None);
        await Sync(adapter).PutProgressAsync(code, Rows(code, 3), CancellationToken.None);

        var sent = await Sync(adapter).PutProgressAsync(code, Rows(code, 4), CancellationToken.None);

        Assert.Equal(1, sent);
        var rows = (await ReceivedAsync(code)).GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("row").GetProperty("NoiDungXuLy").GetString());
        Assert.Equal(Enumerable.Range(1, 4).Select(Note), rows);
    }

    [Fact]
    public async Task PutProgress_ChunkAcceptedButAnswerLost_IsNotRetriedBlindlyAndRedeliveryCompletesWithoutDuplicates()
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox);
        var code = NextCode();
        await Sync(adapter).PutDossierAsync(HoSo(code), CancellationToken.None);
        // Calls: lookup (1), rows 1-10 (2), rows 11-20 (3): DVCQG stores the second chunk and the answer is lost.
        await sandbox.SetFaultAsync(Source, new { mode = "lostanswer", everyNth = 3, count = 1 });

        var fault = await Assert.ThrowsAsync<LgspException>(() => Sync(adapter).PutProgressAsync(code, Rows(code, 25), CancellationToken.None));
        Assert.Equal("upstream.dvcqg.unavailable", fault.Error.Code);
        Assert.Equal(20, (await ReceivedAsync(code)).GetProperty("rows").GetArrayLength()); // the pipeline did not repeat the lost chunk

        var sent = await Sync(adapter).PutProgressAsync(code, Rows(code, 25), CancellationToken.None);

        Assert.Equal(5, sent);
        var received = await ReceivedAsync(code);
        Assert.Equal(25, received.GetProperty("rows").GetArrayLength());
        Assert.Equal(0, received.GetProperty("duplicateRows").GetInt32());
    }

    [Fact]
    public async Task PutProgress_RateLimited_IsRetriedAfterRetryAfterWithoutDuplicates()
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox);
        var code = NextCode();
        await Sync(adapter).PutDossierAsync(HoSo(code), CancellationToken.None);
        // The second call (the progress rows) is throttled once: refused unread, so the pipeline sends it again.
        await sandbox.SetFaultAsync(Source, new { mode = "ratelimit", retryAfterSeconds = 0, everyNth = 2, count = 1 });

        var sent = await Sync(adapter).PutProgressAsync(code, Rows(code, 4), CancellationToken.None);

        Assert.Equal(4, sent);
        var received = await ReceivedAsync(code);
        Assert.Equal(4, received.GetProperty("rows").GetArrayLength());
        Assert.Equal(0, received.GetProperty("duplicateRows").GetInt32());
    }

    [Fact]
    public async Task PutProgress_DossierNotOnDvcqg_IsNotFoundAndSendsNoRow()
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox);
        var code = NextCode();

        var fault = await Assert.ThrowsAsync<LgspException>(() => Sync(adapter).PutProgressAsync(code, Rows(code, 2), CancellationToken.None));

        Assert.Equal("upstream.dvcqg.not_found", fault.Error.Code);
        Assert.Equal(["TraCuuHoSo"], await PathsCalledAsync());
    }

    [Fact]
    public async Task PutDossier_RefusedByDvcqg_IsRejectedWithDvcqgsMessage()
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox);
        var hoSo = HoSo(NextCode()) with { NgayTiepNhan = "2025-11-24T08:00:00+07:00" };

        var fault = await Assert.ThrowsAsync<LgspException>(() => Sync(adapter).PutDossierAsync(hoSo, CancellationToken.None));

        Assert.Equal("upstream.dvcqg.rejected", fault.Error.Code);
        Assert.Equal(FaultOrigin.Upstream, fault.Error.Origin);
        Assert.Contains("NgayTiepNhan: sai định dạng", fault.Detail?.En, StringComparison.Ordinal);
    }

    internal static HoSoDongBoDVC HoSo(string code) => new()
    {
        MaHoSo = code,
        MaTTHC = "1.001193",
        TenTTHC = "Đăng ký khai sinh",
        KenhThucHien = "2",
        ChuHoSo = "Nguyễn Văn An",
        SoGiayToChuHoSo = "079203001234",
        LoaiDoiTuong = "1",
        TrichYeuHoSo = "Đăng ký khai sinh cho con",
        NgayTiepNhan = "20251124080000",
        NgayHenTra = "20251127170000",
        TrangThaiHoSo = "4",
        DinhDanhCHS = [new DinhDanhWire { LoaiDinhDanh = "1", SoDinhDanh = "079203001234" }],
    };

    internal static List<QuaTrinhXuLy> Rows(string code, int count) => [.. Enumerable.Range(1, count).Select(n => new QuaTrinhXuLy
    {
        MaHoSo = code,
        NguoiXuLy = "Nguyễn Văn Bình",
        ChucDanh = "Chuyên viên",
        ThoiDiemXuLy = new DateTime(2025, 11, 24, 8, 0, 0).AddMinutes(n).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture),
        PhongBanXuLy = "Phòng Hộ tịch",
        NoiDungXuLy = Note(n),
        TrangThai = "4",
    })];

    private static string Note(int n) => string.Create(CultureInfo.InvariantCulture, $"Bước {n}");

    private static string NextCode() => string.Create(CultureInfo.InvariantCulture, $"H56.14-251124-{Interlocked.Increment(ref _next):D4}");

    private static DvcqgSync Sync(IServiceProvider adapter) => adapter.GetRequiredService<DvcqgSync>();

    private static List<string?> Ops(JsonElement received, string list) =>
        [.. received.GetProperty(list).EnumerateArray().Select(c => c.GetProperty("op").GetString())];

    private Task<JsonElement> ReceivedAsync(string code) => StandIn.Dvcqg.ReceivedAsync(sandbox, code);

    /// <summary>The API operations called since the switch was last reset, in alphabetical order of path with repeats.</summary>
    private async Task<List<string>> PathsCalledAsync() =>
        [.. (await sandbox.CallsAsync(Source)).Where(c => c.Key.StartsWith("/dvcqg/api/", StringComparison.Ordinal))
            .OrderBy(c => c.Key == "/dvcqg/api/TraCuuHoSo" ? 0 : 1).SelectMany(c => Enumerable.Repeat(c.Key["/dvcqg/api/".Length..], c.Value))];
}
