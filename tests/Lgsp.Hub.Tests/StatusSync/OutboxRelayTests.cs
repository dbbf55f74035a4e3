using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lgsp.Core.StatusSync;
using Lgsp.Hub.StatusSync.Outbox;
using Lgsp.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Lgsp.Hub.Tests.StatusSync.DossierValidationTests;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncHub;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.StatusSync;

/// <summary>
/// In-process delivery through the relay: per-dossier order, a failing dossier that does not hold up the others,
/// retries with exponential backoff, dead letters and their replay, both directions, trace context. The
/// destinations drop repeated idempotency keys, as real ones must, so "accepted" means "seen once".
/// </summary>
public abstract class OutboxRelayTests
{
    private protected abstract Task<StatusSyncHub> HubAsync(IDictionary<string, string?>? extra = null);

    [Fact]
    public async Task Relay_ManyDossiers_DeliversEachDossiersEventsOnceAndInOrder()
    {
        await using var hub = await HubAsync();
        var codes = Enumerable.Range(0, 6).Select(_ => NewCode()).ToList();
        foreach (var code in codes)
        {
            await PostOkAsync(hub.PostBatchAsync(Batch(
                DossierItem(Accepted(code)),
                ProgressItem(code, [.. Enumerable.Range(1, 10).Select(i => Step(i, i == 1 ? 2 : 4, i))]),
                DossierItem(Dossier(code, 4)))));
        }

        await EventuallyAsync(() => hub.Dvcqg.Accepted.Count == codes.Count * 12, "every event delivered");

        foreach (var code in codes)
        {
            Assert.Equal([code + "@1", .. Enumerable.Range(1, 10).Select(i => $"{code}#{i}"), code + "@2"], hub.Dvcqg.KeysOf(code));
            var sync = (await hub.GetJsonAsync($"/api/v1/dossiers/{code}")).GetProperty("sync").EnumerateArray().Single();
            Assert.Equal(("dvcqg", "synced", 0), (sync.GetProperty("destination").GetString(), sync.GetProperty("state").GetString(), sync.GetProperty("attempts").GetInt32()));
            Assert.True(sync.TryGetProperty("lastSyncedAt", out _));
        }

        Assert.Empty(hub.Provincial.Accepted);
        Assert.Equal(0, hub.Dvcqg.Duplicates);
    }

    [Fact]
    public async Task Relay_OneDossierFailing_HoldsOnlyThatDossierAndResumesInOrder()
    {
        await using var hub = await HubAsync(new Dictionary<string, string?> { ["StatusSync:MaxAttempts"] = "1000" });
        var stuck = NewCode();
        var fine = NewCode();
        hub.Dvcqg.Failing[stuck] = new HttpRequestException("DVCQG answered 503");

        await PostOkAsync(hub.PostDossierAsync(Accepted(stuck)));
        await PostOkAsync(hub.PostStepsAsync(stuck, Steps(Step(1, 2), Step(2, 4, 10))));
        await PostOkAsync(hub.PostDossierAsync(Accepted(fine)));
        await PostOkAsync(hub.PostStepsAsync(fine, Steps(Step(1, 2))));

        await EventuallyAsync(() => hub.Dvcqg.KeysOf(fine).Count == 2, "the healthy dossier delivered");
        await EventuallyAsync(() => hub.Dvcqg.Attempts.Count(a => a.Key.StartsWith(stuck, StringComparison.Ordinal)) >= 3, "the failing dossier retried");
        Assert.Empty(hub.Dvcqg.KeysOf(stuck));
        Assert.All(hub.Dvcqg.Attempts.Where(a => a.Key.StartsWith(stuck, StringComparison.Ordinal)), a => Assert.Equal(stuck + "@1", a.Key));
        var sync = (await hub.GetJsonAsync($"/api/v1/dossiers/{stuck}")).GetProperty("sync")[0];
        Assert.Equal("pending", sync.GetProperty("state").GetString());
        Assert.True(sync.GetProperty("attempts").GetInt32() >= 1);
        Assert.Contains("503", sync.GetProperty("lastError").GetString(), StringComparison.Ordinal);

        hub.Dvcqg.Failing.TryRemove(stuck, out _);

        await EventuallyAsync(() => hub.Dvcqg.KeysOf(stuck).Count == 3, "the failing dossier delivered once it recovers");
        Assert.Equal([stuck + "@1", stuck + "#1", stuck + "#2"], hub.Dvcqg.KeysOf(stuck));
    }

