using System.Net;
using Lgsp.Hub.Identity;
using Lgsp.Hub.Storage;
using Lgsp.Hub.Tests.Infrastructure;
using Lgsp.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Hub.Tests.Identity;

/// <summary>Clients and scopes follow config/identity.json on every start, idempotently; development secrets.</summary>
public sealed class IdentitySeedingTests : IDisposable
{
    private readonly string _dir = HubFactory.NewDirectory();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Start_Again_WithTheSameConfiguration_ChangesNothing()
    {
        var settings = Oidc.RedirectSettings();
        IReadOnlyList<string> before;
        await using (var hub = HubFactory.OnSqlite(_dir, settings))
        {
            before = await ClientRowsAsync(hub);
            settings = KeepSecrets(hub, settings);
        }

        await using (var again = HubFactory.OnSqlite(_dir, settings))
        {
            Assert.Equal(before, await ClientRowsAsync(again));
        }

        Assert.Equal(4, before.Count);
    }

    [Fact]
    public async Task Start_WithAChangedClient_UpdatesIt()
    {
        var settings = Oidc.RedirectSettings();
        await using (var hub = HubFactory.OnSqlite(_dir, settings))
        {
            settings = KeepSecrets(hub, settings);
        }

        settings["Identity:Clients:provincial-portal:RedirectUris:1"] = "https://dichvucong.tinh.gov.vn/signin-oidc";
        await using var again = HubFactory.OnSqlite(_dir, settings);

        Assert.Contains(await ClientRowsAsync(again), r => r.StartsWith("provincial-portal|", StringComparison.Ordinal) && r.Contains("https://dichvucong.tinh.gov.vn/signin-oidc", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WithoutAClientInTheConfiguration_RemovesIt()
    {
        var settings = Oidc.RedirectSettings();
        await using (var hub = HubFactory.OnSqlite(_dir, settings))
        {
            settings = KeepSecrets(hub, settings);
        }

        var config = Path.Combine(_dir, "config");
        Directory.CreateDirectory(config);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("config", "identity.json")))!;
        json["Identity"]!["Clients"]!.AsObject().Remove("national-portal");
        File.WriteAllText(Path.Combine(config, "identity.json"), json.ToJsonString());
        // The other files of the folder stay as they are (the hub needs its sources too), but for the removed
        // client's access rights, which the gateway's validator refuses for a client that does not exist.
        foreach (var other in Directory.GetFiles(RepoPaths.Combine("config"), "*.json").Where(f => Path.GetFileName(f) is not "identity.json" and not "access-rights.json"))
        {
            File.Copy(other, Path.Combine(config, Path.GetFileName(other)));
        }

        var rights = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("config", "access-rights.json")))!;
        rights["Gateway"]!["AccessRights"]!.AsObject().Remove("national-portal");
        File.WriteAllText(Path.Combine(config, "access-rights.json"), rights.ToJsonString());

        settings["ConfigDirectory"] = config;
        settings.Remove("Identity:Clients:national-portal:SecretEnvironmentVariable");

        await using var again = HubFactory.OnSqlite(_dir, settings);

        Assert.DoesNotContain(await ClientRowsAsync(again), r => r.StartsWith("national-portal|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WithARotatedSecret_RefusesTheOldOne()
    {
        var settings = Oidc.RedirectSettings();
        string old;
        await using (var hub = IdentityHub.Start(HubFactory.OnSqlite(_dir, settings)))
        {
            old = hub.Secret("lgsp-cli");
            using var api = hub.Api();
            Assert.Equal(HttpStatusCode.OK, (await Oidc.ClientCredentialsAsync(api, "lgsp-cli", old, HubScopes.Admin)).Status);
        }

        // The same database, a new secret in a new variable (the old token's verification is also cached: rotation must beat the cache).
        await using var rotated = IdentityHub.Start(HubFactory.OnSqlite(_dir, settings));
        using var client = rotated.Api();

        Assert.Equal("invalid_client", (await Oidc.ClientCredentialsAsync(client, "lgsp-cli", old, HubScopes.Admin)).Error);
        Assert.Equal(HttpStatusCode.OK, (await Oidc.ClientCredentialsAsync(client, "lgsp-cli", rotated.Secret("lgsp-cli"), HubScopes.Admin)).Status);
    }

    [Fact]
    public async Task Start_DevelopmentHubWithoutSecrets_DerivesThemOnceAndWritesDevelopmentEnv()
    {
        // Variables that are not set: an embedded (development) hub makes its own secrets.
        var settings = Oidc.RedirectSettings();
        foreach (var clientId in new[] { "provincial-portal", "national-portal", "lgsp-cli" })
        {
            settings[$"Identity:Clients:{clientId}:SecretEnvironmentVariable"] = "LGSP_TEST_UNSET_" + clientId.Replace('-', '_').ToUpperInvariant() + "_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        }

        var envFile = Path.Combine(_dir, "identity", "development.env");
        Dictionary<string, string> first;
        await using (var hub = IdentityHub.Start(HubFactory.OnSqlite(_dir, settings)))
        {
            first = ReadEnv(envFile);
            using var api = hub.Api();
            var cliSecret = first[settings["Identity:Clients:lgsp-cli:SecretEnvironmentVariable"]!];
            Assert.Equal(HttpStatusCode.OK, (await Oidc.ClientCredentialsAsync(api, "lgsp-cli", cliSecret, HubScopes.Admin)).Status);

            // The demo official signs in with the printed password.
            using var browser = hub.Browser();
            var pkce = Oidc.Pkce.Create();
            var redirect = await Oidc.SignInAsync(browser, Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, "openid", pkce), first["LGSP_DEMO_OFFICIAL_USERNAME"], first["LGSP_DEMO_OFFICIAL_PASSWORD"]);
            Assert.NotNull(Oidc.Query(redirect)["code"]);
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(envFile));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, "identity", "development-seed")));
        }

        Assert.All(first.Where(e => e.Key.EndsWith("_PASSWORD", StringComparison.Ordinal) || e.Key.StartsWith("LGSP_TEST_UNSET_", StringComparison.Ordinal)),
            e => Assert.True(e.Value.Length >= 43, e.Key));
        await using (IdentityHub.Start(HubFactory.OnSqlite(_dir, settings)))
        {
            Assert.Equal(first, ReadEnv(envFile));
        }
    }

    private static Dictionary<string, string?> KeepSecrets(HubFactory hub, Dictionary<string, string?> settings)
    {
        var kept = new Dictionary<string, string?>(settings);
        foreach (var clientId in new[] { "provincial-portal", "national-portal", "lgsp-cli" })
        {
            var key = $"Identity:Clients:{clientId}:SecretEnvironmentVariable";
            kept[key] = hub.Setting(key);
        }

        return kept;
    }

    private static async Task<IReadOnlyList<string>> ClientRowsAsync(HubFactory hub)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var rows = await db.Database.SqlQueryRaw<string>(
            "SELECT client_id || '|' || concurrency_token || '|' || COALESCE(client_secret, '') || '|' || COALESCE(redirect_uris, '') || '|' || COALESCE(permissions, '') AS \"Value\" FROM openiddict_applications ORDER BY client_id")
            .ToListAsync();
        return rows;
    }

    private static Dictionary<string, string> ReadEnv(string path) =>
        File.ReadAllLines(path)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
}
