using System.Net;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.StatusSync;

public sealed class SmokeTests
{
    [Fact]
    public async Task Smoke_PostGetDeliver_Works()
    {
        await using var hub = await StatusSyncHub.OnSqliteAsync();
        var code = NewCode();
        using var created = await hub.PostDossierAsync(Accepted(code));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        using var steps = await hub.PostStepsAsync(code, Steps(Step(1, 2), Step(2, 4, 5)));
        Assert.True(steps.StatusCode == HttpStatusCode.Created, await steps.Content.ReadAsStringAsync());
        await StatusSyncHub.EventuallyAsync(() => hub.Dvcqg.Accepted.Count == 3, "3 delivered");
        var view = await hub.GetJsonAsync($"/api/v1/dossiers/{code}");
        Assert.Equal(2, view.GetProperty("steps").GetArrayLength());
        var changes = await hub.GetJsonAsync("/api/v1/dossiers/changes?after=0");
        Assert.Equal(3, changes.GetProperty("items").GetArrayLength());
    }
}

[Collection(Lgsp.Testing.PostgresCollection.Name)]
public sealed class PostgresSmokeTests(Lgsp.Testing.PostgresFixture postgres)
{
    [Fact]
    public async Task Smoke_PostGetDeliver_WorksOnPostgres()
    {
        await using var hub = await StatusSyncHub.OnPostgresAsync(postgres.Server);
        var code = NewCode();
        using var created = await hub.PostDossierAsync(Accepted(code));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        using var steps = await hub.PostStepsAsync(code, Steps(Step(1, 2), Step(2, 4, 5)));
        Assert.True(steps.StatusCode == HttpStatusCode.Created, await steps.Content.ReadAsStringAsync());
        await StatusSyncHub.EventuallyAsync(() => hub.Dvcqg.Accepted.Count == 3, "3 delivered");
        var view = await hub.GetJsonAsync($"/api/v1/dossiers/{code}");
        Assert.Equal(2, view.GetProperty("steps").GetArrayLength());
        var changes = await hub.GetJsonAsync("/api/v1/dossiers/changes?after=0");
        Assert.Equal(3, changes.GetProperty("items").GetArrayLength());
        var rec = await hub.GetJsonAsync("/api/v1/reconciliation?agency=H56&from=2025-08-01&to=2025-08-31");
        Assert.Equal(1, rec.GetProperty("received").GetInt32());
    }
}
