using Lgsp.Core.Codes;
using Lgsp.Hub.Storage;
using Lgsp.Hub.Tests.Infrastructure;
using Lgsp.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

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

    [Fact]
    public async Task NextAsync_EightConcurrentInstancesOnPostgres_IssueUniqueParseableDossierCodes()
    {
        var connection = await postgres.Server.CreateDatabaseAsync("codes");

        // 23:59 in Vietnam (16:59 UTC) on a day that is not today: the code's date comes from the hub's TimeProvider
        // and is Vietnam's, whatever the host's zone.
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 8, 12, 23, 59, 0, TimeSpan.FromHours(7)));
        var agency = AgencyCode.Parse("H56.14");
        var hubs = new List<HubFactory>();
        try
        {
            var generators = new List<DossierCodeGenerator>();
            for (var i = 0; i < Writers; i++)
            {
                var hub = await HubFactory.OnPostgresAsync(postgres.Server, new Dictionary<string, string?> { ["Storage:ConnectionString"] = connection });
                hubs.Add(hub);
                var host = hub.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
                generators.Add(host.Services.GetRequiredService<DossierCodeGenerator>());
            }

            using var start = new Barrier(generators.Count);
            var issued = await Task.WhenAll(generators.Select(generator => Task.Run(async () =>
            {
                start.SignalAndWait();
                var mine = new List<string>(DrawsPerWriter);
                for (var i = 0; i < DrawsPerWriter; i++)
                {
                    mine.Add((await generator.NextAsync(agency)).Value);
                }

                return mine;
            })));

            var all = issued.SelectMany(c => c).ToList();
            Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
            var parsed = all.Select(DossierCode.Parse).ToList();
            Assert.All(parsed, c =>
            {
                Assert.Equal(DossierCodeKind.Provincial, c.Kind);
                Assert.Equal(agency, c.Agency);
                Assert.Equal(new DateOnly(2025, 8, 12), c.Date);
                Assert.StartsWith("H56.14-250812-", c.Value, StringComparison.Ordinal);
            });
            Assert.Equal(Enumerable.Range(1, Writers * DrawsPerWriter), parsed.Select(c => c.Sequence).Order());
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
    public async Task Services_Hub_ResolvesTheDatabaseSequenceBehindTheCoreInterface()
    {
        await using var hub = HubFactory.OnSqlite();

        Assert.Same(hub.Services.GetRequiredService<DbDossierSequenceStore>(), hub.Services.GetRequiredService<IDossierSequence>());
        Assert.NotNull(hub.Services.GetRequiredService<DossierCodeGenerator>());
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
