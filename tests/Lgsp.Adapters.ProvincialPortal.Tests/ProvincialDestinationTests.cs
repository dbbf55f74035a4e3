using System.Globalization;
using Lgsp.Adapters.Contract;
using Lgsp.Core.Dossiers;
using Lgsp.Core.StatusSync;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Adapters.ProvincialPortal.Tests;

/// <summary>
/// The <c>provincial</c> destination as the hub drives it, against the one-stop stand-in: a dossier submitted on
/// DVCQG and its later steps arrive in order, in the one-stop system's vocabulary, each once however often delivered.
/// </summary>
public sealed class ProvincialDestinationTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private static int _next = 7500;

    public Task InitializeAsync() => sandbox.ResetFaultAsync(ProvincialPortalSource.Name);

    public Task DisposeAsync() => sandbox.ResetFaultAsync(ProvincialPortalSource.Name);

    [Fact]
    public async Task Deliver_DossierFromDvcqgThenStep_ArriveInTheOneStopVocabulary()
    {
        using var adapter = StandIn.Provincial.CreateAdapter(sandbox);
        var destination = Destination(adapter);
        var dossier = Dossiers.Processing(NextCode(), DossierStatus.Registered) with { ReceivedAt = null };

        await destination.DeliverAsync(Dossiers.Updated(dossier, 1, to: SyncSides.Provincial), CancellationToken.None);
        await destination.DeliverAsync(Dossiers.Step(dossier, 1, DossierStatus.Withdrawn, "Công dân rút hồ sơ", to: SyncSides.Provincial), CancellationToken.None);

        var received = await StandIn.Provincial.ReceivedAsync(sandbox, dossier.Code.Value);
        var calls = received.GetProperty("calls").EnumerateArray().ToList();
        Assert.Equal([dossier.Code.Value + "@1", dossier.Code.Value + "#1"], calls.Select(c => c.GetProperty("key").GetString()));
        var hoSo = calls[0].GetProperty("body");
        Assert.Equal("Công dân", hoSo.GetProperty("loaiDoiTuong").GetString());
        Assert.Equal("2", hoSo.GetProperty("kenhThucHien").GetString());
        Assert.Equal("1", hoSo.GetProperty("trangThaiHoSoId").GetString());
        Assert.Equal("2025-11-24T07:45:00", hoSo.GetProperty("ngayNopHoSo").GetString());
        Assert.Equal("DVCQG", hoSo.GetProperty("nguonHoSo").GetString());
        Assert.Equal("a1b2c3d4-techid", hoSo.GetProperty("maDoiTuong").GetString());
        Assert.Equal(1, hoSo.GetProperty("phienBan").GetInt32());
        var step = calls[1].GetProperty("body");
        Assert.Equal(1, step.GetProperty("buoc").GetInt32());
        Assert.Equal("7", step.GetProperty("trangThai").GetString());
        Assert.Equal("2025-11-24T09:01:00", step.GetProperty("thoiGian").GetString());
    }

    [Fact]
    public async Task Deliver_EveryEventTwice_IsAppliedOnce()
    {
        using var adapter = StandIn.Provincial.CreateAdapter(sandbox);
        var destination = Destination(adapter);
        var dossier = Dossiers.Processing(NextCode());
        var events = new[] { Dossiers.Updated(dossier, 1, to: SyncSides.Provincial), Dossiers.Step(dossier, 1, to: SyncSides.Provincial), Dossiers.Step(dossier, 2, to: SyncSides.Provincial) };

        foreach (var e in events)
        {
            await destination.DeliverAsync(e, CancellationToken.None);
            await destination.DeliverAsync(e, CancellationToken.None);
        }

        var received = await StandIn.Provincial.ReceivedAsync(sandbox, dossier.Code.Value);
        Assert.Equal(2, received.GetProperty("steps").GetInt32());
        // Dropped by their key before any call: the system saw each event once.
        Assert.Equal(3, received.GetProperty("calls").GetArrayLength());
        Assert.Equal(0, received.GetProperty("replays").GetInt32());
        Assert.Equal(0, received.GetProperty("duplicates").GetInt32());
    }

    [Fact]
    public async Task Deliver_RepeatsAfterARestart_AreAppliedOnceByTheirIdempotencyKey()
    {
        var dossier = Dossiers.Processing(NextCode());
        var events = new[] { Dossiers.Updated(dossier, 1, to: SyncSides.Provincial), Dossiers.Step(dossier, 1, to: SyncSides.Provincial), Dossiers.Step(dossier, 2, to: SyncSides.Provincial) };
        using (var before = StandIn.Provincial.CreateAdapter(sandbox))
        {
            foreach (var e in events)
            {
                await Destination(before).DeliverAsync(e, CancellationToken.None);
            }
        }

        // A new process remembers no key: the repeats reach the system, which answers them as the first time.
        using var after = StandIn.Provincial.CreateAdapter(sandbox);
        foreach (var e in events)
        {
            await Destination(after).DeliverAsync(e, CancellationToken.None);
        }

        var received = await StandIn.Provincial.ReceivedAsync(sandbox, dossier.Code.Value);
        Assert.Equal(2, received.GetProperty("steps").GetInt32());
        Assert.Equal(3, received.GetProperty("replays").GetInt32());
        Assert.Equal(0, received.GetProperty("duplicates").GetInt32());
    }

    [Fact]
    public async Task Deliver_Answered503ThenThrottled_IsRetriedWithinTheDelivery()
    {
        using var adapter = StandIn.Provincial.CreateAdapter(sandbox);
        var destination = Destination(adapter);
        var dossier = Dossiers.Processing(NextCode());
        await sandbox.SetFaultAsync(ProvincialPortalSource.Name, new { mode = "error", status = 503, count = 1 });
        await destination.DeliverAsync(Dossiers.Updated(dossier, 1, to: SyncSides.Provincial), CancellationToken.None);
        await sandbox.SetFaultAsync(ProvincialPortalSource.Name, new { mode = "ratelimit", retryAfterSeconds = 0, count = 1 });
        await destination.DeliverAsync(Dossiers.Step(dossier, 1, to: SyncSides.Provincial), CancellationToken.None);

        Assert.Equal(1, await sandbox.FaultsAppliedAsync(ProvincialPortalSource.Name));
        var received = await StandIn.Provincial.ReceivedAsync(sandbox, dossier.Code.Value);
        Assert.Equal(1, received.GetProperty("steps").GetInt32());
        Assert.Equal(0, received.GetProperty("duplicates").GetInt32());
    }

    [Fact]
    public async Task Deliver_ContentTheSystemRefuses_IsRejectedForGood()
    {
        using var adapter = StandIn.Provincial.CreateAdapter(sandbox, new() { ["Adapters:provincial:Mappings:LoaiDoiTuong:Citizen"] = "Cư dân" });
        var dossier = Dossiers.Processing(NextCode());

        var rejected = await Assert.ThrowsAsync<DossierDeliveryRejectedException>(() => Destination(adapter).DeliverAsync(Dossiers.Updated(dossier, 1, to: SyncSides.Provincial), CancellationToken.None));

        Assert.Contains("loaiDoiTuong", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_StepBeforeItsDossier_IsNotFoundForTheHubToRetry()
    {
        using var adapter = StandIn.Provincial.CreateAdapter(sandbox);
        var dossier = Dossiers.Processing(NextCode());

        var fault = await Assert.ThrowsAsync<Lgsp.Core.Errors.LgspException>(() => Destination(adapter).DeliverAsync(Dossiers.Step(dossier, 1, to: SyncSides.Provincial), CancellationToken.None));

        Assert.Equal("upstream.provincial.not_found", fault.Error.Code);
    }

    [Fact]
    public void Destination_IsRegisteredUnderTheProvincialSide()
    {
        using var adapter = StandIn.Provincial.CreateAdapter(sandbox);

        Assert.Equal(SyncSides.Provincial, Assert.Single(adapter.GetServices<IDossierDestination>()).Name);
    }

    private static IDossierDestination Destination(IServiceProvider adapter) => adapter.GetServices<IDossierDestination>().Single();

    private static string NextCode() => string.Create(CultureInfo.InvariantCulture, $"H56.14-251124-{Interlocked.Increment(ref _next):D4}");
}
