using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lgsp.Adapters.Contract;

/// <summary>
/// A portal stand-in of the sandbox (DVCQG or the provincial one-stop system) as a portal adapter's tests use it: its
/// development credentials (its defaults, also what <c>run.sh</c> gives the hub) handed to the adapter as production
/// does, through a secret named by <c>Adapters:&lt;source&gt;:CredentialsSecret</c>; its test endpoints; and a fresh
/// adapter through the adapter's real registration.
/// </summary>
/// <param name="Source">The adapter's source name (<c>dvcqg</c>, <c>provincial</c>): its options section and its control path.</param>
/// <param name="Path">Where the stand-in answers under the sandbox's base URL (<c>dvcqg/</c>, <c>motcua/</c>).</param>
/// <param name="SecretName">The name the credentials are handed over under.</param>
/// <param name="Credentials">The stand-in's development credentials, as the adapter's secret holds them.</param>
/// <param name="Register">The adapter's own registration (<c>AddNationalPortalAdapter</c>, …).</param>
public sealed record PortalStandIn(string Source, string Path, string SecretName, string Credentials, Action<IServiceCollection, IConfiguration> Register)
{
    public void AddTo(IDictionary<string, string?> settings, SandboxFixture sandbox)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sandbox);
        settings[$"Adapters:{Source}:BaseUrl"] = new Uri(sandbox.HttpBaseUrl, Path).ToString();
        settings[$"Adapters:{Source}:CredentialsSecret"] = SecretName;
        // Read by the default IUpstreamSecrets from configuration when no such environment variable exists.
        settings[SecretName] = Credentials;
    }

    /// <summary>The dossiers the stand-in holds from the start (<c>/_sandbox/&lt;source&gt;/dossiers</c>).</summary>
    public async Task<JsonElement> SeededAsync(SandboxFixture sandbox)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        return await sandbox.Control.GetFromJsonAsync<JsonElement>($"/_sandbox/{Source}/dossiers");
    }

    /// <summary>What the stand-in received for one dossier code (<c>/_sandbox/&lt;source&gt;/received?dossier=</c>).</summary>
    public async Task<JsonElement> ReceivedAsync(SandboxFixture sandbox, string dossierCode)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        using var response = await sandbox.Control.GetAsync(new Uri($"/_sandbox/{Source}/received?dossier={Uri.EscapeDataString(dossierCode)}", UriKind.Relative));
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A fresh adapter through its real registration, with short timings (and the test's overrides).</summary>
    public ServiceProvider CreateAdapter(SandboxFixture sandbox, Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Adapters:{Source}:AttemptTimeout"] = "00:00:02",
            [$"Adapters:{Source}:TotalTimeout"] = "00:00:06",
            [$"Adapters:{Source}:Retry:BaseDelay"] = "00:00:00.020",
            [$"Adapters:{Source}:Retry:MaxDelay"] = "00:00:00.100",
            [$"Adapters:{Source}:Retry:MaxRetryAfter"] = "00:00:02",
            [$"Adapters:{Source}:CircuitBreaker:MinimumThroughput"] = "1000",
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
        Register(services, configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
