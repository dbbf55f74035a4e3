using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Adapters.Contract;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lgsp.Adapters.ProvincialPortal.Tests;

/// <summary>
/// The one-stop stand-in's development account (its defaults, also what <c>run.sh</c> gives the hub), handed to the
/// adapter as production does (a secret named by <c>Adapters:provincial:CredentialsSecret</c>), and its test endpoints.
/// </summary>
internal static class ProvincialPortalSandbox
{
    public const string SecretName = "LGSP_TEST_PROVINCIAL_CREDENTIALS";

    public const string Credentials = "{\"username\":\"lgsp-dongbo\",\"password\":\"sandbox-motcua-password-NOT-A-SECRET\"}";

    public static void AddTo(IDictionary<string, string?> settings, SandboxFixture sandbox)
    {
        settings["Adapters:provincial:BaseUrl"] = new Uri(sandbox.HttpBaseUrl, "motcua/").ToString();
        settings["Adapters:provincial:CredentialsSecret"] = SecretName;
        settings[SecretName] = Credentials;
    }

    public static async Task<JsonElement> SeededAsync(SandboxFixture sandbox) =>
        await sandbox.Control.GetFromJsonAsync<JsonElement>("/_sandbox/provincial/dossiers");

    public static async Task<JsonElement> ReceivedAsync(SandboxFixture sandbox, string maHoSo)
    {
        using var response = await sandbox.Control.GetAsync(new Uri($"/_sandbox/provincial/received?dossier={Uri.EscapeDataString(maHoSo)}", UriKind.Relative));
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A fresh adapter through its real registration, with short timings.</summary>
    public static ServiceProvider CreateAdapter(SandboxFixture sandbox, Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Adapters:provincial:AttemptTimeout"] = "00:00:02",
            ["Adapters:provincial:TotalTimeout"] = "00:00:06",
            ["Adapters:provincial:Retry:BaseDelay"] = "00:00:00.020",
            ["Adapters:provincial:Retry:MaxDelay"] = "00:00:00.100",
            ["Adapters:provincial:Retry:MaxRetryAfter"] = "00:00:02",
            ["Adapters:provincial:CircuitBreaker:MinimumThroughput"] = "1000",
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
        services.AddProvincialPortalAdapter(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
