using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Console.Tests;

/// <summary>
/// The real hub (its Program) on Kestrel, plain HTTP on a loopback port, in the Development environment as
/// <c>./run.sh</c> starts it: SQLite, generated certificates and secrets, and the demo operator seeded, all in a fresh
/// temporary folder. The console's redirect URIs are registered for this hub's own origin.
/// </summary>
public sealed class ConsoleHub : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lgsp-console-" + Guid.NewGuid().ToString("N")[..12]);
    private Host _host = null!;

    /// <summary>The hub's origin with a trailing slash, e.g. <c>http://127.0.0.1:43127/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    public IServiceProvider Services => _host.Services;

    /// <summary>The demo operator's user name (role lgsp-operator).</summary>
    public string OperatorUserName => DevelopmentValue("LGSP_DEMO_OPERATOR_USERNAME");

    /// <summary>The demo operator's password, derived by the hub and written to its development.env.</summary>
    public string OperatorPassword => DevelopmentValue("LGSP_DEMO_OPERATOR_PASSWORD");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);

        // The port is chosen first: the redirect URI must be known to the hub when it seeds the client.
        var port = FreePort.Next();
        var origin = $"http://127.0.0.1:{port}";
        _host = new Host(new Dictionary<string, string?>
        {
            ["ConfigDirectory"] = RepoPaths.Combine("config"),
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(_directory, "lgsp.db")}",
            ["Signing:DevelopmentCertificatePath"] = Path.Combine(_directory, "signing", "hub-development.pfx"),
            ["Gateway:MessageLog:DevelopmentKeyPath"] = Path.Combine(_directory, "message-log", "subject-key"),
            ["Gateway:MessageLog:Checkpoints:FilePath"] = Path.Combine(_directory, "message-log", "checkpoints.jsonl"),
            ["Identity:DevelopmentDirectory"] = Path.Combine(_directory, "identity"),
            ["Identity:Clients:operators-console:RedirectUris:0"] = $"{origin}/console/callback",
            ["Identity:Clients:operators-console:PostLogoutRedirectUris:0"] = $"{origin}/console/",
        });
        _host.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        _host.StartServer();
        var address = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.TrimEnd('/') + "/");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing handle: the temporary folder is the OS's to clean.
        }
    }

    /// <summary>
    /// What the control API says now, asked as the CLI does (client credentials of <c>lgsp-cli</c>, its development
    /// secret): the tests check the hub's state there, not only on the page.
    /// </summary>
    public async Task<JsonElement> AdminGetAsync(string path)
    {
        using var client = new HttpClient { BaseAddress = Address };
        using var tokenResponse = await client.PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "lgsp-cli",
            ["client_secret"] = DevelopmentValue("LGSP_CLI_SECRET"),
            ["scope"] = "lgsp.admin",
        }));
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Runs one SQL statement on the hub's SQLite database (figures the console only shows, seeded by a test).</summary>
    public async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_directory, "lgsp.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // the tests' own constant statements
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A value of the hub's development.env (demo accounts, derived client secrets).</summary>
    public string DevelopmentValue(string name)
    {
        var path = Path.Combine(_directory, "identity", "development.env");
        var prefix = name + "=";
        return File.ReadLines(path).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..]
            ?? throw new InvalidOperationException($"{name} is not in {path}.");
    }

    private sealed class Host(Dictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Development: the demo accounts, plain HTTP sign-in cookies on loopback (appsettings.Development.json)
            // and identity.Development.json, as ./run.sh has them.
            builder.UseEnvironment("Development");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
