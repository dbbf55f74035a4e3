using System.Net;
using System.Text.Json;
using Lgsp.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static Lgsp.Hub.Tests.StatusSync.DossierValidationTests;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.StatusSync;

/// <summary>
/// The pull feed: a consumer that resumes with <c>after = next</c> sees every change exactly once, in order, even
/// when transactions commit in another order than they drew their ids.
/// </summary>
public abstract class ChangeFeedTests
{
    private protected abstract Task<StatusSyncHub> HubAsync(bool relay = false);

    [Fact]
    public async Task GetChanges_PagedWithTheCursor_ReturnsEveryEventOnceInOrder()
    {
        await using var hub = await HubAsync();
        var a = NewCode();
        var b = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Accepted(a)));
        await PostOkAsync(hub.PostStepsAsync(a, Steps(Step(1, 2), Step(2, 4, 10))));
        await PostOkAsync(hub.PostDossierAsync(Accepted(b)));
        await PostOkAsync(hub.PostDossierAsync(Dossier(a, 4)));

        var read = await ReadAllAsync(hub, after: 0, limit: 2);

        Assert.Equal([1L, 2, 3, 4, 5], read.Select(r => r.Position));
        Assert.Equal([a + "@1", a + "#1", a + "#2", b + "@1", a + "@2"], read.Select(r => r.Event.GetProperty("idempotencyKey").GetString()));
        var stored = await hub.WithDbAsync(db => db.DossierEvents.OrderBy(e => e.Position).Select(e => e.EventId).ToListAsync());
        Assert.Equal(stored, read.Select(r => r.Event.GetProperty("messageId").GetGuid()));
        var page = await hub.GetJsonAsync("/api/v1/dossiers/changes?after=5");
        Assert.Equal((0, 5L), (page.GetProperty("items").GetArrayLength(), page.GetProperty("next").GetInt64()));
    }

    [Theory]
    [InlineData("after=-1", "after")]
    [InlineData("after=x", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    public async Task GetChanges_BadCursorOrLimit_IsRefusedNamingTheParameter(string query, string field)
    {
        await using var hub = await HubAsync();

        using var response = await hub.Client.GetAsync(new Uri("/api/v1/dossiers/changes?" + query, UriKind.Relative));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "client.validation_failed");
        Assert.Equal((field, "query.range"), (problem.GetProperty("errors")[0].GetProperty("field").GetString(), problem.GetProperty("errors")[0].GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task GetChanges_ConcurrentWritersOnTwoInstances_ReaderSeesEveryEventOnceInOrder()
    {
        const int writers = 8;
        const int perWriter = 25;
        await using var one = await HubAsync(relay: true);
        await using var two = one.Sibling(new Dictionary<string, string?> { ["StatusSync:RelayEnabled"] = "true" });
        var writing = Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                await PostOkAsync((w % 2 == 0 ? one : two).PostDossierAsync(Accepted(NewCode())));
            }
        })));

        // A consumer following the feed while it is being written (and stamped by two relays and by itself).
        var read = new List<(long Position, JsonElement Event)>();
        var cursor = 0L;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!writing.IsCompleted || read.Count < writers * perWriter)
        {
            if (writing.IsFaulted)
            {
                await writing;
            }

            Assert.True(DateTime.UtcNow < deadline, $"read {read.Count} of {writers * perWriter} events");
            var page = await (read.Count % 2 == 0 ? one : two).GetJsonAsync($"/api/v1/dossiers/changes?after={cursor}&limit=7");
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                read.Add((item.GetProperty("position").GetInt64(), item.GetProperty("event").Clone()));
            }

            cursor = page.GetProperty("next").GetInt64();
            Assert.True(read.Count <= writers * perWriter, "more events read than written");
        }

        await writing;
        Assert.Equal(Enumerable.Range(1, writers * perWriter).Select(i => (long)i), read.Select(r => r.Position));
        var written = await one.WithDbAsync(db => db.DossierEvents.Select(e => e.EventId).ToListAsync());
        Assert.Equal(written.Order(), read.Select(r => r.Event.GetProperty("messageId").GetGuid()).Order());
    }

    private static async Task<List<(long Position, JsonElement Event)>> ReadAllAsync(StatusSyncHub hub, long after, int limit)
    {
        var read = new List<(long, JsonElement)>();
        while (true)
        {
            var page = await hub.GetJsonAsync($"/api/v1/dossiers/changes?after={after}&limit={limit}");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            if (items.Count == 0)
            {
                return read;
            }

            Assert.True(items.Count <= limit);
            read.AddRange(items.Select(i => (i.GetProperty("position").GetInt64(), i.GetProperty("event").Clone())));
            after = page.GetProperty("next").GetInt64();
        }
    }
}