    [Fact]
    public async Task Relay_FailingEveryTime_BacksOffExponentiallyThenParksADeadLetterThatReplayDelivers()
    {
        await using var hub = await HubAsync();
        var code = NewCode();
        hub.Dvcqg.Failing[code] = new TimeoutException("DVCQG did not answer");
        await PostOkAsync(hub.PostDossierAsync(Accepted(code)));
        await PostOkAsync(hub.PostStepsAsync(code, Steps(Step(1, 2))));
        var deadLetters = hub.Host.Services.GetRequiredService<DossierDeadLetters>();

        await EventuallyAsync(() => deadLetters.ListAsync(null, 10, CancellationToken.None).Result.Any(d => d.DossierCode == code), "a dead letter");

        // MaxAttempts 4, base delay 50 ms, no jitter: the gaps are at least 50, 100 and 200 ms.
        var attempts = hub.Dvcqg.Attempts.Where(a => a.Key.StartsWith(code, StringComparison.Ordinal)).ToList();
        Assert.Equal(4, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(code + "@1", a.Key));
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => (b.At - a.At).TotalMilliseconds).ToList();
        Assert.True(gaps[0] >= 45 && gaps[1] >= 95 && gaps[2] >= 195, "gaps: " + string.Join(", ", gaps));

        var dead = Assert.Single(await deadLetters.ListAsync(SyncSides.Dvcqg, 10, CancellationToken.None), d => d.DossierCode == code);
        Assert.Equal((code + "@1", 4, "dossier.updated.v1"), (dead.IdempotencyKey, dead.Attempts, dead.Type));
        Assert.Contains("TimeoutException: DVCQG did not answer", dead.Reason, StringComparison.Ordinal);
        var sync = (await hub.GetJsonAsync($"/api/v1/dossiers/{code}")).GetProperty("sync")[0];
        Assert.Equal(("failed", 4), (sync.GetProperty("state").GetString(), sync.GetProperty("attempts").GetInt32()));

        // The step behind the dead letter waits, even with the destination healthy again.
        hub.Dvcqg.Failing.TryRemove(code, out _);
        await hub.Relay.RoundsAsync(3); // rounds that began after the destination healed left the dossier alone
        Assert.Empty(hub.Dvcqg.KeysOf(code));

        Assert.True(await deadLetters.ReplayAsync(dead.EventId, CancellationToken.None));

