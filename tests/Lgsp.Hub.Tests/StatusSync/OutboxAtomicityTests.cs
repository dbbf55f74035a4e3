using System.Net;
using System.Text.Json;
using Lgsp.Testing;
using Microsoft.EntityFrameworkCore;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.StatusSync;

/// <summary>
/// The change and its outbox event are one transaction: when the database refuses the last statement before the
/// commit (a trigger on the sync-state table, which is written after the dossier, its steps, the outbox rows and the
/// idempotency record), none of them remains.
/// </summary>
public abstract class OutboxAtomicityTests
{
    private protected abstract Task<StatusSyncHub> HubAsync();

    private protected abstract string FailingTriggerSql { get; }

    [Fact]
    public async Task PostDossier_FailureAfterTheChangeBeforeCommit_LeavesNeitherChangeNorOutbox()
    {
        await using var hub = await HubAsync();
        var code = NewCode();
        await hub.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(FailingTriggerSql));

        using var response = await hub.PostDossierAsync(Accepted(code), "k-" + Guid.NewGuid());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("hub.internal", "hub"), (problem.GetProperty("code").GetString(), problem.GetProperty("faultOrigin").GetString()));
        Assert.Equal(new StatusSyncHub.Counts(0, 0, 0, 0, 0), await hub.CountAsync());
    }

    [Fact]
    public async Task PostSteps_FailureAfterTheChangeBeforeCommit_LeavesTheStoredStateAsItWas()
    {
        await using var hub = await HubAsync();
        var code = NewCode();
        await DossierValidationTests.PostOkAsync(hub.PostDossierAsync(Accepted(code)));
        var before = await hub.CountAsync();
        await hub.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(FailingTriggerSql));

        using var response = await hub.PostStepsAsync(code, Steps(Step(1, 2), Step(2, 4, 10)));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(before, await hub.CountAsync());
        var row = await hub.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Code == code));
        Assert.Null(row.LastStepSeq);
    }
}

public sealed class OutboxAtomicityOnSqliteTests : OutboxAtomicityTests
{
    private protected override string FailingTriggerSql => """
        CREATE TRIGGER fail_sync_state BEFORE INSERT ON dossier_sync_states
        BEGIN SELECT RAISE(ABORT, 'injected failure before commit'); END;
        """;

    private protected override Task<StatusSyncHub> HubAsync() => StatusSyncHub.OnSqliteAsync(relay: false);
}

[Collection(PostgresCollection.Name)]
public sealed class OutboxAtomicityOnPostgresTests(PostgresFixture postgres) : OutboxAtomicityTests
{
    private protected override string FailingTriggerSql => """
        CREATE FUNCTION fail_sync_state() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'injected failure before commit'; END $$;
        CREATE TRIGGER fail_sync_state BEFORE INSERT OR UPDATE ON dossier_sync_states
        FOR EACH ROW EXECUTE FUNCTION fail_sync_state();
        """;

    private protected override Task<StatusSyncHub> HubAsync() => StatusSyncHub.OnPostgresAsync(postgres.Server, relay: false);
}
