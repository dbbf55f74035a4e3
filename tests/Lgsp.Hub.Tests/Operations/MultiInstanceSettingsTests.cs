using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Core.Codes;
using Lgsp.Hub.Tests.Identity;
using Lgsp.Hub.Tests.Infrastructure;
using Lgsp.Testing;
using Xunit.Abstractions;

namespace Lgsp.Hub.Tests.Operations;

/// <summary>
/// Two hub instances on one PostgreSQL database (production's shape): an operator's change made at one is in force at
/// the other within its poll interval (1 s by default; the options refuse more than 4 s), shown by the other instance's
/// answers — its settings and its callers' — not only by its database.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MultiInstanceSettingsTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task DisableEnable_AtOneInstance_AreInForceAtTheOtherWithinItsPollInterval()
    {
        var directory = HubFactory.NewDirectory();
        try
        {
            var database = await postgres.Server.CreateDatabaseAsync("ops");
            var shared = SharedSettings();
            await using var first = IdentityHub.Start(await HubFactory.OnPostgresAsync(postgres.Server, shared, connectionString: database, directory: directory));
            await using var second = IdentityHub.Start(await HubFactory.OnPostgresAsync(postgres.Server, shared, connectionString: database, directory: directory));
            using var atFirst = await ClientAsync(first, "lgsp-cli", "lgsp.admin");
            using var atSecond = await ClientAsync(second, "lgsp-cli", "lgsp.admin");
            using var portal = await ClientAsync(second, "provincial-portal", "lgsp.business.read");
            portal.DefaultRequestHeaders.Add("X-Lgsp-Purpose", "1.001193");
            var enterprise = "/api/v1/business/enterprises/010123456" + EnterpriseCode.ComputeCheckDigit("010123456");

            // Five changes in a row (off, on, off, on, off), each made at the first and awaited at the second.
            var applied = new List<TimeSpan>();
            JsonElement seen = default;
            for (var i = 0; i < 5; i++)
            {
                var action = i % 2 == 0 ? "disable" : "enable";
                using var read = await atFirst.GetAsync(new Uri("/admin/v1/adapters/business", UriKind.Relative));
                using var change = new HttpRequestMessage(HttpMethod.Post, $"/admin/v1/adapters/business/{action}")
                {
                    Content = JsonContent.Create(new { reason = $"Bảo trì CSDL đăng ký doanh nghiệp, lần {i + 1}" }),
                };
                change.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
                using var changed = await atFirst.SendAsync(change);
                Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync());
                var changedAt = Stopwatch.StartNew();
                var version = (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();

                // Until the second has it (the deadline only turns a hang into a failure): the point is that the second
                // applies it on its own; the time is reported below, not judged.
                do
                {
                    await Task.Delay(20);
                    seen = await atSecond.GetFromJsonAsync<JsonElement>("/admin/v1/adapters/business");
                }
                while (seen.GetProperty("version").GetInt32() != version && changedAt.Elapsed < TimeSpan.FromSeconds(30));

                applied.Add(changedAt.Elapsed);
                Assert.True(seen.GetProperty("version").GetInt32() == version, $"the second instance did not apply version {version} within 30 s: {seen}");
                Assert.Equal(action == "enable", seen.GetProperty("enabled").GetBoolean());
            }

            output.WriteLine($"In force at the second instance after: {string.Join(", ", applied.Select(a => $"{a.TotalMilliseconds:0} ms"))} (poll interval 1 s; max {applied.Max().TotalMilliseconds:0} ms).");
            using var lookup = await portal.GetAsync(new Uri(enterprise, UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, lookup.StatusCode);
            Assert.Equal("hub.source_disabled", (await lookup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<HttpClient> ClientAsync(IdentityHub hub, string clientId, string scope)
    {
        var client = hub.Api();
        var token = await Oidc.ClientCredentialsAsync(client, clientId, hub.Secret(clientId), scope);
        Assert.True(token.Status == HttpStatusCode.OK, $"{clientId}: {token.Error}");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    /// <summary>What both instances must agree on: the issuer and the clients' secrets.</summary>
    private static Dictionary<string, string?> SharedSettings()
    {
        var settings = new Dictionary<string, string?> { ["Identity:Issuer"] = "https://sso.lgsp.test/" };
        foreach (var clientId in new[] { "provincial-portal", "national-portal", "lgsp-cli" })
        {
            var variable = "LGSP_TEST_OPS_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
            Environment.SetEnvironmentVariable(variable, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(33)));
            settings[$"Identity:Clients:{clientId}:SecretEnvironmentVariable"] = variable;
        }

        return settings;
    }
}