        await EventuallyAsync(() => hub.Dvcqg.KeysOf(code).Count == 2, "the replayed event and the one behind it");
        Assert.Equal([code + "@1", code + "#1"], hub.Dvcqg.KeysOf(code));
        Assert.DoesNotContain(await deadLetters.ListAsync(null, 10, CancellationToken.None), d => d.DossierCode == code);
        await EventuallyAsync(() => hub.GetJsonAsync($"/api/v1/dossiers/{code}").Result.GetProperty("sync")[0].GetProperty("state").GetString() == "synced", "synced");
        Assert.False(await deadLetters.ReplayAsync(dead.EventId, CancellationToken.None));
    }

    [Fact]
    public async Task Relay_DestinationRejectsTheContent_ParksItAfterOneAttempt()
    {
        await using var hub = await HubAsync();
        var code = NewCode();
        hub.Dvcqg.Failing[code] = new DossierDeliveryRejectedException("DVCQG error_code 3: MaTTHC không tồn tại");
        await PostOkAsync(hub.PostDossierAsync(Accepted(code)));
        var deadLetters = hub.Host.Services.GetRequiredService<DossierDeadLetters>();

        await EventuallyAsync(() => deadLetters.ListAsync(null, 10, CancellationToken.None).Result.Any(d => d.DossierCode == code), "a dead letter");

        Assert.Single(hub.Dvcqg.Attempts, a => a.Key.StartsWith(code, StringComparison.Ordinal));
        Assert.Equal(1, (await deadLetters.ListAsync(null, 10, CancellationToken.None)).Single(d => d.DossierCode == code).Attempts);
    }

    [Fact]
    public async Task Relay_DossierFromTheNationalPortal_GoesToTheProvincialSideAndItsProcessingBackToDvcqg()
    {
        await using var hub = await HubAsync();
        var code = NewCode();

        using var created = await hub.PostAsync("/api/v1/national/dossiers", Registered(code));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await EventuallyAsync(() => hub.Provincial.KeysOf(code).Count == 1, "delivered to the provincial side");
        var delivered = hub.Provincial.Accepted.Single(e => e.DossierCode.Value == code);
        Assert.Equal((SyncSides.Dvcqg, SyncSides.Provincial), (delivered.Source, delivered.Destination));
        Assert.Equal(Lgsp.Core.Dossiers.DossierStatus.Registered, ((DossierUpdated)delivered.Payload).Dossier.Status);

        // The one-stop desk accepts it: that change goes to DVCQG.
        await PostOkAsync(hub.PostDossierAsync(Accepted(code)));
        await EventuallyAsync(() => hub.Dvcqg.KeysOf(code).Count == 1, "the acceptance delivered to DVCQG");
        Assert.Equal([code + "@2"], hub.Dvcqg.KeysOf(code));
        Assert.Equal([code + "@1"], hub.Provincial.KeysOf(code));

        var view = await hub.GetJsonAsync($"/api/v1/dossiers/{code}");
        Assert.Equal(("dvcqg", 2), (view.GetProperty("origin").GetString(), view.GetProperty("status").GetInt32()));
        Assert.Equal(["dvcqg", "provincial"], view.GetProperty("sync").EnumerateArray().Select(s => s.GetProperty("destination").GetString()));
    }

    [Fact]
    public async Task Relay_NationalDossierIsValidatedLikeAnyOther()
    {
        await using var hub = await HubAsync();
        var body = Registered(NewCode());
        body["status"] = 4;

        await AssertRefusedAsync(hub, () => hub.PostAsync("/api/v1/national/dossiers", body, "k-national"),
            HttpStatusCode.BadRequest, "client.validation_failed", "/receivedAt", "received_at.missing");
    }

    [Fact]
    public async Task Relay_TraceContextOfTheRequest_TravelsWithTheEvent()
    {
        await using var hub = await HubAsync();
        var code = NewCode();
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/dossiers", UriKind.Relative)) { Content = Json(Accepted(code)) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        using var response = await hub.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await EventuallyAsync(() => hub.Dvcqg.KeysOf(code).Count == 1, "delivered");

        var delivered = hub.Dvcqg.Accepted.Single(e => e.DossierCode.Value == code);
        Assert.NotNull(delivered.TraceParent);
        Assert.Equal(traceId, delivered.TraceParent.Split('-')[1]);
    }
}

public sealed class OutboxRelayOnSqliteTests : OutboxRelayTests
{
    private protected override Task<StatusSyncHub> HubAsync(IDictionary<string, string?>? extra = null) => StatusSyncHub.OnSqliteAsync(extra: extra);
}

[Collection(PostgresCollection.Name)]
public sealed class OutboxRelayOnPostgresTests(PostgresFixture postgres) : OutboxRelayTests
{
    private protected override Task<StatusSyncHub> HubAsync(IDictionary<string, string?>? extra = null) => StatusSyncHub.OnPostgresAsync(postgres.Server, extra: extra);
}
