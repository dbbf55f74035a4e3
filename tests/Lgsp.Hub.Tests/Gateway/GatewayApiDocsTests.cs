using System.Net;
using System.Text.Json;
using Lgsp.Hub.Tests.Infrastructure;

namespace Lgsp.Hub.Tests.Gateway;

/// <summary>The lookups are documented in the hub's OpenAPI document, with their headers and the signed answer's media types.</summary>
public sealed class GatewayApiDocsTests : IDisposable
{
    private readonly HubFactory _hub = HubFactory.OnSqlite();

    public void Dispose() => _hub.Dispose();

    [Fact]
    public async Task OpenApi_ListsEveryLookupWithItsHeadersScopesAndAnswerTypes()
    {
        using var client = HubFactory.CreateManagementClient(_hub);
        using var doc = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, doc.StatusCode);
        using var json = JsonDocument.Parse(await doc.Content.ReadAsStringAsync());
        var paths = json.RootElement.GetProperty("paths");

        (string Path, string Method, string Scope, bool Officer)[] expected =
        [
            ("/api/v1/population/citizens/{personalId}", "get", "lgsp.population.read", true),
            ("/api/v1/population/citizens/verify", "post", "lgsp.population.read", true),
            ("/api/v1/business/enterprises/{code}", "get", "lgsp.business.read", false),
            ("/api/v1/land/parcels", "get", "lgsp.land.read", false),
            ("/api/v1/insurance/participants/{code}", "get", "lgsp.insurance.read", false),
            ("/api/v1/civil-registry/registrations", "get", "lgsp.civilregistry.read", false),
        ];
        foreach (var (path, method, scope, officer) in expected)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            var headers = operation.GetProperty("parameters").EnumerateArray()
                .Where(p => p.GetProperty("in").GetString() == "header")
                .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.TryGetProperty("required", out var r) && r.GetBoolean());
            Assert.True(headers["X-Lgsp-Purpose"], path);
            Assert.Equal(officer, headers["X-Lgsp-Officer-Id"]);
            Assert.False(headers["X-Lgsp-Request-Id"]);
            Assert.Contains(scope, operation.GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.True(operation.GetProperty("responses").GetProperty("200").TryGetProperty("content", out var ok), operation.GetProperty("responses").GetProperty("200").ToString());
            Assert.True(ok.TryGetProperty("application/json", out _), path);
            Assert.True(ok.TryGetProperty("application/xml", out _), path);
            Assert.True(operation.GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("X-Lgsp-Signature", out _), path);
            Assert.True(operation.GetProperty("responses").TryGetProperty("403", out _), path);
        }

        Assert.True(paths.TryGetProperty("/.well-known/lgsp/keys", out _));
    }
}
