using System.Net;
using System.Text.Json;
using Lgsp.Hub.Identity;
using Lgsp.Hub.Tests.Infrastructure;
using Lgsp.Testing;

namespace Lgsp.Hub.Tests.Identity;

/// <summary>
/// Two hub instances behind one public URL, sharing the database and the token certificates: a token or a session
/// started on one is honoured by the other. On the embedded default and on PostgreSQL (the production store).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MultiInstanceTests(PostgresFixture postgres)
{
    [Fact]
    public async Task TwoInstances_OnSqlite_AcceptEachOthersTokens()
    {
        var directory = HubFactory.NewDirectory();
        try
        {
            var shared = SharedSettings();
            await using var first = IdentityHub.StartOnSqlite(shared, directory: directory);
            await using var second = IdentityHub.StartOnSqlite(shared, directory: directory);

            await AssertInteroperateAsync(first, second);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task TwoInstances_OnPostgres_AcceptEachOthersTokens()
    {
        var directory = HubFactory.NewDirectory();
        try
        {
            var database = await postgres.Server.CreateDatabaseAsync("sso");
            var shared = SharedSettings();
            await using var first = IdentityHub.Start(await HubFactory.OnPostgresAsync(postgres.Server, shared, connectionString: database, directory: directory));
            await using var second = IdentityHub.Start(await HubFactory.OnPostgresAsync(postgres.Server, shared, connectionString: database, directory: directory));

            await AssertInteroperateAsync(first, second);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task CodeFlow_OnPostgres_SignsInRefreshesAndRevokes()
    {
        // A password operator (level 1) with lgsp.admin: the minimum lowered as on ./run.sh's development hub.
        var settings = Oidc.RedirectSettings();
        settings["Identity:MinimumAdminLevel"] = "1";
        await using var hub = IdentityHub.Start(await HubFactory.OnPostgresAsync(postgres.Server, settings));
        var user = await hub.CreateOfficialAsync(role: HubScopes.OperatorRole);
        using var browser = hub.Browser();
        var pkce = Oidc.Pkce.Create();
        var redirect = await Oidc.SignInAsync(browser, Oidc.AuthorizeUrl("operators-console", Oidc.ConsoleRedirect, "openid profile offline_access lgsp.admin", pkce), user, IdentityHub.Password);
        Assert.Equal("https://sso.lgsp.test/", Oidc.Query(redirect)["iss"]);

        var tokens = await Oidc.RedeemCodeAsync(browser, "operators-console", secret: null, Oidc.Query(redirect)["code"]!, Oidc.ConsoleRedirect, pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.Contains(HubScopes.Admin, tokens.Scopes);
        using (var clients = await Oidc.GetWithTokenAsync(browser, ClientsApi.Path, tokens.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, clients.StatusCode);
        }

        var rotated = await Oidc.RefreshAsync(browser, "operators-console", secret: null, tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        Assert.NotEqual(tokens.RefreshToken, rotated.RefreshToken);

        var revoked = await Oidc.TokenAsync(browser, "operators-console", null, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = "not-a-token" });
        Assert.Equal("invalid_grant", revoked.Error);
    }

    /// <summary>One issuer for both (as behind a load balancer) and the same client secrets.</summary>
    private static Dictionary<string, string?> SharedSettings()
    {
        var settings = Oidc.RedirectSettings();
        settings["Identity:Issuer"] = "https://sso.lgsp.test/";
        foreach (var clientId in new[] { "provincial-portal", "national-portal", "lgsp-cli" })
        {
            var variable = "LGSP_TEST_SHARED_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
            Environment.SetEnvironmentVariable(variable, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(33)));
            settings[$"Identity:Clients:{clientId}:SecretEnvironmentVariable"] = variable;
        }

        return settings;
    }

    private static async Task AssertInteroperateAsync(IdentityHub first, IdentityHub second)
    {
        Assert.NotEqual(first.Address, second.Address);
        using var toFirst = first.Api();
        using var toSecond = second.Api();

        // A client-credentials token from the first instance calls the second.
        var token = await Oidc.ClientCredentialsAsync(toFirst, "lgsp-cli", first.Secret("lgsp-cli"), HubScopes.Admin);
        using (var me = await Oidc.GetWithTokenAsync(toSecond, MeApi.Path, token.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            using var body = JsonDocument.Parse(await me.Content.ReadAsStringAsync());
            Assert.Equal("lgsp-cli", body.RootElement.GetProperty("clientId").GetString());
        }

        // A person signs in on the first; the code is redeemed, refreshed and introspected on the second.
        var user = await first.CreateOfficialAsync();
        using var browser = first.Browser();
        var pkce = Oidc.Pkce.Create();
        var redirect = await Oidc.SignInAsync(browser, Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, "openid profile offline_access", pkce), user, IdentityHub.Password);
        Assert.Equal("https://sso.lgsp.test/", Oidc.Query(redirect)["iss"]);
        var tokens = await Oidc.RedeemCodeAsync(toSecond, "provincial-portal", second.Secret("provincial-portal"), Oidc.Query(redirect)["code"]!, Oidc.PortalRedirect, pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.Equal("https://sso.lgsp.test/", Oidc.JwtPayload(tokens.IdToken!).GetProperty("iss").GetString());
        var rotated = await Oidc.RefreshAsync(toFirst, "provincial-portal", first.Secret("provincial-portal"), tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        using (var me = await Oidc.GetWithTokenAsync(toSecond, MeApi.Path, rotated.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        Assert.True((await Oidc.IntrospectAsync(toSecond, "provincial-portal", second.Secret("provincial-portal"), rotated.AccessToken)).GetProperty("active").GetBoolean());

        // Revoked on one, gone on the other.
        Assert.Equal(HttpStatusCode.OK, await Oidc.RevokeAsync(toSecond, "provincial-portal", second.Secret("provincial-portal"), rotated.RefreshToken!));
        Assert.Equal("invalid_grant", (await Oidc.RefreshAsync(toFirst, "provincial-portal", first.Secret("provincial-portal"), rotated.RefreshToken!)).Error);
    }
}
