using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Adapters.Contract;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lgsp.Adapters.NationalPortal.Tests;

/// <summary>
/// The DVCQG stand-in's development client id and secret (its defaults, also what <c>run.sh</c> gives the hub), handed
/// to the adapter as production does: a secret named by <c>Adapters:dvcqg:CredentialsSecret</c>. Plus the stand-in's
/// test endpoints.
/// </summary>
internal static class NationalPortalSandbox
{
    public const string SecretName = "LGSP_TEST_DVCQG_CREDENTIALS";

    public const string Credentials = "{\"clientId\":\"sandbox-dvcqg-client\",\"clientSecret\":\"sandbox-dvcqg-secret-NOT-A-SECRET\"}";

    public static void AddTo(IDictionary<string, string?> settings, SandboxFixture sandbox)
    {
        settings["Adapters:dvcqg:BaseUrl"] = new Uri(sandbox.HttpBaseUrl, "dvcqg/").ToString();
        settings["Adapters:dvcqg:CredentialsSecret"] = SecretName;
        // Read by the default IUpstreamSecrets from configuration when no such environment variable exists.
        settings[SecretName] = Credentials;
    }

    /// <summary>The dossiers the stand-in holds from the start (<c>/_sandbox/dvcqg/dossiers</c>).</summary>
    public static async Task<JsonElement> SeededAsync(SandboxFixture sandbox) =>
        await sandbox.Control.GetFromJsonAsync<JsonElement>("/_sandbox/dvcqg/dossiers");

    /// <summary>What DVCQG received for one MaHoSo (<c>/_sandbox/dvcqg/received?dossier=</c>).</summary>
    public static async Task<JsonElement> ReceivedAsync(SandboxFixture sandbox, string maHoSo)
    {
        using var response = await sandbox.Control.GetAsync(new Uri($"/_sandbox/dvcqg/received?dossier={Uri.EscapeDataString(maHoSo)}", UriKind.Relative));
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A fresh adapter through its real registration, with short timings (and the test's overrides).</summary>
    public static ServiceProvider CreateAdapter(SandboxFixture sandbox, Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Adapters:dvcqg:AttemptTimeout"] = "00:00:02",
            ["Adapters:dvcqg:TotalTimeout"] = "00:00:06",
            ["Adapters:dvcqg:Retry:BaseDelay"] = "00:00:00.020",
            ["Adapters:dvcqg:Retry:MaxDelay"] = "00:00:00.100",
            ["Adapters:dvcqg:Retry:MaxRetryAfter"] = "00:00:02",
            ["Adapters:dvcqg:CircuitBreaker:MinimumThroughput"] = "1000",
        };
        AddTo(settings, sandbox);
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddNationalPortalAdapter(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
