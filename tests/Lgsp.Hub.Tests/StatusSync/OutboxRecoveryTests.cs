using Lgsp.Core.StatusSync;
using Lgsp.Hub.StatusSync.Outbox;
using Lgsp.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Lgsp.Hub.Tests.StatusSync.DossierValidationTests;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncHub;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.StatusSync;

/// <summary>
/// Nothing is lost and nothing arrives twice (as a destination that drops repeated idempotency keys sees it) when a
/// hub dies mid-delivery, and several hub instances on one database deliver each dossier's events once, in order.
/// The destination object stands for the remote system, so it outlives the hubs.
/// </summary>
public abstract class OutboxRecoveryTests
{
    private const int Dossiers = 3;
    private const int StepsPerDossier = 5;

    private static readonly Dictionary<string, string?> RelayOn = new() { ["StatusSync:RelayEnabled"] = "true" };

    /// <summary>The database's owner; its own relay is off, so only the instances a test starts deliver.</summary>
    private protected abstract Task<StatusSyncHub> HubAsync();

    [Theory]
    [InlineData(SyncSides.Dvcqg)]
    [InlineData(SyncSides.Provincial)]
    public async Task Relay_HostDiesMidDelivery_NewHostDeliversEverythingOnceInOrder(string side)
    {
        var remote = new RecordingDestination(side);
        var stuck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        remote.Gate = stuck;
        remote.IgnoreCancellation = true;
        var codes = Enumerable.Range(0, Dossiers).Select(_ => NewCode()).ToList();

        // Stuck deliveries time out and are retried while the host lives; never long enough here to park them.
        var relay = new Dictionary<string, string?>(RelayOn) { ["StatusSync:MaxAttempts"] = "1000" };
        await using var first = await HubAsync();
        await using (var dying = Sibling(first, relay, remote))
        {
            foreach (var code in codes)
            {
                await SendChangesAsync(dying, side, code);
            }

            // The remote system has taken the dossiers' first events, but the hub hangs before recording that
            // (its claims stay leased), and then it goes away without finishing: a crash, as far as the outbox knows.
            await EventuallyAsync(() => remote.Accepted.Count == Dossiers, "first events taken by the remote system");
        }

        Assert.Equal(Dossiers, remote.Accepted.Count);
        remote.Gate = null;
        remote.IgnoreCancellation = false;

        await using (var restarted = Sibling(first, relay, remote))
        {
            await EventuallyAsync(() => remote.Accepted.Count == Dossiers * (1 + StepsPerDossier), "every event delivered after the restart");
        }

        foreach (var code in codes)
        {
            Assert.Equal(ExpectedKeys(side, code), remote.KeysOf(code));
        }

        // The events whose delivery was never recorded went again; the remote system dropped the repeats.
        Assert.True(remote.Duplicates >= Dossiers, $"{remote.Duplicates} repeats");

        // The dead host's stuck deliveries finish late: they can record nothing (their leases are gone).
        stuck.SetResult();
        await EventuallyAsync(() => remote.InFlight == 0, "the stuck deliveries returned");
        Assert.Equal(Dossiers * (1 + StepsPerDossier), remote.Accepted.Count);
        var synced = await first.WithDbAsync(db => Task.FromResult(db.DossierSyncStates.Count(s => s.State == 1 && s.LastDeliveredId == s.LastEventId)));
        Assert.Equal(Dossiers, synced);
    }

    /// <summary>
    /// Six changes per dossier from one side: from the province a dossier and five steps; from the national portal
    /// six versions of a dossier submitted online (edits while registered, then withdrawn by the citizen).
    /// </summary>
    private static async Task SendChangesAsync(StatusSyncHub hub, string side, string code)
    {
        if (side == SyncSides.Dvcqg)
        {
            await PostOkAsync(hub.PostBatchAsync(Batch(
                DossierItem(Accepted(code)),
                ProgressItem(code, [.. Enumerable.Range(1, StepsPerDossier).Select(i => Step(i, i == 1 ? 2 : 4, i))]))));
            return;
        }

        for (var version = 1; version <= 1 + StepsPerDossier; version++)
        {
            var dossier = Registered(code);
            dossier["summary"] = $"Đăng ký khai sinh cho con (lần sửa {version})";
            if (version == 1 + StepsPerDossier)
            {
                dossier["status"] = 7;
            }

            await PostOkAsync(hub.PostAsync("/api/v1/national/dossiers", dossier));
        }
    }

