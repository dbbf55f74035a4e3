using System.Net;
using System.Text.Json;
using Lgsp.Core.Codes;
using Lgsp.Core.StatusSync;
using Lgsp.Hub.StatusSync.Ingestion;
using Lgsp.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Lgsp.Hub.Tests.StatusSync.DossierValidationTests;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.StatusSync;

/// <summary>
/// Concurrent single-dossier requests share commits (issue #16): all accepted, every event stored once, each dossier's
/// events in the order they were sent, never more commits than events; a refused request in a group fails alone.
/// </summary>
public abstract class IngestionGroupCommitTests
{
    private protected const int Clients = 20;
    private protected const int EventsPerClient = 10;

    private protected abstract Task<StatusSyncHub> HubAsync();

    [Fact]
    public async Task PostSingleEvents_TwentyClientsAtOnce_AllStoredOnceInOrder()
    {
        await using var hub = await HubAsync();
        var ingestion = hub.Host.Services.GetRequiredService<DossierIngestion>();
        var (commits, events) = (ingestion.CommitCount, ingestion.CommittedEvents);
        var codes = Enumerable.Range(0, Clients).Select(_ => NewCode()).ToList();

        await Task.WhenAll(codes.Select(SendDossierAndStepsAsync(hub)));

        Assert.Equal(Clients * EventsPerClient, ingestion.CommittedEvents - events);
        Assert.InRange(ingestion.CommitCount - commits, 1, Clients * EventsPerClient);
        await AssertStoredOnceInOrderAsync(hub, codes);
    }

    /// <summary>Each client: its dossier, then its steps one request at a time, each sent after the previous answer.</summary>
    private protected static Func<string, Task> SendDossierAndStepsAsync(StatusSyncHub hub) => async code =>
    {
        await PostOkAsync(hub.PostDossierAsync(Accepted(code)));
        for (var seq = 1; seq < EventsPerClient; seq++)
        {
            await PostOkAsync(hub.PostStepsAsync(code, Steps(Step(seq, 4, seq))));
        }
    };

    private protected static async Task AssertStoredOnceInOrderAsync(StatusSyncHub hub, IReadOnlyList<string> codes)
    {
        var stored = await hub.WithDbAsync(db => db.DossierEvents.AsNoTracking().Where(e => codes.Contains(e.DossierCode))
            .OrderBy(e => e.Id).Select(e => new { e.DossierCode, e.IdempotencyKey }).ToListAsync());
        Assert.Equal(codes.Count * EventsPerClient, stored.Count);
        foreach (var code in codes)
        {
            var dossier = DossierCode.Parse(code);
            string[] expected = [DossierEventKeys.ForVersion(dossier, 1), .. Enumerable.Range(1, EventsPerClient - 1).Select(seq => DossierEventKeys.ForStep(dossier, seq))];
            Assert.Equal(expected, stored.Where(e => e.DossierCode == code).Select(e => e.IdempotencyKey));
        }

        var steps = await hub.WithDbAsync(db => db.DossierSteps.AsNoTracking().CountAsync(s => codes.Contains(s.DossierCode)));
        Assert.Equal(codes.Count * (EventsPerClient - 1), steps);
    }
}

public sealed class IngestionGroupCommitOnSqliteTests : IngestionGroupCommitTests
{
    private protected override Task<StatusSyncHub> HubAsync() => StatusSyncHub.OnSqliteAsync(relay: false);
}

