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
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox);
        var destination = Destination(adapter);
        var dossier = Dossiers.Processing(NextCode(), DossierStatus.SupplementRequested);

        await destination.DeliverAsync(Dossiers.Updated(dossier, 1), CancellationToken.None);
        for (var seq = 1; seq <= 3; seq++)
        {
            await destination.DeliverAsync(Dossiers.Step(dossier, seq, DossierStatus.SupplementRequested), CancellationToken.None);
        }

        var received = await StandIn.Dvcqg.ReceivedAsync(sandbox, dossier.Code.Value);
        var hoSo = received.GetProperty("hoSo");
        Assert.Equal("20251124080000", hoSo.GetProperty("NgayTiepNhan").GetString());
        Assert.Equal("5", hoSo.GetProperty("TrangThaiHoSo").GetString());
        Assert.Equal("1", hoSo.GetProperty("LoaiDoiTuong").GetString());
        Assert.Equal("2", hoSo.GetProperty("KenhThucHien").GetString());
        // The default profile (PerCall, TD-DVC's) sends the province's procedure code with its local suffix.
        Assert.Equal("1.001193.000.00.14.H56", hoSo.GetProperty("MaTTHC").GetString());
        var rows = received.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("row")).ToList();
        Assert.Equal(["Bước 1", "Bước 2", "Bước 3"], rows.Select(r => r.GetProperty("NoiDungXuLy").GetString()));
        Assert.All(rows, r => Assert.Equal("5", r.GetProperty("TrangThai").GetString()));
        Assert.Equal("20251124090100", rows[0].GetProperty("ThoiDiemXuLy").GetString());
    }

    [Fact]
    public async Task Deliver_EveryEventTwice_AddsNothingTheSecondTime()
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox);
        var destination = Destination(adapter);
        var dossier = Dossiers.Processing(NextCode());
        var events = new[] { Dossiers.Updated(dossier, 1), Dossiers.Step(dossier, 1), Dossiers.Step(dossier, 2) };

        foreach (var e in events)
        {
            await destination.DeliverAsync(e, CancellationToken.None);
            await destination.DeliverAsync(e, CancellationToken.None);
        }

        var received = await StandIn.Dvcqg.ReceivedAsync(sandbox, dossier.Code.Value);
        Assert.Equal(["ThemMoi"], received.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("op").GetString()));
        Assert.Equal(2, received.GetProperty("rows").GetArrayLength());
        Assert.Equal(0, received.GetProperty("duplicateRows").GetInt32());
        Assert.Equal(0, received.GetProperty("unchangedUpdates").GetInt32());
        // The repeats were dropped by their key without a call: one lookup per event, none per repeat.
        Assert.Equal(3, (await ApiCallsAsync()).GetValueOrDefault("TraCuuHoSo"));
    }

    [Fact]
    public async Task Deliver_RepeatsAfterARestart_AreFoundOnDvcqgAndChangeNothing()
    {
        var dossier = Dossiers.Processing(NextCode());
        var events = new[] { Dossiers.Updated(dossier, 1), Dossiers.Step(dossier, 1), Dossiers.Step(dossier, 2) };
        using (var before = StandIn.Dvcqg.CreateAdapter(sandbox))
        {
            foreach (var e in events)
            {
                await Destination(before).DeliverAsync(e, CancellationToken.None);
            }
        }

        // A new process remembers no key: each repeat is looked up on DVCQG and found there.
        await sandbox.ResetFaultAsync(NationalPortalSource.Name);
        using var after = StandIn.Dvcqg.CreateAdapter(sandbox);
        foreach (var e in events)
        {
            await Destination(after).DeliverAsync(e, CancellationToken.None);
        }

        Assert.Equal(new Dictionary<string, int> { ["TraCuuHoSo"] = 3 }, await ApiCallsAsync());
        var received = await StandIn.Dvcqg.ReceivedAsync(sandbox, dossier.Code.Value);
        Assert.Equal(["ThemMoi"], received.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("op").GetString()));
        Assert.Equal(2, received.GetProperty("rows").GetArrayLength());
        Assert.Equal(0, received.GetProperty("duplicateRows").GetInt32());
    }

    [Fact]
    public async Task Deliver_CreateTakenButItsAnswerLost_AlreadyExistsBecomesAnUpdate()
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox);
        var dossier = Dossiers.Processing(NextCode());
        // The lookup is the first call, the create the second: DVCQG stores it and the answer never arrives.
        await sandbox.SetFaultAsync(NationalPortalSource.Name, new { mode = "lostanswer", everyNth = 2, count = 1 });

        await Destination(adapter).DeliverAsync(Dossiers.Updated(dossier, 1), CancellationToken.None);

        var received = await StandIn.Dvcqg.ReceivedAsync(sandbox, dossier.Code.Value);
        var calls = received.GetProperty("calls").EnumerateArray().ToList();
        Assert.Equal(["ThemMoi", "ThemMoi", "CapNhat"], calls.Select(c => c.GetProperty("op").GetString()));
        Assert.Contains("đã tồn tại", calls[1].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("0", calls[2].GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Deliver_Answered503Twice_IsRetriedWithinTheDelivery()
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox);
        var destination = Destination(adapter);
        var dossier = Dossiers.Processing(NextCode());
        await destination.DeliverAsync(Dossiers.Updated(dossier, 1), CancellationToken.None);
        await sandbox.SetFaultAsync(NationalPortalSource.Name, new { mode = "error", status = 503, count = 2 });

        await destination.DeliverAsync(Dossiers.Step(dossier, 1), CancellationToken.None);

        Assert.Equal(2, await sandbox.FaultsAppliedAsync(NationalPortalSource.Name));
        var received = await StandIn.Dvcqg.ReceivedAsync(sandbox, dossier.Code.Value);
        Assert.Equal(1, received.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public async Task Deliver_ProgressRowThrottled_IsSentAgainAfterRetryAfterOnce()
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox);
        var destination = Destination(adapter);
        var dossier = Dossiers.Processing(NextCode());
        await destination.DeliverAsync(Dossiers.Updated(dossier, 1), CancellationToken.None);
        // The lookup goes through, the DongBoTienTrinh call after it is answered 429.
        await sandbox.SetFaultAsync(NationalPortalSource.Name, new { mode = "ratelimit", retryAfterSeconds = 0, everyNth = 2, count = 1 });

        await destination.DeliverAsync(Dossiers.Step(dossier, 1), CancellationToken.None);

        Assert.Equal(1, await sandbox.FaultsAppliedAsync(NationalPortalSource.Name));
        var received = await StandIn.Dvcqg.ReceivedAsync(sandbox, dossier.Code.Value);
        Assert.Equal(1, received.GetProperty("rows").GetArrayLength());
        Assert.Equal(0, received.GetProperty("duplicateRows").GetInt32());
    }

    [Fact]
    public async Task Deliver_ProgressRowAnsweredTooSlowly_ThrowsForTheHubAndTheRetrySendsItOnce()
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox);
        var destination = Destination(adapter);
        var dossier = Dossiers.Processing(NextCode());
        await destination.DeliverAsync(Dossiers.Updated(dossier, 1), CancellationToken.None);
        // Longer than the 2 s attempt timeout; an append is never repeated blindly, so the delivery fails.
        await sandbox.SetFaultAsync(NationalPortalSource.Name, new { mode = "slow", delayMs = 4000, everyNth = 2, count = 1 });
        var step = Dossiers.Step(dossier, 1);

        var fault = await Assert.ThrowsAnyAsync<Exception>(() => destination.DeliverAsync(step, CancellationToken.None));
        Assert.IsNotType<DossierDeliveryRejectedException>(fault);
        await destination.DeliverAsync(step, CancellationToken.None);
        // The slow call ended at DVCQG when the adapter hung up, before it was handled: it can store no row later.
        await sandbox.WaitForAbandonedAsync(NationalPortalSource.Name, 1);

        var received = await StandIn.Dvcqg.ReceivedAsync(sandbox, dossier.Code.Value);
        Assert.Equal(1, received.GetProperty("rows").GetArrayLength());
        Assert.Equal(0, received.GetProperty("duplicateRows").GetInt32());
    }

    [Fact]
    public async Task Deliver_NewVersion_IsAnUpdate()
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox);
        var destination = Destination(adapter);
        var dossier = Dossiers.Processing(NextCode());
        await destination.DeliverAsync(Dossiers.Updated(dossier, 1), CancellationToken.None);

        await destination.DeliverAsync(Dossiers.Updated(dossier with { Status = DossierStatus.Resolved, ProcessingEndedAt = Dossiers.At("20251126100000") }, 2), CancellationToken.None);

        var received = await StandIn.Dvcqg.ReceivedAsync(sandbox, dossier.Code.Value);
        Assert.Equal("9", received.GetProperty("trangThaiHoSo").GetString());
        Assert.Equal("20251126100000", received.GetProperty("hoSo").GetProperty("NgayKetThucXuLy").GetString());
    }

    [Fact]
    public async Task Deliver_CodeWithoutTheProvincePrefix_TravelsUnderItsStoredAlias()
    {
        // Changed on purpose (issue #13 item 5): the alias is the one the hub stored on the dossier, not a hash of the code.
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox);
        var destination = Destination(adapter);
        var n = Interlocked.Increment(ref _next);
        var dossier = Dossiers.Processing("G09.20-20251124-" + n.ToString("D7", CultureInfo.InvariantCulture)) with
        {
            CodeAlias = DossierCode.CreateAlias(Dossiers.Agency, new DateOnly(2025, 11, 24), (n % 99_999) + 1),
        };
        var alias = dossier.CodeAlias!.Value.Value;

        await destination.DeliverAsync(Dossiers.Updated(dossier, 1), CancellationToken.None);
        await destination.DeliverAsync(Dossiers.Step(dossier, 1), CancellationToken.None);

        var received = await StandIn.Dvcqg.ReceivedAsync(sandbox, alias);
        Assert.True(received.GetProperty("exists").GetBoolean());
        Assert.Equal(1, received.GetProperty("rows").GetArrayLength());
        Assert.Equal(DossierCodeKind.Alias, DossierCode.Parse(alias).Kind);
    }

    [Fact]
    public async Task Deliver_ContentDvcqgRefuses_IsRejectedForGood()
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox);
        var dossier = Dossiers.Processing(NextCode()) with { ReceivedAt = null };

        var rejected = await Assert.ThrowsAsync<DossierDeliveryRejectedException>(() => Destination(adapter).DeliverAsync(Dossiers.Updated(dossier, 1), CancellationToken.None));

        Assert.Contains("upstream.dvcqg.rejected", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("NgayTiepNhan", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_DvcqgDown_ThrowsForTheHubToRetryAndTheRetryCompletes()
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox);
        var destination = Destination(adapter);
        var dossier = Dossiers.Processing(NextCode());
        await destination.DeliverAsync(Dossiers.Updated(dossier, 1), CancellationToken.None);
        await sandbox.SetFaultAsync(NationalPortalSource.Name, new { mode = "down" });

        var fault = await Assert.ThrowsAnyAsync<Exception>(() => destination.DeliverAsync(Dossiers.Step(dossier, 1), CancellationToken.None));
        Assert.IsNotType<DossierDeliveryRejectedException>(fault);
        await sandbox.ResetFaultAsync(NationalPortalSource.Name);
        await destination.DeliverAsync(Dossiers.Step(dossier, 1), CancellationToken.None);

        var received = await StandIn.Dvcqg.ReceivedAsync(sandbox, dossier.Code.Value);
        Assert.Equal(1, received.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public void Destination_IsRegisteredUnderTheDvcqgSide()
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox);

        var destination = Assert.Single(adapter.GetServices<IDossierDestination>());

        Assert.Equal(SyncSides.Dvcqg, destination.Name);
    }

    /// <summary>DVCQG API calls since the fault switch was last set or reset, by operation.</summary>
    private async Task<Dictionary<string, int>> ApiCallsAsync() =>
        (await sandbox.CallsAsync(NationalPortalSource.Name)).Where(c => c.Key.StartsWith("/dvcqg/api/", StringComparison.Ordinal))
            .ToDictionary(c => c.Key["/dvcqg/api/".Length..], c => c.Value, StringComparer.Ordinal);

    private static IDossierDestination Destination(IServiceProvider adapter) => adapter.GetServices<IDossierDestination>().Single(d => d.Name == SyncSides.Dvcqg);

    private static string NextCode() => string.Create(CultureInfo.InvariantCulture, $"H56.14-251124-{Interlocked.Increment(ref _next):D4}");
}
