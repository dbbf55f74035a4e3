using System.Globalization;
using Lgsp.Adapters.Contract;
using Lgsp.Adapters.ProvincialPortal.Wire;
using Lgsp.Core.Errors;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Adapters.ProvincialPortal.Tests;

/// <summary>
/// Handing dossiers and steps to the one-stop stand-in over real HTTP: keyed writes, retried safely after a lost
/// answer (the system replays, applies once), refusals with the system's own words.
/// </summary>
public sealed class MotCuaClientTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private const string Source = ProvincialPortalSource.Name;

    private static int _next = 7100;

    public Task InitializeAsync() => sandbox.ResetFaultAsync(Source);

    public Task DisposeAsync() => sandbox.ResetFaultAsync(Source);

    [Fact]
    public async Task PutDossier_New_IsTakenWithItsKey()
    {
        using var adapter = StandIn.Provincial.CreateAdapter(sandbox);
        var code = NextCode();

        await Client(adapter).PutDossierAsync(code + "@1", HoSo(code, 1), CancellationToken.None);

        var received = await StandIn.Provincial.ReceivedAsync(sandbox, code);
        Assert.Equal(1, received.GetProperty("phienBan").GetInt32());
        Assert.Equal(code + "@1", received.GetProperty("calls")[0].GetProperty("key").GetString());
    }

    [Fact]
    public async Task PutDossier_AnswerLostAfterTheSystemTookIt_IsRetriedAndAppliedOnce()
    {
        using var adapter = StandIn.Provincial.CreateAdapter(sandbox);
        var code = NextCode();
        await Client(adapter).LookupAsync((await StandIn.Provincial.SeededAsync(sandbox))[0].GetProperty("maHoSo").GetString()!, CancellationToken.None);
        await sandbox.SetFaultAsync(Source, new { mode = "lostanswer", count = 1 });

        await Client(adapter).PutDossierAsync(code + "@1", HoSo(code, 1), CancellationToken.None);

        var received = await StandIn.Provincial.ReceivedAsync(sandbox, code);
        Assert.Equal(2, received.GetProperty("calls").GetArrayLength());
        Assert.Equal(1, received.GetProperty("replays").GetInt32());
    }

    [Fact]
    public async Task AddStep_SameKeyTwice_IsAppliedOnce()
    {
        using var adapter = StandIn.Provincial.CreateAdapter(sandbox);
        var code = NextCode();
        await Client(adapter).PutDossierAsync(code + "@1", HoSo(code, 1), CancellationToken.None);

        await Client(adapter).AddStepAsync(code + "#1", Step(code, 1), CancellationToken.None);
        await Client(adapter).AddStepAsync(code + "#1", Step(code, 1), CancellationToken.None);

        var received = await StandIn.Provincial.ReceivedAsync(sandbox, code);
        Assert.Equal(1, received.GetProperty("steps").GetInt32());
        Assert.Equal(0, received.GetProperty("duplicates").GetInt32());
        Assert.Equal(1, received.GetProperty("replays").GetInt32());
    }

    [Fact]
    public async Task AddStep_UnknownDossier_IsNotFound()
    {
        using var adapter = StandIn.Provincial.CreateAdapter(sandbox);
        var code = NextCode();

        var fault = await Assert.ThrowsAsync<LgspException>(() => Client(adapter).AddStepAsync(code + "#1", Step(code, 1), CancellationToken.None));

        Assert.Equal("upstream.provincial.not_found", fault.Error.Code);
    }

    [Fact]
    public async Task PutDossier_RefusedContent_IsRejectedWithTheSystemsWords()
    {
        using var adapter = StandIn.Provincial.CreateAdapter(sandbox);
        var code = NextCode();

        var fault = await Assert.ThrowsAsync<LgspException>(() => Client(adapter).PutDossierAsync(code + "@1", HoSo(code, 1) with { LoaiDoiTuong = "1" }, CancellationToken.None));

        Assert.Equal("upstream.provincial.rejected", fault.Error.Code);
        Assert.Contains("loaiDoiTuong", fault.Detail?.En, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongTenant_IsUnauthorized()
    {
        using var adapter = StandIn.Provincial.CreateAdapter(sandbox, new() { ["Adapters:provincial:Tenant"] = "other" });

        var fault = await Assert.ThrowsAsync<LgspException>(() => Client(adapter).LookupAsync("H56.14-251121-8001", CancellationToken.None));

        Assert.Equal("upstream.provincial.unauthorized", fault.Error.Code);
    }

    [Fact]
    public void ExpiresAt_Jwt_ReadsTheExpClaim()
    {
        var payload = Convert.ToBase64String("{\"sub\":\"x\",\"exp\":1767229200}"u8.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var expires = MotCuaTokens.ExpiresAt($"e30.{payload}.sig");

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767229200), expires);
        Assert.Null(MotCuaTokens.ExpiresAt("not-a-jwt"));
    }

    internal static HoSoMotCua HoSo(string code, int version) => new()
    {
        MaHoSo = code,
        MaTTHC = "1.001193",
        TenTTHC = "Đăng ký khai sinh",
        MaDonViTiepNhan = "000.00.14.H56",
        KenhThucHien = "2",
        NguonHoSo = "DVCQG",
        ChuHoSo = "Nguyễn Văn An",
        LoaiDoiTuong = "Công dân",
        TrichYeuHoSo = "Đăng ký khai sinh cho con",
        NgayNopHoSo = "2025-11-24T07:45:00",
        TrangThaiHoSoId = "1",
        PhienBan = version,
    };

    internal static QuaTrinhMotCua Step(string code, int seq) => new()
    {
        MaHoSo = code,
        Buoc = seq,
        TrangThai = "7",
        TenNguoiXuLy = "Nguyễn Văn An",
        ThaoTac = "Công dân rút hồ sơ",
        ThoiGian = "2025-11-24T09:00:00",
    };

    private static string NextCode() => string.Create(CultureInfo.InvariantCulture, $"H56.14-251124-{Interlocked.Increment(ref _next):D4}");

    private static MotCuaClient Client(IServiceProvider adapter) => adapter.GetRequiredService<MotCuaClient>();
}
