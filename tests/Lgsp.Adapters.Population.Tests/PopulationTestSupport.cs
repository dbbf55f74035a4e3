using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Adapters.Contract;
using Lgsp.Core.Codes;
using Lgsp.Core.Lookups;
using Lgsp.Sandbox.Data;
using Lgsp.Sandbox.Data.Records;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lgsp.Adapters.Population.Tests;

/// <summary>
/// The population adapter against the sandbox as <c>run.sh</c> wires it: the source's certificate fetched from
/// <c>/_sandbox/population/certificate</c> into a file the adapter pins, the sandbox's integration code.
/// </summary>
internal static class PopulationTestSupport
{
    public const string IntegrationCode = "LGSP-SANDBOX";

    /// <summary>The stand-in's public certificate, fetched over HTTP and written to a fresh file (the caller deletes it).</summary>
    public static async Task<string> WriteTrustFileAsync(SandboxFixture sandbox)
    {
        var pem = await sandbox.Control.GetStringAsync(new Uri("/_sandbox/population/certificate", UriKind.Relative));
        var path = TempPath();
        await File.WriteAllTextAsync(path, pem);
        return path;
    }

    public static string TempPath() => Path.Combine(Path.GetTempPath(), "lgsp-population-trust-" + Guid.NewGuid().ToString("N")[..12] + ".pem");

    public static void Delete(string? path)
    {
        if (path is not null && File.Exists(path))
        {
            File.Delete(path);
        }
    }

    public static Dictionary<string, string?> Settings(Uri baseUrl, string trustPath) => new()
    {
        ["Adapters:population:BaseUrl"] = baseUrl.ToString(),
        ["Adapters:population:IntegrationCode"] = IntegrationCode,
        ["Adapters:population:TrustedCertificatePath"] = trustPath,
        ["Adapters:population:AttemptTimeout"] = "00:00:02",
        ["Adapters:population:TotalTimeout"] = "00:00:06",
        ["Adapters:population:Retry:BaseDelay"] = "00:00:00.020",
        ["Adapters:population:Retry:MaxDelay"] = "00:00:00.100",
        ["Adapters:population:Retry:MaxRetryAfter"] = "00:00:02",
        ["Adapters:population:CircuitBreaker:MinimumThroughput"] = "1000",
    };

    public static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddPopulationAdapter(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static LookupContext Context(string? officer = "CB-0042", string purpose = "1.001193") => new()
    {
        RequestId = Guid.NewGuid().ToString("D"),
        Purpose = ProcedureCode.Parse(purpose),
        OfficerId = officer,
        ClientId = "population-tests",
    };

    public static SyntheticWorld World(this SandboxFixture sandbox) => sandbox.Services.GetRequiredService<SyntheticWorld>();

    public static PersonalId Id(this CongDan citizen) => PersonalId.Parse(citizen.SoDinhDanh);

    /// <summary>What the stand-in received, newest first.</summary>
    public static async Task<List<JsonElement>> ReceivedAsync(SandboxFixture sandbox) =>
        [.. (await sandbox.Control.GetFromJsonAsync<JsonElement>("/_sandbox/population/requests")).EnumerateArray()];

    public static async Task ClearReceivedAsync(SandboxFixture sandbox)
    {
        using var response = await sandbox.Control.DeleteAsync(new Uri("/_sandbox/population/requests", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A well-formed 12-digit id the world does not hold.</summary>
    public static PersonalId UnknownId(SyntheticWorld world)
    {
        for (var serial = 999_999; ; serial--)
        {
            var id = PersonalId.CreateCccd("001", Gender.Male, 1985, serial);
            if (world.FindCitizen(id.Value) is null)
            {
                return id;
            }
        }
    }
}
