using System.Net;
using System.Security.Cryptography;
using Lgsp.Hub.Identity;
using Lgsp.Hub.Identity.Accounts;
using Lgsp.Hub.Tests.Infrastructure;
using Lgsp.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Hub.Tests.Configuration;

/// <summary>
/// Production mode: in the Production environment the hub starts only when the deployment configured everything
/// production needs, lists every missing setting at once otherwise, and never generates a key; Development keeps
/// the embedded defaults.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ProductionModeTests(PostgresFixture postgres)
{
    private static readonly string[] ConfidentialClients = ["lgsp-cli", "national-portal", "provincial-portal"];

    [Fact]
    public void Start_InProductionWithNoSettings_FailsNamingEveryMissingSetting()
    {
        var directory = HubFactory.NewDirectory();
        try
        {
            // Nothing configured but the names of secrets nobody set (so a developer's shell cannot fill them in) and
            // where a development hub would put what it makes.
            var settings = UnsetSecretNames();
            settings["Storage:ConnectionString"] = $"Data Source={Path.Combine(directory, "lgsp.db")}";
            settings["Signing:DevelopmentCertificatePath"] = Path.Combine(directory, "signing", "hub-development.pfx");
            settings["Identity:DevelopmentDirectory"] = Path.Combine(directory, "identity");
            settings["Gateway:MessageLog:DevelopmentKeyPath"] = Path.Combine(directory, "message-log-key");
            using var hub = new BareHub("Production", settings);

            var failure = Assert.ThrowsAny<Exception>(() => hub.CreateClient());

            var message = failure.GetBaseException().Message;
            Assert.Contains("Production mode", message, StringComparison.Ordinal);
            Assert.Contains("Storage:Provider=Postgres", message, StringComparison.Ordinal);
            Assert.Contains("Signing:CertificatePath", message, StringComparison.Ordinal);
            Assert.Contains("Identity:SigningCertificate:CertificatePath", message, StringComparison.Ordinal);
            Assert.Contains("Identity:EncryptionCertificate:CertificatePath", message, StringComparison.Ordinal);
            Assert.Contains("Identity:DataProtectionCertificate:CertificatePath", message, StringComparison.Ordinal);
            Assert.Contains("Identity:Issuer", message, StringComparison.Ordinal);
            foreach (var clientId in ConfidentialClients)
            {
                Assert.Contains($"{settings[$"Identity:Clients:{clientId}:SecretEnvironmentVariable"]}: the secret of client '{clientId}'", message, StringComparison.Ordinal);
            }

            Assert.Contains($"{settings["Gateway:MessageLog:KeySecret"]} (Gateway:MessageLog:KeySecret)", message, StringComparison.Ordinal);
            Assert.Contains("HTTPS: the hub would listen on plain HTTP", message, StringComparison.Ordinal);
            Assert.Contains("Management:Urls", message, StringComparison.Ordinal);

            // Refused before anything was made: no development certificate, secret or database under the content root's .data.
            Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Start_InProductionWithPlainHttpAllowed_ListsItWithTheRest()
    {
        var settings = UnsetSecretNames();
        settings["Identity:AllowInsecureHttp"] = "true";
        settings["Identity:Issuer"] = "http://sso.lgsp.test/";
        using var hub = new BareHub("Production", settings);

        var message = Assert.ThrowsAny<Exception>(() => hub.CreateClient()).GetBaseException().Message;

        Assert.Contains("Identity:AllowInsecureHttp must be false", message, StringComparison.Ordinal);
        Assert.Contains("Identity:Issuer must be an https URL", message, StringComparison.Ordinal);
    }

    // Staging: production mode refuses a bare Production hub earlier, for its missing certificates and secrets.
    [Theory]
    [InlineData("Staging")]
    public void Start_OutsideDevelopmentWithAdminLevelOne_Refused(string environment)
    {
        var settings = new Dictionary<string, string?>();
        settings["Identity:MinimumAdminLevel"] = "1";
        using var hub = new BareHub(environment, settings);

        var message = Assert.ThrowsAny<Exception>(() => hub.CreateClient()).GetBaseException().Message;

        Assert.Contains($"Identity:MinimumAdminLevel must be at least 2 outside the Development environment (this hub runs as '{environment}')", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InProductionWithEverythingConfigured_Starts()
    {
        var directory = HubFactory.NewDirectory();
        try
        {
            var settings = await ProductionSettingsAsync(directory);
            using var hub = new BareHub("Production", settings);
            using var client = hub.CreateClient();

            using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

            // Nothing generated: no development identity folder, no development signing certificate, no derived secrets.
            Assert.False(Directory.Exists(Path.Combine(directory, "identity")));
            Assert.Equal(["data-protection.pfx", "hub-signing.pfx", "token-encryption.pfx", "token-signing.pfx"], Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Start_OnADatabaseWithADemoAccount_IsRefused()
    {
        var database = await postgres.Server.CreateDatabaseAsync("demo");
        using (var first = await HubFactory.OnPostgresAsync(postgres.Server, connectionString: database))
        {
            // As a development hub would have left it.
            await using var scope = first.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HubAccount>>();
            var demo = new HubAccount { UserName = IdentitySeeder.DemoOperatorUserName, DisplayName = "Trần Thị Bình (quản trị demo)", Kind = AccountKind.Official, AgencyCode = IdentitySeeder.DemoAgencyCode };
            Assert.True((await users.CreateAsync(demo, "mật khẩu đủ dài 2026")).Succeeded);
        }

        using var second = await HubFactory.OnPostgresAsync(postgres.Server, connectionString: database);

        var failure = Assert.ThrowsAny<Exception>(() => second.Services);
        Assert.Contains($"the demo accounts {IdentitySeeder.DemoOperatorUserName} exist", failure.GetBaseException().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InDevelopmentWithNoSettings_KeepsTheEmbeddedDefaults()
    {
        var directory = HubFactory.NewDirectory();
        try
        {
            using var hub = new BareHub("Development", new Dictionary<string, string?>
            {
                // Only where the files go (a throw-away folder instead of src/Lgsp.Hub/.data).
                ["Storage:ConnectionString"] = $"Data Source={Path.Combine(directory, "lgsp.db")}",
                ["Signing:DevelopmentCertificatePath"] = Path.Combine(directory, "signing", "hub-development.pfx"),
                ["Identity:DevelopmentDirectory"] = Path.Combine(directory, "identity"),
                ["Gateway:MessageLog:DevelopmentKeyPath"] = Path.Combine(directory, "message-log-key"),
                ["Identity:Clients:provincial-portal:SecretEnvironmentVariable"] = "LGSP_TEST_UNSET_" + Guid.NewGuid().ToString("N").ToUpperInvariant(),
            });
            using var client = hub.CreateClient();

            using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.True(File.Exists(Path.Combine(directory, "signing", "hub-development.pfx")));
            Assert.True(File.Exists(Path.Combine(directory, "identity", "token-signing.pfx")));
            var credentials = await File.ReadAllTextAsync(Path.Combine(directory, "identity", "development.env"));
            Assert.Contains("LGSP_DEMO_OPERATOR_PASSWORD=", credentials, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Every secret's variable renamed to one that is not set, so the test sees what an empty environment gives.</summary>
    private static Dictionary<string, string?> UnsetSecretNames()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:MessageLog:KeySecret"] = "LGSP_TEST_UNSET_" + Guid.NewGuid().ToString("N").ToUpperInvariant(),
        };
        foreach (var clientId in ConfidentialClients)
        {
            settings[$"Identity:Clients:{clientId}:SecretEnvironmentVariable"] = "LGSP_TEST_UNSET_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        }

        return settings;
    }

    /// <summary>What a deployment gives a production hub: certificates made here, secrets in variables, PostgreSQL, a proxy.</summary>
    private async Task<Dictionary<string, string?>> ProductionSettingsAsync(string directory)
    {
        var signing = Path.Combine(directory, "hub-signing.pfx");
        var tokenSigning = Path.Combine(directory, "token-signing.pfx");
        var tokenEncryption = Path.Combine(directory, "token-encryption.pfx");
        using (var certificate = TestCertificates.CreateRsa("LGSP hub (production test)"))
        {
            await File.WriteAllBytesAsync(signing, TestCertificates.ToPfx(certificate));
        }

        using (var certificate = TestCertificates.CreateEcdsa("LGSP hub token signing (production test)"))
        {
            await File.WriteAllBytesAsync(tokenSigning, TestCertificates.ToPfx(certificate));
        }

        using (var certificate = TestCertificates.CreateRsaEncryption("LGSP hub token encryption (production test)"))
        {
            await File.WriteAllBytesAsync(tokenEncryption, TestCertificates.ToPfx(certificate));
        }

        var keyRing = Path.Combine(directory, "data-protection.pfx");
        using (var certificate = TestCertificates.CreateRsaEncryption("LGSP hub data protection (production test)"))
        {
            await File.WriteAllBytesAsync(keyRing, TestCertificates.ToPfx(certificate));
        }

        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = await postgres.Server.CreateDatabaseAsync("production"),
            ["Signing:CertificatePath"] = signing,
            ["Identity:SigningCertificate:CertificatePath"] = tokenSigning,
            ["Identity:EncryptionCertificate:CertificatePath"] = tokenEncryption,
            ["Identity:DataProtectionCertificate:CertificatePath"] = keyRing,
            ["Identity:Issuer"] = "https://sso.lgsp.test/",
            ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.10",
            ["Management:Urls"] = "http://127.0.0.1:18081",
            // The shipped sources point at the stand-ins on loopback: this deployment lists that range as its upstreams'.
            ["Operations:AllowedUpstreamHosts:1"] = "127.0.0.0/8",
            ["Gateway:MessageLog:KeySecret"] = SetSecret(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
        };
        foreach (var clientId in ConfidentialClients)
        {
            settings[$"Identity:Clients:{clientId}:SecretEnvironmentVariable"] = SetSecret(Convert.ToBase64String(RandomNumberGenerator.GetBytes(33)));
        }

        return settings;
    }

    private static string SetSecret(string value)
    {
        var variable = "LGSP_TEST_PRODUCTION_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, value);
        return variable;
    }

    /// <summary>The hub as deployed: its own appsettings and config folder, the environment and settings given, nothing added.</summary>
    private sealed class BareHub(string environment, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
