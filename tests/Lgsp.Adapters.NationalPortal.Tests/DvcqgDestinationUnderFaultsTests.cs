using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Adapters.Contract;
using Lgsp.Core.Dossiers;
using Lgsp.Core.StatusSync;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Adapters.NationalPortal.Tests;

/// <summary>
/// A small version of the end-to-end run, with the hub's delivery contract played by the test (each dossier's
/// events in order, eight dossiers at a time, a failed event delivered again until it goes, and some events delivered
/// twice as at-least-once allows): DVCQG down, then throttling, then losing answers after storing. Every row arrives,
/// in order, none twice.
/// </summary>
public sealed class DvcqgDestinationUnderFaultsTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private const int DossierCount = 40;
    private const int StepsPerDossier = 11;

    public Task InitializeAsync() => sandbox.ResetFaultAsync(NationalPortalSource.Name);

    public Task DisposeAsync() => sandbox.ResetFaultAsync(NationalPortalSource.Name);

    [Fact]
    public async Task Deliver_ManyDossiersThroughOutagesThrottlingAndLostAnswers_LosesNothingAndDuplicatesNothing()
    {
        using var adapter = StandIn.Dvcqg.CreateAdapter(sandbox, new()
        {
            ["Adapters:dvcqg:Retry:MaxRetryAttempts"] = "3",
            ["Adapters:dvcqg:Retry:BaseDelay"] = "00:00:00.010",
            ["Adapters:dvcqg:Retry:MaxDelay"] = "00:00:00.050",
            // The breaker would only slow the test down; its behaviour is the contract suite's business.
            ["Adapters:dvcqg:CircuitBreaker:MinimumThroughput"] = "100000",
        });
        var destination = adapter.GetServices<IDossierDestination>().Single(d => d.Name == SyncSides.Dvcqg);
        var dossiers = Enumerable.Range(1, DossierCount)
            .Select(i => Dossiers.Processing(string.Create(CultureInfo.InvariantCulture, $"H56.15-251124-{i:D4}")))
            .ToList();
        var random = new Random(7);
        var redeliver = dossiers.ToDictionary(d => d.Code.Value, _ => random.Next(StepsPerDossier + 1));

        // Each phase lasts a number of calls rather than a time, so the run is the same on a slow machine.
        await sandbox.SetFaultAsync(NationalPortalSource.Name, new { mode = "down", count = 40 });
        var delivery = Parallel.ForEachAsync(dossiers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (dossier, ct) =>
        {
            var events = new List<DossierEvent> { Dossiers.Updated(dossier, 1) };
            events.AddRange(Enumerable.Range(1, StepsPerDossier).Select(seq => Dossiers.Step(dossier, seq)));
            for (var i = 0; i < events.Count; i++)
            {
                await DeliverUntilTakenAsync(destination, events[i], ct);
                if (i == redeliver[dossier.Code.Value])
                {
                    await DeliverUntilTakenAsync(destination, events[i], ct); // at least once: the same event again
                }
            }
        });
        Assert.Equal(40, await FaultsAfterAsync(40, delivery));
        await sandbox.SetFaultAsync(NationalPortalSource.Name, new { mode = "ratelimit", retryAfterSeconds = 0, probability = 0.3, seed = 11, count = 150 });
        Assert.Equal(150, await FaultsAfterAsync(150, delivery));
        await sandbox.SetFaultAsync(NationalPortalSource.Name, new { mode = "lostanswer", probability = 0.1, seed = 13, count = 30 });
        await delivery;
        Assert.True(await sandbox.FaultsAppliedAsync(NationalPortalSource.Name) > 0, "no answer was lost: the run ended too early to test it");

        foreach (var dossier in dossiers)
        {
            var received = await StandIn.Dvcqg.ReceivedAsync(sandbox, dossier.Code.Value);
            Assert.True(received.GetProperty("exists").GetBoolean());
            var rows = received.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("errorCode").GetString() == "0").ToList();
            Assert.Equal(Enumerable.Range(1, StepsPerDossier).Select(n => string.Create(CultureInfo.InvariantCulture, $"Bước {n}")),
                rows.Select(r => r.GetProperty("row").GetProperty("NoiDungXuLy").GetString()));
            Assert.Equal(0, received.GetProperty("duplicateRows").GetInt32());
        }

        var summary = await sandbox.Control.GetFromJsonAsync<JsonElement>("/_sandbox/dvcqg/received");
        Assert.Equal(0, summary.GetProperty("duplicateRows").GetInt32());
    }

    /// <summary>Waits until the switch has hit <paramref name="count"/> calls (or the delivery is over); how many it hit.</summary>
    private async Task<int> FaultsAfterAsync(int count, Task delivery)
    {
        int applied;
        while ((applied = await sandbox.FaultsAppliedAsync(NationalPortalSource.Name)) < count && !delivery.IsCompleted)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }

        return applied;
    }

    /// <summary>What the hub's relay does with one event: deliver, and after a failure deliver the same event again.</summary>
    private static async Task DeliverUntilTakenAsync(IDossierDestination destination, DossierEvent dossierEvent, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await destination.DeliverAsync(dossierEvent, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not DossierDeliveryRejectedException && attempt < 200)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }
    }
}
