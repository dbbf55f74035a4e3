namespace Lgsp.Adapters.Business.Tests;

/// <summary>
/// The business stand-in's development consumer key and secret (its defaults, also what <c>run.sh</c> gives the hub),
/// handed to the adapter the way production does it: a secret named by <c>Adapters:business:CredentialsSecret</c>.
/// </summary>
internal static class SandboxCredentials
{
    public const string SecretName = "LGSP_TEST_BUSINESS_CREDENTIALS";

    public const string Json = "{\"consumerKey\":\"sandbox-business-consumer-key\",\"consumerSecret\":\"sandbox-business-consumer-secret-NOT-A-SECRET\"}";

    public static void AddTo(IDictionary<string, string?> settings, string json = Json)
    {
        settings["Adapters:business:CredentialsSecret"] = SecretName;
        // Read by the default IUpstreamSecrets from configuration when no such environment variable exists.
        settings[SecretName] = json;
    }
}
