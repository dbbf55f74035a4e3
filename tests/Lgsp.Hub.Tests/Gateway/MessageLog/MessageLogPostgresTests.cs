using System.Net;
using Lgsp.Adapters.Contract;
using Lgsp.Hub.Gateway.MessageLog;
using Lgsp.Hub.Storage;
using Lgsp.Hub.Tests.Identity;
using Lgsp.Hub.Tests.Infrastructure;
using Lgsp.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Hub.Tests.Gateway.MessageLog;

/// <summary>
/// The production store: two hub instances on one PostgreSQL database append concurrently to the one chain (the head
/// row's lock serialises their batches); the chain verifies, and an edited row is found even with the triggers off.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MessageLogPostgresTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly SandboxFixture _sandbox = new();

    public Task InitializeAsync() => _sandbox.InitializeAsync();

    public Task DisposeAsync() => _sandbox.DisposeAsync();

    [Fact]
    public async Task TwoInstances_ConcurrentLookups_OneChainThatVerifiesAndDetectsAnEdit()
    {
        var directory = HubFactory.NewDirectory();
        try
        {
            var database = await postgres.Server.CreateDatabaseAsync("messagelog");
            var settings = new Dictionary<string, string?>
            {
                ["Adapters:business:BaseUrl"] = _sandbox.HttpBaseUrl.ToString(),
                ["Adapters:business:CredentialsSecret"] = "LGSP_TEST_PG_BUSINESS_CREDENTIALS",
                ["LGSP_TEST_PG_BUSINESS_CREDENTIALS"] = "{\"consumerKey\":\"sandbox-business-consumer-key\",\"consumerSecret\":\"sandbox-business-consumer-secret-NOT-A-SECRET\"}",
                ["Identity:Issuer"] = "https://sso.lgsp.test/",
            };
            var variable = "LGSP_TEST_SHARED_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
            Environment.SetEnvironmentVariable(variable, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(33)));
            settings["Identity:Clients:provincial-portal:SecretEnvironmentVariable"] = variable;
            await using var first = IdentityHub.Start(await HubFactory.OnPostgresAsync(postgres.Server, new Dictionary<string, string?>(settings) { ["Gateway:MessageLog:InstanceId"] = "hub-a" }, connectionString: database, directory: directory));
            await using var second = IdentityHub.Start(await HubFactory.OnPostgresAsync(postgres.Server, new Dictionary<string, string?>(settings) { ["Gateway:MessageLog:InstanceId"] = "hub-b" }, connectionString: database, directory: directory));
            var demo = await _sandbox.DemoAsync();
            var codes = demo.GetProperty("enterprises").EnumerateArray().Select(e => e.GetProperty("enterpriseCode").GetString()!).ToList();
            using var api = first.Api();
            var token = (await Oidc.ClientCredentialsAsync(api, "provincial-portal", first.Secret("provincial-portal"), "lgsp.business.read")).AccessToken;

            await Parallel.ForEachAsync(Enumerable.Range(0, 80), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            {
                using var client = (i % 2 == 0 ? first : second).Api();
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/business/enterprises/" + codes[i % codes.Count]);
                request.Headers.Authorization = new("Bearer", token);
                request.Headers.Add("X-Lgsp-Purpose", "1.001193");
                using var response = await client.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            });

            Assert.Equal(MessageLogCommand.Valid, await VerifyAsync(second));
            await using (var scope = first.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
                var instances = await db.MessageLogRecords.GroupBy(r => r.InstanceId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
                Assert.Equal([("hub-a", 40), ("hub-b", 40)], instances.OrderBy(i => i.Key).Select(i => (i.Key, i.Count)));
                Assert.Equal(80, await db.MessageLogRecords.MaxAsync(r => r.Id));

                await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync("UPDATE message_log SET outcome = 'x' WHERE id = 40"));
                await db.Database.ExecuteSqlRawAsync("ALTER TABLE message_log DISABLE TRIGGER USER");
                await db.Database.ExecuteSqlRawAsync("UPDATE message_log SET latency_us = latency_us + 1 WHERE id = 40");
            }

            using var output = new StringWriter();
            Assert.Equal(MessageLogCommand.Broken, await MessageLogCommand.RunAsync(first.Services, ["message-log", "verify"], output));
            Assert.Contains("BROKEN at record 40:", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<int> VerifyAsync(IdentityHub hub)
    {
        using var output = new StringWriter();
        var code = await MessageLogCommand.RunAsync(hub.Services, ["message-log", "verify"], output);
        Assert.True(code == MessageLogCommand.Valid, output.ToString());
        return code;
    }
}
