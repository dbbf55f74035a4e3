using Lgsp.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Lgsp.Hub.Tests.Infrastructure;

/// <summary>
/// Hosts the real hub (its Program) in the test process with a storage of the test's choosing.
/// Settings go through <c>UseSetting</c> so they are visible while Program registers services.
/// </summary>
public sealed class HubFactory : WebApplicationFactory<Program>
{
    private static readonly Lazy<byte[]> TestSigningPfx = new(() =>
    {
        // Valid well around today, so tests that move the hub's clock (FakeTimeProvider) still start it: the hub
        // refuses a signing certificate that is not valid at its own now.
        using var certificate = TestCertificates.CreateRsa("LGSP hub (test run)",
            notBefore: new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), notAfter: new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return TestCertificates.ToPfx(certificate);
    });

    private readonly Dictionary<string, string?> _settings;
    private readonly string? _tempDir;

    private HubFactory(Dictionary<string, string?> settings, string? tempDir)
    {
        _settings = settings;
        _tempDir = tempDir;
    }

    /// <summary>The hub on the embedded default: a SQLite file in a fresh temporary folder.</summary>
    public static HubFactory OnSqlite(IDictionary<string, string?>? extra = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "lgsp-hub-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(dir, "lgsp.db")}",
            ["DataDirectory"] = dir,
        };
        Merge(settings, extra);
        UseTestSigningCertificate(settings, dir);
        return new HubFactory(settings, dir);
    }

    /// <summary>The hub on PostgreSQL, in a database of its own.</summary>
    public static async Task<HubFactory> OnPostgresAsync(PostgresServer server, IDictionary<string, string?>? extra = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "lgsp-hub-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = await server.CreateDatabaseAsync("hub"),
            ["DataDirectory"] = dir,
        };
        Merge(settings, extra);
        UseTestSigningCertificate(settings, dir);
        return new HubFactory(settings, dir);
    }

    public string? Setting(string key) => _settings.GetValueOrDefault(key);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _tempDir is not null && Directory.Exists(_tempDir))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_tempDir, recursive: true);
        }
    }

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

    private static void Merge(Dictionary<string, string?> settings, IDictionary<string, string?>? extra)
    {
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
    }
}
