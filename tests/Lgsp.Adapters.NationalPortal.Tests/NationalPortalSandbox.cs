using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Adapters.Contract;

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
}
