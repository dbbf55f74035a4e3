using System.Net;
using System.Text.Json;
using Lgsp.Hub.Storage;
using Lgsp.Hub.Tests.Infrastructure;
using Lgsp.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Hub.Tests.Storage;

/// <summary>The hub on its production store: a real PostgreSQL started by the test run.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Hub_migrates_an_empty_database_and_reports_ready()
    {
        await using var hub = await HubFactory.OnPostgresAsync(postgres.Server);
        using var client = hub.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());

        await using var scope = hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        Assert.True(db.Database.IsNpgsql());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Ready_is_unhealthy_when_the_database_is_gone()
    {
        await using var hub = await HubFactory.OnPostgresAsync(postgres.Server);
        using var client = hub.CreateClient();
        using (var first = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await using (var scope = hub.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var name = db.Database.GetDbConnection().Database;
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var admin = new Npgsql.NpgsqlConnection(postgres.Server.AdminConnectionString);
            await admin.OpenAsync();
            await using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE \"{name}\" WITH (FORCE)";
            await drop.ExecuteNonQueryAsync();
        }

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }
}
