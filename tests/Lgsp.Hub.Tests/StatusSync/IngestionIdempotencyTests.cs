using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lgsp.Testing;
using Microsoft.EntityFrameworkCore;
using static Lgsp.Hub.Tests.StatusSync.DossierValidationTests;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.StatusSync;

/// <summary>
/// Retries change nothing and get the first answer: by Idempotency-Key (the stored answer replayed byte for byte),
/// by content (the same dossier version again), by (dossier, seq) for steps. A key reused for another body and a
/// step repeated with other content are refused. Batches answer per item: a failed item writes nothing and blocks only
/// its own dossier's later items.
/// </summary>
public abstract class IngestionIdempotencyTests
{
    private protected abstract Task<StatusSyncHub> HubAsync();

    [Fact]
    public async Task PostDossier_SameKeySameBody_ReplaysTheStoredAnswerAndWritesNothingMore()
    {
        var hub = await HubAsync();
        var body = Accepted(NewCode());
        using var first = await hub.PostDossierAsync(body, "k-" + Guid.NewGuid());
        var firstBody = await first.Content.ReadAsStringAsync();
        var key = first.RequestMessage!.Headers.GetValues("Idempotency-Key").Single();
        var after = await hub.CountAsync();

        using var second = await hub.PostDossierAsync(body, key);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        Assert.Equal(firstBody, await second.Content.ReadAsStringAsync());
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(after, await hub.CountAsync());
    }

    [Fact]
    public async Task PostDossier_SameKeyOtherBody_IsRefusedAsReusedAndWritesNothing()
    {
        var hub = await HubAsync();
        var key = "k-" + Guid.NewGuid();
        await PostOkAsync(hub.PostDossierAsync(Accepted(NewCode()), key));

        var problem = await AssertRefusedAsync(hub, () => hub.PostDossierAsync(Accepted(NewCode()), key),
            HttpStatusCode.UnprocessableEntity, "client.idempotency_key_reused", "header:Idempotency-Key", "idempotency_key.reused");

        Assert.Equal("urn:lgsp:error:client.idempotency_key_reused", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task PostSteps_SameKeyOnAnotherEndpoint_IsRefusedAsReused()
    {
        var hub = await HubAsync();
        var code = NewCode();
        var key = "k-" + Guid.NewGuid();
        await PostOkAsync(hub.PostDossierAsync(Accepted(code), key));

        await AssertRefusedAsync(hub, () => hub.PostStepsAsync(code, Steps(Step(1, 2)), key),
            HttpStatusCode.UnprocessableEntity, "client.idempotency_key_reused", "header:Idempotency-Key", "idempotency_key.reused");
    }

    [Fact]
    public async Task PostDossier_SameContentWithoutKey_IsAbsorbedWithTheSameAnswer()
    {
        var hub = await HubAsync();
        var code = NewCode();
        using var first = await hub.PostDossierAsync(Accepted(code));
        var after = await hub.CountAsync();

        using var again = await hub.PostDossierAsync(Accepted(code));

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(after, await hub.CountAsync());
    }

    [Fact]
    public async Task PostDossier_SameInstantInAnotherOffset_IsTheSameContent()
    {
        var hub = await HubAsync();
        var code = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Accepted(code)));
        var after = await hub.CountAsync();
        var utc = Accepted(code);
        utc["receivedAt"] = "2025-08-12T01:00:00Z";

        using var again = await hub.PostDossierAsync(utc);

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(after, await hub.CountAsync());
    }

