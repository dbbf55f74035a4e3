using System.Globalization;
using Lgsp.Core.Codes;
using Lgsp.Testing;
using Microsoft.EntityFrameworkCore;
using static Lgsp.Hub.Tests.StatusSync.DossierValidationTests;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.StatusSync;

/// <summary>
/// MaHoSoKhac aliases come from one per-agency, per-day sequence in the database: two hub instances on one PostgreSQL
/// database, writing at once, never hand out the same alias (issue #13 item 5).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DossierAliasConcurrencyTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Post_ManyCodesWithoutTheProvinceOnTwoInstancesAtOnce_GetDistinctAliases()
    {
        await using var hub = await StatusSyncHub.OnPostgresAsync(postgres.Server, relay: false);
        await using var sibling = hub.Sibling();
        var start = Random.Shared.Next(1, 900_000);
        var codes = Enumerable.Range(start, 40).Select(n => string.Create(CultureInfo.InvariantCulture, $"G09.20-20250812-{n:D7}")).ToList();

        await Task.WhenAll(codes.Select((code, i) => PostOkAsync((i % 2 == 0 ? hub : sibling).PostDossierAsync(Accepted(code)))));

        var aliases = await hub.WithDbAsync(db => db.Dossiers.Where(d => codes.Contains(d.Code)).Select(d => d.Alias).ToListAsync());
        Assert.Equal(40, aliases.Count);
        Assert.All(aliases, a => Assert.Equal(DossierCodeKind.Alias, DossierCode.Parse(a!).Kind));
        Assert.Equal(40, aliases.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(
            Enumerable.Range(1, 40).Select(n => string.Create(CultureInfo.InvariantCulture, $"H56.14-250812-{n:D5}")),
            aliases.Order(StringComparer.Ordinal));
    }
}
