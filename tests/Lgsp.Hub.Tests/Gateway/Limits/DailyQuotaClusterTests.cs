using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Core.Codes;
using Lgsp.Hub.Tests.Identity;
using Lgsp.Hub.Tests.Infrastructure;
using Lgsp.Testing;

namespace Lgsp.Hub.Tests.Gateway.Limits;

/// <summary>
/// Two hub instances on one PostgreSQL database share one daily count: calls alternating between them are admitted
/// up to the quota in total, and every call after it is refused at either instance.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DailyQuotaClusterTests(PostgresFixture postgres)
{
    [Fact]
    public async Task DailyQuota_TwoInstances_ShareOneCount()
    {
        var directory = HubFactory.NewDirectory();
        try
        {
            var database = await postgres.Server.CreateDatabaseAsync("quota");
            var settings = new Dictionary<string, string?>
            {
                ["Identity:Issuer"] = "https://sso.lgsp.test/",
                ["Gateway:AccessRights:provincial-portal:Services:business:DailyQuota"] = "3",

                // The quota is counted at step 3, before the source: no upstream is needed, a disabled source answers fast.
                ["Adapters:business:Enabled"] = "false",
            };
            var variable = "LGSP_TEST_QUOTA_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
            Environment.SetEnvironmentVariable(variable, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(33)));
            settings["Identity:Clients:provincial-portal:SecretEnvironmentVariable"] = variable;
            await using var first = IdentityHub.Start(await HubFactory.OnPostgresAsync(postgres.Server, settings, connectionString: database, directory: directory));
            await using var second = IdentityHub.Start(await HubFactory.OnPostgresAsync(postgres.Server, settings, connectionString: database, directory: directory));
            using var atFirst = await PortalAsync(first);
            using var atSecond = await PortalAsync(second);
            var enterprise = new Uri("/api/v1/business/enterprises/010123456" + EnterpriseCode.ComputeCheckDigit("010123456"), UriKind.Relative);

            var codes = new List<string>();
            foreach (var instance in new[] { atFirst, atSecond, atFirst, atSecond, atFirst })
            {
                using var response = await instance.GetAsync(enterprise);
                codes.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!);
                if (codes[^1] == "client.rate_limited")
                {
                    Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
                    Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
                }
            }

            Assert.Equal(["hub.source_disabled", "hub.source_disabled", "hub.source_disabled", "client.rate_limited", "client.rate_limited"], codes);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<HttpClient> PortalAsync(IdentityHub hub)
    {
        var client = hub.Api();
        var token = await Oidc.ClientCredentialsAsync(client, "provincial-portal", hub.Secret("provincial-portal"), "lgsp.business.read");
        Assert.True(token.Status == HttpStatusCode.OK, token.Error);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        client.DefaultRequestHeaders.Add("X-Lgsp-Purpose", "1.001193");
        return client;
    }
}
