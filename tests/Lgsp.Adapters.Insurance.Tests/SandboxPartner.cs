using System.Text.Json;
using Lgsp.Adapters.Contract;
using Lgsp.Core.Codes;
using Lgsp.Core.Lookups;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lgsp.Adapters.Insurance.Tests;

/// <summary>
/// The BHXH stand-in's development partner (its defaults, also what <c>run.sh</c> gives the hub), handed to the
/// adapter the way production does it: a secret named by <c>Adapters:insurance:CredentialsSecret</c>.
/// </summary>
internal static class SandboxPartner
{
    public const string SecretName = "LGSP_TEST_INSURANCE_CREDENTIALS";
    public const string AppName = "lgsp-sandbox";
    public const string AccessKey = "sandbox-bhxh-access-key";
    public const string SecretKey = "sandbox-bhxh-secret-key-NOT-A-SECRET";
    public const string PartnerCode = "LGSPSANDBOX";

    /// <summary>The secret as a deployment writes it, in the header's own member names.</summary>
    public static string Json(string secretKey = SecretKey, string partnerCode = PartnerCode) => JsonSerializer.Serialize(new
    {
        AccessKey,
        SecretKey = secretKey,
        AppName,
        PartnerCode = partnerCode,
    });

    /// <summary>
    /// The <c>lgspaccesstoken</c> the development partner's requests must carry, written out by hand from OpenCPS's
    /// <c>QLCDIntegrationActionImpl</c> (members in its order and case; <c>PartnerCodeCus</c> empty when the partner has none).
    /// </summary>
    public static string HeaderValue() => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
        "{\"AccessKey\":\"" + AccessKey + "\",\"SecretKey\":\"" + SecretKey + "\",\"AppName\":\"" + AppName
        + "\",\"PartnerCode\":\"" + PartnerCode + "\",\"PartnerCodeCus\":\"\"}"));

    public static void AddTo(IDictionary<string, string?> settings, string? json = null)
    {
        settings["Adapters:insurance:CredentialsSecret"] = SecretName;
        // Read by the default IUpstreamSecrets from configuration when no such environment variable exists.
        settings[SecretName] = json ?? Json();
    }

    /// <summary>The adapter through its real registration, against the sandbox's HTTP port.</summary>
    public static ServiceProvider Adapter(SandboxFixture sandbox, Dictionary<string, string?>? overrides = null, Action<IServiceCollection>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Adapters:insurance:BaseUrl"] = sandbox.HttpBaseUrl.ToString(),
            ["Adapters:insurance:Retry:BaseDelay"] = "00:00:00.010",
            ["Adapters:insurance:Retry:MaxRetryAfter"] = "00:00:03",
        };
        AddTo(settings);
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration); // where the default IUpstreamSecrets finds the test's secret
        services.AddSocialInsuranceAdapter(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>The first participant of <c>/_sandbox/demo</c>: contributing now, after earlier jobs.</summary>
    public static async Task<(SocialInsuranceCode Code, string PersonalId, string FullName, int Periods)> ParticipantAsync(SandboxFixture sandbox)
    {
        var demo = await sandbox.DemoAsync();
        var first = demo.GetProperty("socialInsurance")[0];
        return (SocialInsuranceCode.Parse(first.GetProperty("bhxhCode").GetString()!), first.GetProperty("personalId").GetString()!,
            first.GetProperty("fullName").GetString()!, first.GetProperty("periods").GetInt32());
    }

    public static LookupContext Context() => new()
    {
        RequestId = Guid.NewGuid().ToString("D"),
        Purpose = ProcedureCode.Parse("1.001193"),
        ClientId = "insurance-tests",
    };
}
