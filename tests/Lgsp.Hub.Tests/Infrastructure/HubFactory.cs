using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Lgsp.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Hub.Tests.Infrastructure;

/// <summary>
/// Hosts the real hub (its Program) in the test process with a storage of the test's choosing.
/// Settings go through <c>UseSetting</c> so they are visible while Program registers services.
/// By default it answers in memory (TestServer); <see cref="StartHttps"/> serves it on Kestrel over HTTPS on a
/// loopback port instead, for flows that need real HTTP (cookies, redirects, TLS-only endpoints).
/// </summary>
public sealed class HubFactory : WebApplicationFactory<Program>
{
    private static readonly DateTimeOffset ValidFrom = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ValidTo = new(2040, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<byte[]> TestSigningPfx = new(() =>
    {
        // Valid well around today, so tests that move the hub's clock (FakeTimeProvider) still start it: the hub
        // refuses a signing certificate that is not valid at its own now.
        using var certificate = TestCertificates.CreateRsa("LGSP hub (test run)", notBefore: ValidFrom, notAfter: ValidTo);
        return TestCertificates.ToPfx(certificate);
    });

    private static readonly Lazy<byte[]> TestTokenSigningPfx = new(() =>
    {
        using var certificate = TestCertificates.CreateEcdsa("LGSP hub token signing (test run)", ValidFrom, ValidTo);
        return TestCertificates.ToPfx(certificate);
    });

    private static readonly Lazy<byte[]> TestTokenEncryptionPfx = new(() =>
    {
        using var certificate = TestCertificates.CreateRsaEncryption("LGSP hub token encryption (test run)", notBefore: ValidFrom, notAfter: ValidTo);
        return TestCertificates.ToPfx(certificate);
    });

    private static readonly Lazy<X509Certificate2> TlsCertificate = new(TestCertificates.CreateTlsServer);

    /// <summary>
    /// The management endpoint's port every test hub is given (<c>Management:Urls</c>). TestServer listens on no port:
    /// <see cref="CreateManagementClient"/> marks its requests as arriving on this one, as Kestrel would.
    /// </summary>
    public const int ManagementPort = 18081;

    /// <summary>The confidential clients of the config folder's <c>identity.json</c>.</summary>
    private static IReadOnlyList<string> ConfidentialClients(string configDirectory)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(configDirectory, "identity.json")));
        return [.. config.RootElement.GetProperty("Identity").GetProperty("Clients").EnumerateObject()
            .Where(c => c.Value.TryGetProperty("SecretEnvironmentVariable", out _))
            .Select(c => c.Name)];
    }

    private readonly Dictionary<string, string?> _settings;
    private readonly Dictionary<string, string> _clientSecrets;
    private readonly string? _tempDir;
    private readonly Action<IServiceCollection>? _services;

    private HubFactory(Dictionary<string, string?> settings, Dictionary<string, string> clientSecrets, string? tempDir, Action<IServiceCollection>? services)
    {
        _settings = settings;
        _clientSecrets = clientSecrets;
        _tempDir = tempDir;
        _services = services;
    }

    /// <summary>The folder of this hub's files (SQLite database, certificates, development secrets).</summary>
    /// <summary>The hub on the embedded default: a SQLite file in a fresh temporary folder.</summary>
    public static HubFactory OnSqlite(IDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null) =>
        OnSqlite(NewDirectory(), extra, services, ownsDirectory: true);

    /// <summary>
    /// A hub on the SQLite file of <paramref name="directory"/>: give two factories the same folder for two instances
    /// (the caller then removes the folder).
    /// </summary>
    public static HubFactory OnSqlite(string directory, IDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null) =>
        OnSqlite(directory, extra, services, ownsDirectory: false);

    private static HubFactory OnSqlite(string directory, IDictionary<string, string?>? extra, Action<IServiceCollection>? services, bool ownsDirectory)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(directory, "lgsp.db")}",
            ["DataDirectory"] = directory,
        };
        settings["Management:Urls"] = $"http://127.0.0.1:{ManagementPort}";
        Merge(settings, extra);
        settings.TryAdd("Gateway:MessageLog:Checkpoints:FilePath", Path.Combine(directory, "message-log-checkpoints.jsonl"));
        UseLoopbackUpstreams(settings);
        UseTestMessageLogKey(settings);
        UseTestSigningCertificate(settings, directory);
        var secrets = UseTestIdentity(settings, directory);
        return new HubFactory(settings, secrets, ownsDirectory ? directory : null, services);
    }

    /// <summary>The hub on PostgreSQL, in a database of its own (or <paramref name="connectionString"/>'s).</summary>
    public static async Task<HubFactory> OnPostgresAsync(PostgresServer server, IDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null, string? connectionString = null, string? directory = null)
    {
        var dir = directory ?? NewDirectory();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = connectionString ?? await server.CreateDatabaseAsync("hub"),
            ["DataDirectory"] = dir,

            // A production hub names its issuer (the same on every instance).
            ["Identity:Issuer"] = "https://sso.lgsp.test/",
            ["Management:Urls"] = $"http://127.0.0.1:{ManagementPort}",
        };
        Merge(settings, extra);
        settings.TryAdd("Gateway:MessageLog:Checkpoints:FilePath", Path.Combine(dir, "message-log-checkpoints.jsonl"));
        UseLoopbackUpstreams(settings);
        UseTestMessageLogKey(settings);
        UseTestSigningCertificate(settings, dir);
        var secrets = UseTestIdentity(settings, dir);
        return new HubFactory(settings, secrets, directory is null ? dir : null, services);
    }

    public static string NewDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lgsp-hub-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    }

    public string? Setting(string key) => _settings.GetValueOrDefault(key);

    /// <summary>The thumbprint of this test run's TLS certificate, for clients that make their own handler (the CLI).</summary>
    public static string TlsThumbprint => TlsCertificate.Value.Thumbprint;

    /// <summary>This test run's TLS certificate (public part, PEM), for clients outside .NET that trust a CA file (Node's NODE_EXTRA_CA_CERTS).</summary>
    public static string TlsCertificatePem => TlsCertificate.Value.ExportCertificatePem();

    /// <summary>The secret this hub knows for a confidential client.</summary>
    public string ClientSecret(string clientId) => _clientSecrets[clientId];

    /// <summary>A client of the in-memory hub whose requests arrive on the management port (metrics, API docs).</summary>
    public static HttpClient CreateManagementClient(WebApplicationFactory<Program> host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var handler = new Microsoft.AspNetCore.Mvc.Testing.Handlers.RedirectHandler
        {
            InnerHandler = host.Server.CreateHandler(c => c.Connection.LocalPort = ManagementPort),
        };
        return new HttpClient(handler) { BaseAddress = new Uri("http://localhost/") };
    }

    /// <summary>Serves the hub on Kestrel over HTTPS on a free loopback port and returns its base address.</summary>
    public Uri StartHttps()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(TlsCertificate.Value)));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
    }

    /// <summary>
    /// A browser-like client for a Kestrel hub: cookies kept, redirects not followed (the test reads each one), and
    /// only this test run's TLS certificate trusted.
    /// </summary>
    public static HttpClient CreateBrowser(Uri baseAddress, CookieContainer? cookies = null)
    {
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = cookies ?? new CookieContainer(),
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.Thumbprint == TlsCertificate.Value.Thumbprint,
        };
        return new HttpClient(handler) { BaseAddress = baseAddress };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _settings.GetValueOrDefault("Storage:Provider") == "Postgres" && _settings.GetValueOrDefault("Storage:ConnectionString") is { } connectionString)
        {
            // The hub's idle pooled connections would otherwise stay open for minutes after its test: with hundreds of
            // hubs in a run they exhaust the test server's max_connections ("53300: too many clients"). Busy ones (another
            // instance on the same database) are closed when returned; that instance opens new ones.
            using var connection = new Npgsql.NpgsqlConnection(connectionString);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }

        if (disposing && _tempDir is not null && System.IO.Directory.Exists(_tempDir))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(_tempDir, recursive: true);
        }
    }

    /// <summary>
    /// The stand-ins run on loopback: the test hub allows loopback as a Development hub does
    /// (<c>config/operations.Development.json</c>; the shipped list has none), unless the test sets the list itself.
    /// </summary>
    private static void UseLoopbackUpstreams(Dictionary<string, string?> settings)
    {
        // The procedure catalogue's scheduled refresh is off unless a test turns it on (Catalogue/ tests): with it on,
        // whether a code was checked against a copy would depend on when the first refresh finished.
        settings.TryAdd("Catalogue:Enabled", "false");
        if (settings.Keys.Any(k => k.StartsWith("Operations:AllowedUpstreamHosts", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        settings["Operations:AllowedUpstreamHosts:1"] = "127.0.0.0/8";
        settings["Operations:AllowedUpstreamHosts:2"] = "::1/128";
        settings["Operations:AllowedUpstreamHosts:3"] = "localhost";
    }

    /// <summary>
    /// The message log's subject key as production gives it (an environment variable), one per test run, unless the
    /// test names its own; a production-like (PostgreSQL) hub does not start without one.
    /// </summary>
    private static void UseTestMessageLogKey(Dictionary<string, string?> settings)
    {
        settings.TryAdd("Gateway:MessageLog:KeySecret", TestMessageLogKey.Value);
    }

    private static readonly Lazy<string> TestMessageLogKey = new(() =>
    {
        var variable = "LGSP_TEST_MESSAGE_LOG_KEY_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        return variable;
    });

    /// <summary>
    /// Unless the test configures signing itself, the hub signs with one throw-away certificate per test run, written
    /// into its folder: a production-like configuration (as PostgreSQL hubs require) without generating an RSA key per host.
    /// </summary>
    private static void UseTestSigningCertificate(Dictionary<string, string?> settings, string dir)
    {
        if (settings.Keys.Any(k => k.StartsWith("Signing:", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var path = Path.Combine(dir, "hub-signing-test.pfx");
        File.WriteAllBytes(path, TestSigningPfx.Value);
        settings["Signing:CertificatePath"] = path;
    }

    /// <summary>
    /// Identity as production configures it: token certificates from files (one pair per test run, unless the test
    /// sets Identity:SigningCertificate itself or asks for the development ones with Identity:DevelopmentDirectory),
    /// and each confidential client's secret in an environment variable of its own, unique to this hub, so hubs
    /// running in parallel never share one unless they share settings.
    /// </summary>
    private static Dictionary<string, string> UseTestIdentity(Dictionary<string, string?> settings, string dir)
    {
        settings.TryAdd("ConfigDirectory", RepoPaths.Combine("config"));
        if (!settings.ContainsKey("Identity:DevelopmentDirectory"))
        {
            settings["Identity:DevelopmentDirectory"] = Path.Combine(dir, "identity");
            if (!settings.Keys.Any(k => k.StartsWith("Identity:SigningCertificate:", StringComparison.OrdinalIgnoreCase)))
            {
                var signing = Path.Combine(dir, "token-signing-test.pfx");
                var encryption = Path.Combine(dir, "token-encryption-test.pfx");
                File.WriteAllBytes(signing, TestTokenSigningPfx.Value);
                File.WriteAllBytes(encryption, TestTokenEncryptionPfx.Value);
                settings["Identity:SigningCertificate:CertificatePath"] = signing;
                settings["Identity:EncryptionCertificate:CertificatePath"] = encryption;
            }

            if (!settings.Keys.Any(k => k.StartsWith("Identity:DataProtectionCertificate:", StringComparison.OrdinalIgnoreCase)))
            {
                var keyRing = Path.Combine(dir, "data-protection-test.pfx");
                File.WriteAllBytes(keyRing, TestTokenEncryptionPfx.Value);
                settings["Identity:DataProtectionCertificate:CertificatePath"] = keyRing;
            }
        }

        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var clientId in ConfidentialClients(settings["ConfigDirectory"]!))
        {
            var key = $"Identity:Clients:{clientId}:SecretEnvironmentVariable";
            if (!settings.TryGetValue(key, out var variable) || variable is null)
            {
                variable = "LGSP_TEST_SECRET_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
                settings[key] = variable;
                Environment.SetEnvironmentVariable(variable, Convert.ToBase64String(RandomNumberGenerator.GetBytes(33)));
            }

            secrets[clientId] = Environment.GetEnvironmentVariable(variable) ?? string.Empty;
        }

        return secrets;
    }

    private static void Merge(Dictionary<string, string?> settings, IDictionary<string, string?>? extra)
    {
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
    }
}
