using Lgsp.Hub.Storage;
using Lgsp.Hub.Tests.Infrastructure;
using Lgsp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Hub.Tests.Storage;

/// <summary>
/// The dossier sequence under contention: several writers (as several hub instances would be: separate
/// hosts, separate connection pools) draw from one agency's counter for one day.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DossierSequenceTests(PostgresFixture postgres)
{
    private const int Writers = 8;
    private const int DrawsPerWriter = 50;

    [Fact]
    public async Task NextValue_EightConcurrentInstancesOnPostgres_NoDuplicatesNoGaps()
    {
        var connection = await postgres.Server.CreateDatabaseAsync("seq");
        var hubs = new List<HubFactory>();
        try
        {
            for (var i = 0; i < Writers; i++)
            {
                hubs.Add(await HubFactory.OnPostgresAsync(postgres.Server, new Dictionary<string, string?> { ["Storage:ConnectionString"] = connection }));
            }

            await AssertUniqueAndContiguousAsync(hubs);
        }
        finally
        {
            foreach (var hub in hubs)
            {
                await hub.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task NextValue_EightConcurrentWritersOnSqlite_NoDuplicatesNoGaps()
    {
        await using var first = HubFactory.OnSqlite();
        var connection = first.Setting("Storage:ConnectionString")!;
        var hubs = new List<HubFactory> { first };
        try
        {
            for (var i = 1; i < Writers; i++)
            {
                hubs.Add(HubFactory.OnSqlite(new Dictionary<string, string?> { ["Storage:ConnectionString"] = connection }));
            }

            await AssertUniqueAndContiguousAsync(hubs);
        }
        finally
        {
            foreach (var hub in hubs.Skip(1))
            {
                await hub.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task NextValue_SeparateAgenciesAndDays_HaveSeparateCounters()
    {
        await using var hub = await HubFactory.OnPostgresAsync(postgres.Server);
        var store = hub.Services.GetRequiredService<DbDossierSequenceStore>();
        var day = new DateOnly(2026, 11, 24);

        Assert.Equal(1, await store.NextValueAsync("000.00.14.H56", day, CancellationToken.None));
        Assert.Equal(2, await store.NextValueAsync("000.00.14.H56", day, CancellationToken.None));
        Assert.Equal(1, await store.NextValueAsync("000.00.15.H56", day, CancellationToken.None));
        Assert.Equal(1, await store.NextValueAsync("000.00.14.H56", day.AddDays(1), CancellationToken.None));
        Assert.Equal(3, await store.NextValueAsync("000.00.14.H56", day, CancellationToken.None));
    }

    private static async Task AssertUniqueAndContiguousAsync(IReadOnlyList<HubFactory> hubs)
    {
        // Start every host (and run migrations) before the race, so the race is only about the counter.
        var stores = hubs.Select(h => h.Services.GetRequiredService<DbDossierSequenceStore>()).ToList();
        var day = new DateOnly(2026, 11, 24);
        using var start = new Barrier(stores.Count);

        var draws = await Task.WhenAll(stores.Select(store => Task.Run(async () =>
        {
            start.SignalAndWait();
            var mine = new List<long>(DrawsPerWriter);
            for (var i = 0; i < DrawsPerWriter; i++)
            {
                mine.Add(await store.NextValueAsync("000.00.14.H56", day, CancellationToken.None));
            }

            return mine;
        })));

        var all = draws.SelectMany(d => d).Order().ToList();
        Assert.Equal(Writers * DrawsPerWriter, all.Count);
        Assert.Equal(Enumerable.Range(1, Writers * DrawsPerWriter).Select(i => (long)i), all);
        Assert.All(draws, d => Assert.Equal(d.Order(), d));
    }
}
