using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lgsp.Cli.Tests.Infrastructure;

/// <summary>
/// A stand-in hub on a loopback port answering as OPERATIONS-API.md says: a client-credentials token endpoint and
/// <c>/admin/v1</c> with one adapter (<c>business</c>) under optimistic concurrency (ETag / If-Match, 428, 409 with
/// <c>currentVersion</c>) and the access rights of two clients (<see cref="FakeAccessRights"/>). <see cref="Answers"/> replaces the answer to one "METHOD /path" (after the token check).
/// Every request is recorded.
/// </summary>
public sealed class FakeHub : IAsyncDisposable
{
    public const string Secret = "fake-cli-secret-Zq8w3Rk";
    public const string AccessToken = "fake-access-token-123";

    private readonly WebApplication _app;
    private readonly object _gate = new();

    private FakeHub(WebApplication app)
    {
        _app = app;
        Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public string Url { get; }

    public ConcurrentQueue<Recorded> Requests { get; } = new();

    public ConcurrentDictionary<string, Answer> Answers { get; } = new(StringComparer.Ordinal);

    public long Version { get; set; } = 3;

    public bool Enabled { get; set; } = true;

    public FakeAccessRights Rights { get; } = new();

    /// <summary>The requests under /admin/v1 (the token request left out).</summary>
    public IReadOnlyList<Recorded> AdminRequests => [.. Requests.Where(r => r.Path.StartsWith("/admin/v1/", StringComparison.Ordinal))];

    public static async Task<FakeHub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeHub? hub = null;
        app.Run(context => hub!.HandleAsync(context));
        await app.StartAsync();
        hub = new FakeHub(app);
        return hub;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = await new StreamReader(request.Body).ReadToEndAsync(context.RequestAborted);
        var recorded = new Recorded(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "",
            request.Headers.IfMatch.ToString() is { Length: > 0 } ifMatch ? ifMatch : null,
            request.Headers.Authorization.ToString(), request.ContentType, body);
        Requests.Enqueue(recorded);

        var answer = Route(recorded);
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        if (answer.ETag is not null)
        {
            context.Response.Headers.ETag = answer.ETag;
        }

        await context.Response.WriteAsync(answer.Body, context.RequestAborted);
    }

    private Answer Route(Recorded r)
    {
        if (r.Method == "POST" && r.Path == "/connect/token")
        {
            var form = System.Web.HttpUtility.ParseQueryString(r.Body);
            return form["grant_type"] == "client_credentials" && form["client_id"] == "lgsp-cli" && form["client_secret"] == Secret && form["scope"] == "lgsp.admin"
                ? Json(200, new JsonObject { ["access_token"] = AccessToken, ["token_type"] = "Bearer", ["expires_in"] = 3600 })
                : Json(400, new JsonObject { ["error"] = "invalid_client", ["error_description"] = "The specified client credentials are invalid." });
        }

        if (r.Authorization != "Bearer " + AccessToken)
        {
            return Problem(401, "client.unauthenticated", "Chưa xác thực.", "Not authenticated.");
        }

        if (Answers.TryGetValue($"{r.Method} {r.Path}", out var scripted))
        {
            return scripted;
        }

        lock (_gate)
        {
            if (Rights.Route(r) is { } rights)
            {
                return rights;
            }

            return (r.Method, r.Path) switch
            {
                ("GET", "/admin/v1/adapters") => Json(200, new JsonArray(Adapter(detail: false))),
                ("GET", "/admin/v1/adapters/business") => Json(200, Adapter(detail: true), ETag),
                ("PATCH", "/admin/v1/adapters/business") => Change(r, "change"),
                ("POST", "/admin/v1/adapters/business/enable") => Change(r, "enable"),
                ("POST", "/admin/v1/adapters/business/disable") => Change(r, "disable"),
                ("POST", "/admin/v1/adapters/business/rollback") => Change(r, "rollback"),
                _ => Problem(404, "client.not_found", "Không tìm thấy.", "Not found."),
            };
        }
    }

