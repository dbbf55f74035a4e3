using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lgsp.Cli.Hub;

/// <summary>
/// The CLI's one way to the hub: a client-credentials token (scope <c>lgsp.admin</c>) fetched on first use, then
/// calls under <c>/admin/v1</c>. Error answers become <see cref="HubProblem"/>; a hub that cannot be reached becomes a
/// <see cref="CliFailure"/> with <see cref="ExitCodes.HubUnavailable"/>.
/// </summary>
internal sealed class HubClient : IDisposable
{
    public const string Scope = "lgsp.admin";
    private const string AdminRoot = "admin/v1/";

    private readonly HttpClient _http;
    private readonly HubSettings _settings;
    private string? _accessToken;

    public HubClient(HubSettings settings, HttpMessageHandler? handler)
    {
        _settings = settings;
        // A handler given by a test is the test's to dispose.
        _http = handler is null ? new HttpClient(new SocketsHttpHandler(), disposeHandler: true) : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = TimeSpan.FromSeconds(100);
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("lgsp-cli", typeof(HubClient).Assembly.GetName().Version?.ToString(3)));
    }

    /// <summary>Sends one request under <c>/admin/v1/</c>; throws <see cref="HubProblem"/> on any status but 2xx.</summary>
    public async Task<HubAnswer> SendAsync(HttpMethod method, string path, JsonNode? body, string? ifMatch, CancellationToken ct)
    {
        var token = await TokenAsync(ct);
        using var request = new HttpRequestMessage(method, new Uri(_settings.BaseUri, AdminRoot + path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("application/problem+json");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await SendCheckedAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HubProblem((int)response.StatusCode, response.ReasonPhrase, text);
        }

        return new HubAnswer((int)response.StatusCode, text, response.Headers.ETag?.ToString());
    }

    public Task<HubAnswer> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, null, ct);

    private async Task<string> TokenAsync(CancellationToken ct)
    {
        if (_accessToken is not null)
        {
            return _accessToken;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_settings.BaseUri, "connect/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = _settings.ClientId,
                ["client_secret"] = _settings.Secret.Reveal(),
                ["scope"] = Scope,
            }),
        };
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await SendCheckedAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        var answer = TryParseObject(text);
        if ((int)response.StatusCode >= 500)
        {
            throw new CliFailure(ExitCodes.HubUnavailable,
                $"Hub lỗi khi cấp token (HTTP {(int)response.StatusCode}).", $"The hub failed to issue a token (HTTP {(int)response.StatusCode}).");
        }

        if (!response.IsSuccessStatusCode)
        {
            // The OAuth error (invalid_client, invalid_scope, …): the hub's words, never the request that carried the secret.
            var error = HubProblem.Str(answer?["error"]) ?? $"HTTP {(int)response.StatusCode}";
            var description = HubProblem.Str(answer?["error_description"]);
            throw new CliFailure(ExitCodes.Unauthorized,
                $"Hub từ chối cấp token cho client '{_settings.ClientId}' (phạm vi {Scope}): {error}.",
                $"The hub refused a token to client '{_settings.ClientId}' (scope {Scope}): {error}{(description is null ? "" : " — " + description)}.");
        }

        return _accessToken = HubProblem.Str(answer?["access_token"]) is { Length: > 0 } token
            ? token
            : throw new CliFailure(ExitCodes.HubUnavailable,
                "Câu trả lời cấp token của hub không có access_token.", "The hub's token answer has no access_token.");
    }

    private async Task<HttpResponseMessage> SendCheckedAsync(HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            return await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e.Message);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw Unreachable($"no answer within {_http.Timeout.TotalSeconds:0} s");
        }
    }

    private CliFailure Unreachable(string why) => new(ExitCodes.HubUnavailable,
        $"Không kết nối được tới hub {_settings.BaseUri}: {why}",
        $"Cannot reach the hub at {_settings.BaseUri}: {why}");

    private static JsonObject? TryParseObject(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A successful answer: the body as received (what <c>--json</c> prints) and the entity tag, if any.</summary>
internal sealed record HubAnswer(int Status, string Body, string? ETag)
{
    /// <summary>The body as JSON; an answer that is not JSON breaks the contract (exit 7, the hub is at fault).</summary>
    public JsonNode Json()
    {
        try
        {
            return JsonNode.Parse(Body) ?? throw NotContract();
        }
        catch (JsonException)
        {
            throw NotContract();
        }
    }

    public JsonObject Object() => Json() as JsonObject ?? throw NotContract();

    public JsonArray Array() => Json() as JsonArray ?? throw NotContract();

    private static CliFailure NotContract() => new(ExitCodes.HubUnavailable,
        "Câu trả lời của hub không đúng hợp đồng /admin/v1 (không phải JSON như mong đợi).",
        "The hub's answer does not follow the /admin/v1 contract (not the JSON expected).");
}
