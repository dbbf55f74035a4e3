using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Bench.Tokens;

/// <summary>
/// The hub's own Program on Kestrel (plain HTTP on loopback), as a developer runs it: the embedded default with the
/// development certificates and secrets made in a throw-away folder, or PostgreSQL. Logging at Warning, like production.
/// </summary>
internal sealed class BenchHub(string directory, string? postgres, bool secretCache) : WebApplicationFactory<Program>
{
    public Uri Start()
    {
        // The hub's content root in this repository (a console app has no test manifest to find it by).
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_LGSP_HUB", Lgsp.Testing.RepoPaths.Combine("src", "Lgsp.Hub"));
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>A value from the development.env the hub wrote (its development client secrets).</summary>
    public string DevelopmentValue(string name) =>
        File.ReadAllLines(Path.Combine(directory, "identity", "development.env"))
            .Select(l => l.Split('=', 2))
            .Single(p => p[0] == name)[1];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:Provider", postgres is null ? "Sqlite" : "Postgres");
        builder.UseSetting("Storage:ConnectionString", postgres ?? $"Data Source={Path.Combine(directory, "lgsp.db")}");
        builder.UseSetting("Signing:DevelopmentCertificatePath", Path.Combine(directory, "signing.pfx"));
        builder.UseSetting("Identity:DevelopmentDirectory", Path.Combine(directory, "identity"));
        builder.UseSetting("Identity:AllowInsecureHttp", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
        if (!secretCache)
        {
            builder.UseSetting("Identity:ClientSecretCacheLifetime", "00:00:00");
        }

        // The development secrets of the repository's config (never an environment variable set by the user).
        foreach (var variable in new[] { "LGSP_PROVINCIAL_PORTAL_SECRET", "LGSP_NATIONAL_PORTAL_SECRET", "LGSP_CLI_SECRET" })
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
