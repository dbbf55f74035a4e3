using Lgsp.Adapters.Contract;
using Lgsp.Hub.Catalogue;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lgsp.Hub.Tests.Gateway;
using Lgsp.Hub.Tests.Operations;
using Lgsp.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lgsp.Hub.Tests.Catalogue;

/// <summary>
/// The hub with its procedure catalogue switched on, fetched from the sandbox's DVCQG stand-in, its schedule on fake
/// time (<see cref="Clock"/>, only the catalogue's: tokens and certificates keep the real clock).
/// </summary>
public sealed class CatalogueFixture : GatewayFixture
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public RecordingTime Clock { get; } = new();

    protected override IDictionary<string, string?> AdapterSettings(SandboxFixture sandbox)
    {
        var settings = base.AdapterSettings(sandbox);
        settings["Adapters:dvcqg:BaseUrl"] = new Uri(sandbox.HttpBaseUrl, "dvcqg/").ToString();
        settings["Adapters:dvcqg:CredentialsSecret"] = "LGSP_TEST_CATALOGUE_DVCQG_CREDENTIALS";
        settings["LGSP_TEST_CATALOGUE_DVCQG_CREDENTIALS"] = "{\"clientId\":\"sandbox-dvcqg-client\",\"clientSecret\":\"sandbox-dvcqg-secret-NOT-A-SECRET\"}";
        settings["Adapters:dvcqg:Retry:MaxRetryAttempts"] = "0";
        settings["Catalogue:Enabled"] = "true";
        settings["Catalogue:Interval"] = Interval.ToString();
        return settings;
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.RemoveAll<CatalogueClock>();
        services.AddSingleton(new CatalogueClock(Clock));
    }

    /// <summary>Calls the control API as the operators' CLI (scope <c>lgsp.admin</c>).</summary>
    public async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        using var api = Api();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(OperationsFixture.Cli, "lgsp.admin"));
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        return await api.SendAsync(request);
    }
}