    [Fact]
    public async Task PostDossier_ChangedContent_IsANewVersionWithItsOwnEvent()
    {
        var hub = await HubAsync();
        var code = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Accepted(code)));
        var before = await hub.CountAsync();

        using var updated = await hub.PostDossierAsync(Dossier(code, 4));

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var answer = JsonDocument.Parse(await updated.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((2, 4, code + "@2"), (answer.GetProperty("version").GetInt32(), answer.GetProperty("status").GetInt32(), answer.GetProperty("idempotencyKey").GetString()));
        Assert.Equal(before with { Events = before.Events + 1 }, await hub.CountAsync());
    }

    [Fact]
    public async Task PostSteps_SameStepsAgain_AreAbsorbedWithTheSameAnswer()
    {
        var hub = await HubAsync();
        var code = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Accepted(code)));
        using var first = await hub.PostStepsAsync(code, Steps(Step(1, 2), Step(2, 4, 10)));
        var after = await hub.CountAsync();

        using var again = await hub.PostStepsAsync(code, Steps(Step(1, 2), Step(2, 4, 10)));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, again.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(after, await hub.CountAsync());
    }

    [Fact]
    public async Task PostSteps_RepeatedStepsFollowedByNewOnes_StoresOnlyTheNewOnes()
    {
        var hub = await HubAsync();
        var code = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Accepted(code)));
        await PostOkAsync(hub.PostStepsAsync(code, Steps(Step(1, 2), Step(2, 4, 10))));
        var before = await hub.CountAsync();

        using var response = await hub.PostStepsAsync(code, Steps(Step(2, 4, 10), Step(3, 5, 20)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var seqs = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("seq").GetInt32());
        Assert.Equal([2, 3], seqs);
        Assert.Equal(before with { Steps = before.Steps + 1, Events = before.Events + 1 }, await hub.CountAsync());
    }

    [Fact]
    public async Task PostBatch_ValidItems_AreStoredInOrderWithOneAnswerEach()
    {
        var hub = await HubAsync();
        var a = NewCode();
        var b = NewCode();
        var before = await hub.CountAsync();

        using var response = await hub.PostBatchAsync(Batch(
            DossierItem(Accepted(a)),
            ProgressItem(a, Step(1, 2), Step(2, 4, 10)),
            DossierItem(Dossier(a, 4)),
            DossierItem(Accepted(b)),
            DossierItem(Accepted(b))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2, 3, 4], items.Select(i => i.GetProperty("index").GetInt32()));
        Assert.Equal([201, 201, 200, 201, 201], items.Select(i => i.GetProperty("status").GetInt32()));
        Assert.Equal(2, items[1].GetProperty("progress").GetProperty("steps").GetArrayLength());
        Assert.Equal(2, items[2].GetProperty("dossier").GetProperty("version").GetInt32());
        // The repeated item 4 is absorbed: the same answer as item 3, no second event.
        Assert.Equal(items[3].GetProperty("dossier").ToString(), items[4].GetProperty("dossier").ToString());
        Assert.Equal(before with { Dossiers = before.Dossiers + 2, Steps = before.Steps + 2, Events = before.Events + 5, SyncStates = before.SyncStates + 2 }, await hub.CountAsync());
    }

    [Fact]
    public async Task PostBatch_OneItemIllegalAgainstStoredState_FailsAloneAndTheOthersAreWritten()
    {
        // Issue #13 item 3 (was: the whole batch rejected, nothing written).
        var hub = await HubAsync();
        var stored = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Accepted(stored)));
        var fresh = NewCode();
        var before = await hub.CountAsync();

        using var response = await hub.PostBatchAsync(Batch(
                DossierItem(Accepted(fresh)),
                ProgressItem(fresh, Step(1, 2)),
                ProgressItem(stored, Step(1, 10))),
            "k-" + Guid.NewGuid());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([201, 201, 409], items.Select(i => i.GetProperty("status").GetInt32()));
        var problem = items[2].GetProperty("problem");
        Assert.Equal("client.illegal_status_transition", problem.GetProperty("code").GetString());
        Assert.Equal(("/items/2/progress/steps/0/status", "status.transition"),
            (problem.GetProperty("errors")[0].GetProperty("field").GetString(), problem.GetProperty("errors")[0].GetProperty("reason").GetString()));
        Assert.False(items[2].TryGetProperty("progress", out _));
        // Only the written items have rows and outbox events: the fresh dossier and its step.
        Assert.Equal(before with { Dossiers = before.Dossiers + 1, Steps = before.Steps + 1, Events = before.Events + 2, SyncStates = before.SyncStates + 1, IdempotencyRecords = before.IdempotencyRecords + 1 },
            await hub.CountAsync());
        var view = await hub.GetJsonAsync($"/api/v1/dossiers/{stored}");
        Assert.Equal(0, view.GetProperty("steps").GetArrayLength());
    }

    [Fact]
    public async Task PostBatch_ItemsOfADossierWhoseCreateFailed_FailWithTheirOwnDependencyResult()
    {
        var hub = await HubAsync();
        var (broken, other) = (NewCode(), NewCode());
        var invalid = Accepted(broken);
        invalid["owner"]!["kind"] = 0;

        using var response = await hub.PostBatchAsync(Batch(
            DossierItem(invalid),
            ProgressItem(broken, Step(1, 2)),
            DossierItem(Accepted(other)),
            DossierItem(Dossier(broken, 4))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([400, 424, 201, 424], items.Select(i => i.GetProperty("status").GetInt32()));
        foreach (var (index, field) in new[] { (1, "/items/1/progress/dossierCode"), (3, "/items/3/dossier/code") })
        {
            var problem = items[index].GetProperty("problem");
            Assert.Equal("client.batch_item_dependency_failed", problem.GetProperty("code").GetString());
            var error = problem.GetProperty("errors")[0];
            Assert.Equal((field, "batch.depends_on_failed_item"), (error.GetProperty("field").GetString(), error.GetProperty("reason").GetString()));
            Assert.Contains("/items/0", error.GetProperty("messageEn").GetString(), StringComparison.Ordinal);
        }

        using var missing = await hub.Client.GetAsync(new Uri($"/api/v1/dossiers/{broken}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(1, (await hub.GetJsonAsync($"/api/v1/dossiers/{other}")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task PostBatch_WithAFailedItem_SameKeyReplaysTheSameAnswerAndWritesNothingMore()
    {
        var hub = await HubAsync();
        var code = NewCode();
        var invalid = Accepted(NewCode());
        invalid["owner"]!["kind"] = 0; // a blank summary is accepted since #13 item 4
        var body = Batch(DossierItem(Accepted(code)), DossierItem(invalid));
        var key = "k-" + Guid.NewGuid();
        using var first = await hub.PostBatchAsync(body, key);
        var after = await hub.CountAsync();

        using var second = await hub.PostBatchAsync(body, key);

        var text = await first.Content.ReadAsStringAsync();
        Assert.Equal(text, await second.Content.ReadAsStringAsync());
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal([201, 400], JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetInt32()));
        Assert.Equal(after, await hub.CountAsync());
    }

    [Fact]
    public async Task PostBatch_SameKeySameBody_ReplaysTheAnswer()
    {
        var hub = await HubAsync();
        var body = Batch(DossierItem(Accepted(NewCode())));
        var key = "k-" + Guid.NewGuid();
        using var first = await hub.PostBatchAsync(body, key);
        var after = await hub.CountAsync();

        using var second = await hub.PostBatchAsync(body, key);

        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(after, await hub.CountAsync());
    }

    [Fact]
    public async Task PostDossier_ConcurrentRetriesOfOneRequest_WriteOnceAndAnswerAlike()
    {
        var hub = await HubAsync();
        var body = Accepted(NewCode());
        var key = "k-" + Guid.NewGuid();
        var before = await hub.CountAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await hub.PostDossierAsync(body.DeepClone(), key);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }));

        Assert.Single(answers.Distinct());
        Assert.Equal(201, answers[0].Item1);
        Assert.Equal(before with { Dossiers = before.Dossiers + 1, Events = before.Events + 1, SyncStates = before.SyncStates + 1, IdempotencyRecords = before.IdempotencyRecords + 1 }, await hub.CountAsync());
    }

    [Fact]
    public async Task PostDossier_ConcurrentCreatesWithoutKey_CreateOneVersion()
    {
        var hub = await HubAsync();
        var body = Accepted(NewCode());
        var before = await hub.CountAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await hub.PostDossierAsync(body.DeepClone());
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }));

        Assert.Single(answers.Distinct());
        Assert.Equal(before with { Dossiers = before.Dossiers + 1, Events = before.Events + 1, SyncStates = before.SyncStates + 1 }, await hub.CountAsync());
    }

    [Fact]
    public async Task PostDossier_StatusIsStoredExactlyAsSent()
    {
        var hub = await HubAsync();
        var code = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Accepted(code)));
        await PostOkAsync(hub.PostDossierAsync(Dossier(code, 5)));
        await PostOkAsync(hub.PostDossierAsync(Dossier(code, 8)));

        var stored = await hub.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Code == code));
        using var document = JsonDocument.Parse(stored.Document);

        Assert.Equal((8, 8), (stored.Status, document.RootElement.GetProperty("status").GetInt32()));
    }
}

public sealed class IngestionIdempotencyOnSqliteTests(SharedHub shared) : IngestionIdempotencyTests, IClassFixture<SharedHub>
{
    private protected override Task<StatusSyncHub> HubAsync() => shared.GetAsync(() => StatusSyncHub.OnSqliteAsync(relay: false));
}

[Collection(PostgresCollection.Name)]
public sealed class IngestionIdempotencyOnPostgresTests(PostgresFixture postgres, SharedHub shared) : IngestionIdempotencyTests, IClassFixture<SharedHub>
{
    private protected override Task<StatusSyncHub> HubAsync() => shared.GetAsync(() => StatusSyncHub.OnPostgresAsync(postgres.Server, relay: false));
}
