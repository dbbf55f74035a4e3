using System.Net;
using Lgsp.Hub.Tests.StatusSync.EndToEnd;
using Lgsp.Testing;

namespace Lgsp.Hub.Tests.Observability;

/// <summary>
/// Metrics and API docs only on the management endpoint: the built hub as a child process on Kestrel, listening on
/// a public and a management port (TestServer has no ports).
/// </summary>
public sealed class ManagementEndpointTests
{
    private static readonly string[] OperationsPaths = ["/metrics", "/docs", "/openapi/v1.json"];

    [Fact]
    public async Task OperationsEndpoints_AnswerOnTheManagementPortOnly()
    {
        var managementPort = FreePort.Next();
        using var settings = new HubProcessSettings(directory =>
        [
            "--Storage:Provider", "Sqlite",
            "--Storage:ConnectionString", $"Data Source={Path.Combine(directory, "lgsp.db")}",
            "--Management:Urls", $"http://127.0.0.1:{managementPort}",
        ]);
        using var http = new HttpClient();
        var hub = await HubProcess.StartAsync(settings, http);
        try
        {
            var management = new Uri($"http://127.0.0.1:{managementPort}/");
            foreach (var path in OperationsPaths)
            {
                using (var onPublic = await http.GetAsync(new Uri(settings.Url, path)))
                {
                    Assert.Equal(HttpStatusCode.NotFound, onPublic.StatusCode);
                }

                // The Host header is the client's to choose: naming the management port opens nothing on the public one.
                using (var spoofed = new HttpRequestMessage(HttpMethod.Get, new Uri(settings.Url, path)))
                {
                    spoofed.Headers.Host = $"127.0.0.1:{managementPort}";
                    using var response = await http.SendAsync(spoofed);
                    Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                }

                using var onManagement = await http.GetAsync(new Uri(management, path));
                Assert.True(onManagement.StatusCode == HttpStatusCode.OK, $"{path} on the management port: {(int)onManagement.StatusCode}\n{hub.Tail}");
            }

            using (var live = await http.GetAsync(new Uri(settings.Url, "/health/live")))
            {
                Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            }

            using (var ready = await http.GetAsync(new Uri(settings.Url, "/health/ready")))
            {
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            }

            // The management port serves operations only, not the hub's public API.
            using var discovery = await http.GetAsync(new Uri(management, "/.well-known/openid-configuration"));
            Assert.Equal(HttpStatusCode.NotFound, discovery.StatusCode);
        }
        finally
        {
            await hub.KillAsync();
        }
    }
}