public sealed class ChangeFeedOnSqliteTests : ChangeFeedTests
{
    private protected override Task<StatusSyncHub> HubAsync(bool relay = false) => StatusSyncHub.OnSqliteAsync(relay);
}

[Collection(PostgresCollection.Name)]
public sealed class ChangeFeedOnPostgresTests(PostgresFixture postgres) : ChangeFeedTests
{
    private protected override Task<StatusSyncHub> HubAsync(bool relay = false) => StatusSyncHub.OnPostgresAsync(postgres.Server, relay);

    /// <summary>
    /// Dossier B draws its event id first but commits last (its transaction is held at its last statement by an
    /// advisory lock the test owns); C commits in between. A consumer that read C and moved its cursor on must still
    /// get B: positions follow commits, not ids. C goes as a batch: single-dossier requests of one instance share one
    /// writer (group commit), so C sent alone would wait behind B; a batch has its own transaction, as does a request
    /// to another instance.
    /// </summary>
    [Fact]
    public async Task GetChanges_TransactionWithASmallerIdCommittingLater_IsNotSkipped()
    {
        await using var hub = await HubAsync();
        var a = NewCode();
        var b = NewCode();
        var c = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Accepted(a)));
        // B's code is test data made of letters, digits, dots and hyphens: safe to splice into the DDL.
        var holdB = $"""
            CREATE FUNCTION hold_b() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.dossier_code = '{b}' THEN PERFORM pg_advisory_xact_lock(4242); END IF; RETURN NEW; END $$;
            CREATE TRIGGER hold_b BEFORE INSERT ON dossier_sync_states FOR EACH ROW EXECUTE FUNCTION hold_b();
            """;
        await hub.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(holdB));
        await using var holder = new NpgsqlConnection(hub.Factory.Setting("Storage:ConnectionString"));
        await holder.OpenAsync();
        await Execute(holder, "SELECT pg_advisory_lock(4242)");

        var postingB = hub.PostDossierAsync(Accepted(b));
        await WaitForAsync(holder, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
        await PostOkAsync(hub.PostBatchAsync(Batch(DossierItem(Accepted(c)))));

        var first = await hub.GetJsonAsync("/api/v1/dossiers/changes?after=0");
        Assert.Equal([a + "@1", c + "@1"], Keys(first));
        var cursor = first.GetProperty("next").GetInt64();

        await Execute(holder, "SELECT pg_advisory_unlock(4242)");
        await PostOkAsync(postingB);

        var second = await hub.GetJsonAsync($"/api/v1/dossiers/changes?after={cursor}");
        Assert.Equal([b + "@1"], Keys(second));
        var ids = await hub.WithDbAsync(db => db.DossierEvents.ToDictionaryAsync(e => e.DossierCode, e => e.Id));
        Assert.True(ids[b] < ids[c], "B drew its id before C and committed after it");
    }

    private static IEnumerable<string?> Keys(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("event").GetProperty("idempotencyKey").GetString());

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task WaitForAsync(NpgsqlConnection connection, string countSql)
    {
        for (var i = 0; i < 400; i++)
        {
            await using var command = new NpgsqlCommand(countSql, connection);
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail("The held transaction never reached its lock.");
    }
}
