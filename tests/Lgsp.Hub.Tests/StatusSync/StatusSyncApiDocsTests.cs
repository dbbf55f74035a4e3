using System.Text.Json;
using Lgsp.Hub.Tests.Infrastructure;

namespace Lgsp.Hub.Tests.StatusSync;

public sealed class StatusSyncApiDocsTests
{
    [Fact]
    public async Task OpenApi_StatusSyncEndpoints_AreDocumentedWithBodiesAnswersAndTheIdempotencyHeader()
    {
        await using var hub = await StatusSyncHub.OnSqliteAsync(relay: false);

        using var management = HubFactory.CreateManagementClient(hub.Host);
        var doc = JsonDocument.Parse(await management.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement;

        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/dossiers", "/api/v1/dossiers/{code}/steps", "/api/v1/dossiers:batch", "/api/v1/national/dossiers" })
        {
            var post = paths.GetProperty(path).GetProperty("post");
            Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _), path);
            Assert.Contains(post.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header");
            Assert.True(post.GetProperty("responses").TryGetProperty("400", out _), path);
        }

        foreach (var path in new[] { "/api/v1/dossiers/{code}", "/api/v1/dossiers/changes", "/api/v1/reconciliation" })
        {
            Assert.True(paths.GetProperty(path).GetProperty("get").GetProperty("responses").TryGetProperty("200", out _), path);
        }

        Assert.Equal(JsonValueKind.Object, doc.GetProperty("components").GetProperty("schemas").GetProperty("DossierInput").ValueKind);
    }
}