    private static IReadOnlyList<string> ExpectedKeys(string side, string code) => side == SyncSides.Dvcqg
        ? [code + "@1", .. Enumerable.Range(1, StepsPerDossier).Select(i => $"{code}#{i}")]
        : [.. Enumerable.Range(1, 1 + StepsPerDossier).Select(v => $"{code}@{v}")];

    private static StatusSyncHub Sibling(StatusSyncHub owner, Dictionary<string, string?> settings, RecordingDestination remote) =>
        remote.Name == SyncSides.Dvcqg ? owner.Sibling(settings, dvcqg: remote) : owner.Sibling(settings, provincial: remote);

    [Fact]
    public async Task Relay_ClaimOfACrashedInstance_IsTakenOverOnlyWhenItsLeaseRunsOut()
    {
        await using var owner = await HubAsync();
        var code = NewCode();
        await PostOkAsync(owner.PostDossierAsync(Accepted(code)));
        var leaseUntil = DateTimeOffset.UtcNow.AddSeconds(4);
        // An instance claimed the dossier and died without a word.
        await owner.WithDbAsync(db => db.DossierSyncStates.Where(s => s.DossierCode == code)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseOwner, "crashed-instance").SetProperty(x => x.LeaseUntil, leaseUntil)));

        await using var survivor = owner.Sibling(RelayOn);
        _ = survivor.Client;

        await EventuallyAsync(() => survivor.Dvcqg.KeysOf(code).Count == 1, "delivered after the lease ran out");
        Assert.True(survivor.Dvcqg.Attempts[0].At >= leaseUntil, $"first attempt {survivor.Dvcqg.Attempts[0].At:O}, lease until {leaseUntil:O}");

        // The crashed instance, were it to wake up, can no longer record progress.
        var store = survivor.Host.Services.GetRequiredService<OutboxStore>();
        var pair = new ClaimedPair(code, SyncSides.Dvcqg, 0);
        Assert.False(await store.MarkPublishedAsync(pair, long.MaxValue, "crashed-instance", DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task Relay_TwoInstancesOnOneDatabase_DeliverEachEventOnceAndInOrder()
    {
        // Generous timeouts: a redelivery here must come from a race between the instances, not from a slow machine.
        var relay = new Dictionary<string, string?>(RelayOn) { ["StatusSync:DeliveryTimeout"] = "00:00:20", ["StatusSync:LeaseDuration"] = "00:01:00" };
        await using var owner = await HubAsync();
        await using var one = owner.Sibling(relay, dvcqg: owner.Dvcqg, provincial: owner.Provincial);
        await using var two = owner.Sibling(relay, dvcqg: owner.Dvcqg, provincial: owner.Provincial);
        var codes = Enumerable.Range(0, 8).Select(_ => NewCode()).ToList();

        await Task.WhenAll(codes.Select(async (code, i) =>
        {
            var hub = i % 2 == 0 ? one : two;
            await PostOkAsync(hub.PostDossierAsync(Accepted(code)));
            for (var seq = 1; seq <= 6; seq++)
            {
                // Steps arrive through either instance; each instance's relay competes for every dossier.
                await PostOkAsync((seq % 2 == 0 ? one : two).PostStepsAsync(code, Steps(Step(seq, seq == 1 ? 2 : 4, seq))));
            }
        }));

        await EventuallyAsync(() => one.Dvcqg.Accepted.Count == codes.Count * 7, "every event delivered");
        foreach (var code in codes)
        {
            Assert.Equal([code + "@1", .. Enumerable.Range(1, 6).Select(i => $"{code}#{i}")], one.Dvcqg.KeysOf(code));
        }

        Assert.Equal(0, one.Dvcqg.Duplicates);
    }
}

public sealed class OutboxRecoveryOnSqliteTests : OutboxRecoveryTests
{
    private protected override Task<StatusSyncHub> HubAsync() => StatusSyncHub.OnSqliteAsync(relay: false);
}

[Collection(PostgresCollection.Name)]
public sealed class OutboxRecoveryOnPostgresTests(PostgresFixture postgres) : OutboxRecoveryTests
{
    private protected override Task<StatusSyncHub> HubAsync() => StatusSyncHub.OnPostgresAsync(postgres.Server, relay: false);
}
