using Lgsp.Adapters.Contract;
using Lgsp.Core.Codes;
using Lgsp.Core.Lookups;
using Lgsp.Sandbox.Data;
using Lgsp.Sandbox.Data.Records;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lgsp.Adapters.CivilRegistry.Tests;

/// <summary>
/// The adapter against the sandbox with the stand-in's development API key, handed over the way production does it:
/// a secret named by <c>Adapters:civilregistry:CredentialsSecret</c>.
/// </summary>
internal static class CivilRegistryTestSupport
{
    public const string SecretName = "LGSP_TEST_CIVILREGISTRY_API_KEY";
    public const string ApiKey = "sandbox-civilregistry-api-key-NOT-A-SECRET";

    public static void AddCredentials(IDictionary<string, string?> settings, string? key = ApiKey)
    {
        settings["Adapters:civilregistry:CredentialsSecret"] = SecretName;
        // Read by the default IUpstreamSecrets from configuration when no such environment variable exists.
        settings[SecretName] = key;
    }

    public static Dictionary<string, string?> Settings(Uri baseUrl, string? key = ApiKey)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Adapters:civilregistry:BaseUrl"] = baseUrl.ToString(),
            ["Adapters:civilregistry:AttemptTimeout"] = "00:00:02",
            ["Adapters:civilregistry:TotalTimeout"] = "00:00:06",
            ["Adapters:civilregistry:Retry:BaseDelay"] = "00:00:00.020",
            ["Adapters:civilregistry:Retry:MaxDelay"] = "00:00:00.100",
            ["Adapters:civilregistry:Retry:MaxRetryAfter"] = "00:00:02",
            ["Adapters:civilregistry:CircuitBreaker:MinimumThroughput"] = "1000",
        };
        AddCredentials(settings, key);
        return settings;
    }

    public static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddCivilRegistryAdapter(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static LookupContext Context() => new()
    {
        RequestId = Guid.NewGuid().ToString("D"),
        Purpose = ProcedureCode.Parse("1.001193"),
        OfficerId = "CB-0042",
        ClientId = "civilregistry-tests",
    };

    public static SyntheticWorld World(this SandboxFixture sandbox) => sandbox.Services.GetRequiredService<SyntheticWorld>();

    public static CivilRegistrationKey Key(this HoTich entry) => new(entry.Loai.ToString(), entry.MaDonVi, entry.QuyenSo, entry.SoDangKy);
}
