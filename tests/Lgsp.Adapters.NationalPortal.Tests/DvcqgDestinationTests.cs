using System.Globalization;
using System.Text.Json;
using Lgsp.Adapters.Contract;
using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.StatusSync;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Adapters.NationalPortal.Tests;

/// <summary>
/// The <c>dvcqg</c> destination as the hub drives it (one dossier's events in order, at least once), against the
/// DVCQG stand-in: what arrives, in which order, exactly how it looks on the wire, and that nothing arrives twice.
/// </summary>
public sealed class DvcqgDestinationTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private static int _next = 300;

    public Task InitializeAsync() => sandbox.ResetFaultAsync(NationalPortalSource.Name);

    public Task DisposeAsync() => sandbox.ResetFaultAsync(NationalPortalSource.Name);

    [Fact]
    public async Task Deliver_DossierThenSteps_ArriveInOrderExactlyAsDvcqgWantsThem()
    {
        using var adapter = NationalPortalSandbox.CreateAdapter(sandbox);
        var destination = Destination(adapter);
        var dossier = Dossiers.Processing(NextCode(), DossierStatus.SupplementRequested);

        await destination.DeliverAsync(Dossiers.Updated(dossier, 1), CancellationToken.None);
        for (var seq = 1; seq <= 3; seq++)
        {
            await destination.DeliverAsync(Dossiers.Step(dossier, seq, DossierStatus.SupplementRequested), CancellationToken.None);
        }

        var received = await NationalPortalSandbox.ReceivedAsync(sandbox, dossier.Code.Value);
        var hoSo = received.GetProperty("hoSo");
        Assert.Equal("20251124080000", hoSo.GetProperty("NgayTiepNhan").GetString());
        Assert.Equal("5", hoSo.GetProperty("TrangThaiHoSo").GetString());
        Assert.Equal("1", hoSo.GetProperty("LoaiDoiTuong").GetString());
        Assert.Equal("2", hoSo.GetProperty("KenhThucHien").GetString());
        Assert.Equal("1.001193", hoSo.GetProperty("MaTTHC").GetString());
        var rows = received.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("row")).ToList();
        Assert.Equal(["Bước 1", "Bước 2", "Bước 3"], rows.Select(r => r.GetProperty("NoiDungXuLy").GetString()));
        Assert.All(rows, r => Assert.Equal("5", r.GetProperty("TrangThai").GetString()));
        Assert.Equal("20251124090100", rows[0].GetProperty("ThoiDiemXuLy").GetString());
    }

    [Fact]
    public async Task Deliver_EveryEventTwice_AddsNothingTheSecondTime()
    {
        using var adapter = NationalPortalSandbox.CreateAdapter(sandbox);
        var destination = Destination(adapter);
        var dossier = Dossiers.Processing(NextCode());
        var events = new[] { Dossiers.Updated(dossier, 1), Dossiers.Step(dossier, 1), Dossiers.Step(dossier, 2) };

        foreach (var e in events)
        {
            await destination.DeliverAsync(e, CancellationToken.None);
            await destination.DeliverAsync(e, CancellationToken.None);
        }

        var received = await NationalPortalSandbox.ReceivedAsync(sandbox, dossier.Code.Value);
        Assert.Equal(["ThemMoi"], received.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("op").GetString()));
        Assert.Equal(2, received.GetProperty("rows").GetArrayLength());
        Assert.Equal(0, received.GetProperty("duplicateRows").GetInt32());
        Assert.Equal(0, received.GetProperty("unchangedUpdates").GetInt32());
    }

    [Fact]
    public async Task Deliver_NewVersion_IsAnUpdate()
    {
        using var adapter = NationalPortalSandbox.CreateAdapter(sandbox);
        var destination = Destination(adapter);
        var dossier = Dossiers.Processing(NextCode());
        await destination.DeliverAsync(Dossiers.Updated(dossier, 1), CancellationToken.None);

        await destination.DeliverAsync(Dossiers.Updated(dossier with { Status = DossierStatus.Resolved, ProcessingEndedAt = Dossiers.At("20251126100000") }, 2), CancellationToken.None);

        var received = await NationalPortalSandbox.ReceivedAsync(sandbox, dossier.Code.Value);
        Assert.Equal("9", received.GetProperty("trangThaiHoSo").GetString());
        Assert.Equal("20251126100000", received.GetProperty("hoSo").GetProperty("NgayKetThucXuLy").GetString());
    }

    [Fact]
    public async Task Deliver_CodeWithoutTheProvincePrefix_TravelsUnderItsStableAlias()
    {
        using var adapter = NationalPortalSandbox.CreateAdapter(sandbox);
        var destination = Destination(adapter);
        var dossier = Dossiers.Processing("G09.20-20251124-" + Interlocked.Increment(ref _next).ToString("D7", CultureInfo.InvariantCulture));
        var alias = adapter.GetRequiredService<DvcqgMapping>().MaHoSoFor(dossier.Code, null, dossier.ReceivingAgencyCode);

        await destination.DeliverAsync(Dossiers.Updated(dossier, 1), CancellationToken.None);
        await destination.DeliverAsync(Dossiers.Step(dossier, 1), CancellationToken.None);

        var received = await NationalPortalSandbox.ReceivedAsync(sandbox, alias);
        Assert.True(received.GetProperty("exists").GetBoolean());
        Assert.Equal(1, received.GetProperty("rows").GetArrayLength());
        Assert.Equal(DossierCodeKind.Alias, DossierCode.Parse(alias).Kind);
    }

    [Fact]
    public async Task Deliver_ContentDvcqgRefuses_IsRejectedForGood()
    {
        using var adapter = NationalPortalSandbox.CreateAdapter(sandbox);
        var dossier = Dossiers.Processing(NextCode()) with { ReceivedAt = null };

        var rejected = await Assert.ThrowsAsync<DossierDeliveryRejectedException>(() => Destination(adapter).DeliverAsync(Dossiers.Updated(dossier, 1), CancellationToken.None));

        Assert.Contains("upstream.dvcqg.rejected", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("NgayTiepNhan", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_DvcqgDown_ThrowsForTheHubToRetryAndTheRetryCompletes()
    {
        using var adapter = NationalPortalSandbox.CreateAdapter(sandbox);
        var destination = Destination(adapter);
        var dossier = Dossiers.Processing(NextCode());
        await destination.DeliverAsync(Dossiers.Updated(dossier, 1), CancellationToken.None);
        await sandbox.SetFaultAsync(NationalPortalSource.Name, new { mode = "down" });

        var fault = await Assert.ThrowsAnyAsync<Exception>(() => destination.DeliverAsync(Dossiers.Step(dossier, 1), CancellationToken.None));
        Assert.IsNotType<DossierDeliveryRejectedException>(fault);
        await sandbox.ResetFaultAsync(NationalPortalSource.Name);
        await destination.DeliverAsync(Dossiers.Step(dossier, 1), CancellationToken.None);

        var received = await NationalPortalSandbox.ReceivedAsync(sandbox, dossier.Code.Value);
        Assert.Equal(1, received.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public void Destination_IsRegisteredUnderTheDvcqgSide()
    {
        using var adapter = NationalPortalSandbox.CreateAdapter(sandbox);

        var destination = Assert.Single(adapter.GetServices<IDossierDestination>());

        Assert.Equal(SyncSides.Dvcqg, destination.Name);
    }

    private static IDossierDestination Destination(IServiceProvider adapter) => adapter.GetServices<IDossierDestination>().Single(d => d.Name == SyncSides.Dvcqg);

    private static string NextCode() => string.Create(CultureInfo.InvariantCulture, $"H56.14-251124-{Interlocked.Increment(ref _next):D4}");
}
