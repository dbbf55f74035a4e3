using System.Net;
using Lgsp.Hub.StatusSync.Outbox;
using Microsoft.Extensions.DependencyInjection;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.StatusSync;

public sealed class MissingDestinationTests
{
    [Fact]
    public async Task Relay_NoDestinationRegisteredForTheSide_KeepsEventsPendingWithoutDeadLetters()
    {
        // A hub with neither portal adapter's destination: nothing to deliver to, nothing lost or parked.
        await using var hub = StatusSyncHub.WithoutDestinations();
        var code = NewCode();

        using var created = await hub.PostDossierAsync(Accepted(code));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // Relay rounds that began after the event was committed have passed over it.
        await hub.Relay.RoundsAsync();

        var sync = (await hub.GetJsonAsync($"/api/v1/dossiers/{code}")).GetProperty("sync")[0];
        Assert.Equal(("pending", 0), (sync.GetProperty("state").GetString(), sync.GetProperty("attempts").GetInt32()));
        Assert.Empty(await hub.Host.Services.GetRequiredService<DossierDeadLetters>().ListAsync(null, 10, CancellationToken.None));
        Assert.Empty(hub.Relay.Published);
    }
}
