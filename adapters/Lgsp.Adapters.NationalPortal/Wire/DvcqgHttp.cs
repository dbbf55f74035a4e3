using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Adapters.Sdk.Resilience;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.NationalPortal.Wire;

/// <summary>
/// Any answer DVCQG gives, whatever the profile: a JSON object (<c>error_code</c> as a string or a number,
/// <c>message</c>, a lookup's <c>data</c> or <c>result</c>, a login's <c>session</c>) or a plain-text reply (TD-DVC
/// reads <c>DongBoTienTrinh</c>'s answer as text). What it means is <see cref="DvcqgClient"/>'s business.
/// </summary>
internal sealed record DvcqgReply(string? ErrorCode, string? Message, JsonElement? Data, JsonElement? Result, string? Session, bool IsJson)
{
    /// <summary>The words an operator reads: the message of a JSON answer, or the whole plain-text reply.</summary>
    public string Text => Message ?? "";

    public static DvcqgReply Parse(string body)
    {
        var trimmed = body.Trim();
        if (!trimmed.StartsWith('{'))
        {
            // A JSON string ("Đồng bộ thành công") is text too.
            if (trimmed.StartsWith('"'))
            {
                try
                {
                    return new(null, JsonSerializer.Deserialize(trimmed, DvcqgJson.Wire.String), null, null, null, false);
                }
                catch (JsonException)
                {
                    // read as the text it is
                }
            }

            return new(null, trimmed, null, null, null, false);
        }

        using var document = JsonDocument.Parse(trimmed);
        var root = document.RootElement;
        return new(
            Scalar(root, "error_code"),
            Scalar(root, "message"),
            Member(root, "data"),
            Member(root, "result"),
            Scalar(root, "session"),
            true);
    }

    private static JsonElement? Member(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.Clone() : null;

    private static string? Scalar(JsonElement root, string name) => Member(root, name) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.TryGetInt64(out var whole) ? whole.ToString(CultureInfo.InvariantCulture) : n.GetRawText(),
        null => null,
        var other => other.Value.GetRawText(),
    };
}

/// <summary>
/// DVCQG over HTTP, for every profile: a POST of JSON to a path relative to <c>BaseUrl</c>, the answer's text back.
/// Registered twice (<c>dvcqg.api</c> with the authentication handler, <c>dvcqg.token</c> for the token or login
/// itself), each with the SDK's pipeline; an unsuccessful HTTP status is the SDK's fault.
/// </summary>
internal class DvcqgHttpBase(HttpClient http, TimeProvider time)
{
    private const string Source = NationalPortalSource.Name;

    public async Task<string> PostAsync(string path, HttpContent content, bool idempotent, IEnumerable<(string Name, string Value)> headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(DvcqgPaths.Relative(path), UriKind.Relative)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (idempotent)
        {
            request.MarkIdempotent();
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw UpstreamFaults.FromResponse(Source, response, time);
            }

            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (UpstreamFaults.TryTranslate(Source, ex, cancellationToken, out var fault))
        {
            throw fault;
        }
    }

    public static HttpContent Json(JsonNode body) =>
        new StringContent(body.ToJsonString(DvcqgJson.Wire.Options), Encoding.UTF8, "application/json");
}

/// <summary>The API calls (<c>dvcqg.api</c>): authentication added per attempt by <see cref="DvcqgAuthHandler"/>.</summary>
internal sealed class DvcqgHttp(HttpClient http, TimeProvider time) : DvcqgHttpBase(http, time);

/// <summary>The token request or session login (<c>dvcqg.token</c>): no authentication handler.</summary>
internal sealed class DvcqgAuthHttp(HttpClient http, TimeProvider time) : DvcqgHttpBase(http, time);

/// <summary>
/// Inside the API's pipeline, once per attempt: the <c>dstcode</c> header when configured, and the profile's proof of
/// identity: <c>Authorization: Bearer</c> (OAuth) or the login session as the body's <c>session</c> member (Session).
/// A 401 renews the token or session once and resends.
/// </summary>
internal sealed class DvcqgAuthHandler(DvcqgTokens tokens, IOptionsMonitor<NationalPortalOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var o = options.Get(NationalPortalSource.Name);
        if (o.DstCode is { Length: > 0 } dst)
        {
            request.Headers.Remove("dstcode");
            request.Headers.TryAddWithoutValidation("dstcode", dst);
        }

        var auth = o.EffectiveAuth;
        if (auth == DvcqgAuth.None)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var cache = auth == DvcqgAuth.OAuth ? tokens.OAuth : tokens.Session;
        var credential = await cache.GetAsync(cancellationToken).ConfigureAwait(false);
        await ApplyAsync(request, auth, credential, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        cache.Invalidate(credential);
        credential = await cache.GetAsync(cancellationToken).ConfigureAwait(false);
        await ApplyAsync(request, auth, credential, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static async Task ApplyAsync(HttpRequestMessage request, DvcqgAuth auth, string credential, CancellationToken cancellationToken)
    {
        if (auth == DvcqgAuth.OAuth)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
            return;
        }

        // OpenCPS puts the session first in the body of every call.
        var text = request.Content is null ? "{}" : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var body = JsonNode.Parse(text) as JsonObject ?? [];
        var withSession = new JsonObject { ["session"] = credential };
        foreach (var (name, value) in body.ToList())
        {
            if (name != "session")
            {
                body.Remove(name);
                withSession[name] = value;
            }
        }

        request.Content = DvcqgHttpBase.Json(withSession);
    }
}
