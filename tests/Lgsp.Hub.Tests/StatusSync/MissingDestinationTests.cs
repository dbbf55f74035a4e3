using System.Net;
using System.Text.Json;
using Lgsp.Hub.StatusSync.Outbox;
using Lgsp.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.StatusSync;

public sealed class MissingDestinationTests
{
    [Fact]
    public async Task Relay_NoDestinationRegisteredForTheSide_KeepsEventsPendingWithoutDeadLetters()
    {
        // The embedded default before the portal adapters exist: nothing to deliver to, nothing lost or parked.
        await using var hub = HubFactory.OnSqlite(StatusSyncHub.FastRelay());
        using var client = hub.CreateClient();
        var code = NewCode();

        using var created = await client.PostAsync(new Uri("/api/v1/dossiers", UriKind.Relative), Json(Accepted(code)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await Task.Delay(500);

        using var view = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/dossiers/{code}", UriKind.Relative)));
        var sync = view.RootElement.GetProperty("sync")[0];
        Assert.Equal(("pending", 0), (sync.GetProperty("state").GetString(), sync.GetProperty("attempts").GetInt32()));
        Assert.Empty(await hub.Services.GetRequiredService<DossierDeadLetters>().ListAsync(null, 10, CancellationToken.None));
    }
}
