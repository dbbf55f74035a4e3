using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Lgsp.Hub.Tests.Infrastructure;

namespace Lgsp.Hub.Tests;

/// <summary>The hub's skeleton on the embedded default (SQLite): health, errors, metrics, API docs.</summary>
public sealed class SkeletonTests : IDisposable
{
    private readonly HubFactory _hub = HubFactory.OnSqlite();

    public void Dispose() => _hub.Dispose();

    [Fact]
    public async Task Ready_reports_healthy_with_the_database_check()
    {
        using var client = _hub.CreateClient();
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        var database = body.RootElement.GetProperty("checks").GetProperty("database");
        Assert.Equal("Healthy", database.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Live_answers_without_touching_dependencies()
    {
        using var client = _hub.CreateClient();
        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null, "Không tìm thấy")]
    [InlineData("vi-VN", "Không tìm thấy")]
    [InlineData("en-US,en;q=0.9", "The requested resource")]
    public async Task Unknown_route_is_a_bilingual_problem_details(string? acceptLanguage, string titleStart)
    {
        using var client = _hub.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no/such/thing");
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        Assert.Equal("urn:lgsp:error:client.not_found", root.GetProperty("type").GetString());
        Assert.Equal("client.not_found", root.GetProperty("code").GetString());
        Assert.Equal("client", root.GetProperty("faultOrigin").GetString());
        Assert.Equal(404, root.GetProperty("status").GetInt32());
        Assert.StartsWith(titleStart, root.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("message").GetProperty("vi").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("message").GetProperty("en").GetString()));
        Assert.Matches("^[0-9a-f]{32}$", root.GetProperty("traceId").GetString()!);
    }

    [Fact]
    public async Task Metrics_are_exposed_in_prometheus_text_format()
    {
        using var client = _hub.CreateClient();
        using (await client.GetAsync(new Uri("/health/live", UriKind.Relative)))
        {
        }

        using var management = HubFactory.CreateManagementClient(_hub);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        using var response = await management.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/docs")]
    [InlineData("/openapi/v1.json")]
    public async Task Operations_endpoints_are_not_found_on_the_public_endpoint(string path)
    {
        using var client = _hub.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("client.not_found", body.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task OpenApi_document_and_browsable_ui_are_served()
    {
        using var client = HubFactory.CreateManagementClient(_hub);
        using var doc = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, doc.StatusCode);
        using var json = JsonDocument.Parse(await doc.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", json.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);

        using var ui = await client.GetAsync(new Uri("/docs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Equal("text/html", ui.Content.Headers.ContentType?.MediaType);
    }
}