/// <summary>
/// On PostgreSQL a test can hold the hub's writer at a known point: a transaction of the test's own locks the
/// dossiers table, so the writer's locking read waits while the other requests queue up behind it. When the lock goes,
/// the requests waiting then are at most two commits (the group that was waiting, and all the rest), whatever the timing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class IngestionGroupCommitOnPostgresTests(PostgresFixture postgres) : IngestionGroupCommitTests
{
    private protected override Task<StatusSyncHub> HubAsync() => StatusSyncHub.OnPostgresAsync(postgres.Server, relay: false);

    [Fact]
    public async Task PostSingleEvents_TwentyClientsQueuedBehindALock_FewerCommitsThanEvents()
    {
        await using var hub = await HubAsync();
        var ingestion = hub.Host.Services.GetRequiredService<DossierIngestion>();
        var (commits, events) = (ingestion.CommitCount, ingestion.CommittedEvents);
        var codes = Enumerable.Range(0, Clients).Select(_ => NewCode()).ToList();

        Task all;
        await using (await LockDossiersAsync(hub))
        {
            all = Task.WhenAll(codes.Select(SendDossierAndStepsAsync(hub)));
            await StatusSyncHub.EventuallyAsync(() => ingestion.Waiting == Clients, "every client's first request waiting for the writer");
        }

        await all;

        // The 20 dossiers took at most 2 commits; each later step at most one.
        Assert.Equal(Clients * EventsPerClient, ingestion.CommittedEvents - events);
        Assert.InRange(ingestion.CommitCount - commits, 1, 2 + (Clients * (EventsPerClient - 1)));
        Assert.True(ingestion.CommitCount - commits < Clients * EventsPerClient);
        await AssertStoredOnceInOrderAsync(hub, codes);
    }

    [Fact]
    public async Task PostSingleEvents_OneRefusedInAGroup_FailsAloneAndTheOthersAreStored()
    {
        await using var hub = await HubAsync();
        var ingestion = hub.Host.Services.GetRequiredService<DossierIngestion>();
        var codes = Enumerable.Range(0, 4).Select(_ => NewCode()).ToList();
        foreach (var code in codes)
        {
            await PostOkAsync(hub.PostDossierAsync(Accepted(code)));
        }

        await PostOkAsync(hub.PostStepsAsync(codes[0], Steps(Step(1, 4, 1))));
        var before = await hub.CountAsync();
        var commits = ingestion.CommitCount;

        Task<HttpResponseMessage>[] requests;
        await using (await LockDossiersAsync(hub))
        {
            requests =
            [
                hub.PostStepsAsync(codes[1], Steps(Step(1, 4, 1))),
                hub.PostStepsAsync(codes[0], Steps(Step(1, 2, 1))), // seq 1 is stored with other content: 409
                hub.PostStepsAsync(codes[2], Steps(Step(1, 4, 1)), "key-" + Guid.NewGuid()),
                hub.PostStepsAsync(codes[0], Steps(Step(2, 4, 2))),
                hub.PostStepsAsync(codes[3], Steps(Step(1, 4, 1))),
            ];
            await StatusSyncHub.EventuallyAsync(() => ingestion.Waiting == requests.Length, "the five requests waiting for the writer");
        }

        var answers = await Task.WhenAll(requests);

        Assert.Equal(
            [HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created],
            answers.Select(a => a.StatusCode));
        var problem = JsonDocument.Parse(await answers[1].Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("client.dossier_step_conflict", problem.GetProperty("code").GetString());
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == "/steps/0/seq");
        Assert.InRange(ingestion.CommitCount - commits, 1, 2);
        var after = await hub.CountAsync();
        Assert.Equal(before with { Steps = before.Steps + 4, Events = before.Events + 4, IdempotencyRecords = before.IdempotencyRecords + 1 }, after);
        var stored = await hub.WithDbAsync(db => db.DossierSteps.AsNoTracking().SingleAsync(s => s.DossierCode == codes[0] && s.Seq == 1));
        Assert.Equal(4, stored.Status);
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    /// <summary>A transaction of the test's own holding the dossiers table: the hub's locking read waits until it is disposed.</summary>
    private static async Task<IAsyncDisposable> LockDossiersAsync(StatusSyncHub hub)
    {
        var scope = hub.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Lgsp.Hub.Storage.HubDbContext>();
        var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("LOCK TABLE dossiers IN EXCLUSIVE MODE");
        return new Lock(scope, transaction);
    }

    private sealed class Lock(AsyncServiceScope scope, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await scope.DisposeAsync();
        }
    }
}