    private string ETag => $"\"{Version}\"";

    private Answer Change(Recorded r, string action)
    {
        if (r.IfMatch is null)
        {
            return Problem(428, "client.precondition_required", "Thiếu If-Match.", "If-Match is required.");
        }

        if (r.IfMatch != ETag)
        {
            var conflict = ProblemBody(409, "client.conflict", "Bộ điều hợp đã bị thay đổi.", "The adapter was changed since your version.");
            conflict["currentVersion"] = Version;
            return Json(409, conflict, contentType: "application/problem+json");
        }

        Version++;
        Enabled = action switch { "enable" => true, "disable" => false, _ => Enabled };
        return Json(200, Adapter(detail: true), ETag);
    }

    private JsonObject Adapter(bool detail)
    {
        var adapter = new JsonObject
        {
            ["source"] = "business", ["kind"] = "lookup", ["enabled"] = Enabled, ["version"] = Version, ["origin"] = "operator",
        };
        if (detail)
        {
            adapter["changedAt"] = "2026-11-24T20:01:02+07:00";
            adapter["changedBy"] = "quantri.demo";
            adapter["reason"] = "Đổi máy chủ theo công văn 123";
            adapter["settings"] = new JsonObject
            {
                ["baseUrl"] = "http://127.0.0.1:8090/", ["enabled"] = Enabled, ["attemptTimeout"] = "00:00:10", ["totalTimeout"] = "00:00:30",
                ["retry"] = new JsonObject { ["maxRetryAttempts"] = 2, ["baseDelay"] = "00:00:00.2000000" },
                ["concurrency"] = new JsonObject { ["permitLimit"] = 32, ["queueLimit"] = 64 },
                ["rateLimit"] = null, ["credentialsSecret"] = "LGSP_BUSINESS_CREDENTIALS",
            };
        }
        else
        {
            adapter["baseUrl"] = "http://127.0.0.1:8090/";
        }

        adapter["health"] = new JsonObject
        {
            ["circuit"] = "closed", ["calls"] = 120, ["failures"] = 2, ["errorRate"] = 0.0167, ["p50Ms"] = 12.1, ["p95Ms"] = 40.3,
            ["windowSeconds"] = 300,
            ["lastFailure"] = new JsonObject { ["code"] = "upstream.business.timeout", ["at"] = "2026-11-24T20:01:02+07:00" },
        };
        return adapter;
    }

    public static Answer Json(int status, JsonNode body, string? etag = null, string contentType = "application/json") =>
        new(status, body.ToJsonString(), contentType, etag);

    public static JsonObject ProblemBody(int status, string code, string vi, string en, params (string Field, string Reason, string Vi, string En)[] errors)
    {
        var problem = new JsonObject
        {
            ["type"] = "https://lgsp.example/errors/" + code, ["title"] = en, ["status"] = status, ["detail"] = en, ["code"] = code,
            ["faultOrigin"] = "client", ["message"] = new JsonObject { ["vi"] = vi, ["en"] = en }, ["traceId"] = "00-trace-01",
        };
        if (errors.Length > 0)
        {
            problem["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject
            {
                ["field"] = e.Field, ["reason"] = e.Reason, ["message"] = e.En, ["messageVi"] = e.Vi, ["messageEn"] = e.En,
            })]);
        }

        return problem;
    }

    public static Answer Problem(int status, string code, string vi, string en, params (string Field, string Reason, string Vi, string En)[] errors) =>
        Json(status, ProblemBody(status, code, vi, en, errors), contentType: "application/problem+json");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record Recorded(string Method, string Path, string Query, string? IfMatch, string Authorization, string? ContentType, string Body)
{
    public JsonNode? Json => JsonNode.Parse(Body);
}

public sealed record Answer(int Status, string Body, string ContentType = "application/json", string? ETag = null);
