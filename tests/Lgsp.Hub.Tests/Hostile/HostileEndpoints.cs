using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lgsp.Hub.Tests.Hostile;

/// <summary>What kind of answer an endpoint owes a refused request.</summary>
internal enum RefusalKind
{
    /// <summary>The hub's APIs: an RFC 9457 ProblemDetails with a catalogue code.</summary>
    ProblemDetails,

    /// <summary>The OAuth endpoints (/connect/*): an OAuth error (RFC 6749 §5.2 JSON, RFC 6750 challenge, or an error redirect).</summary>
    OAuth,
}

/// <summary>One public endpoint: method, route template and its parameters, the scope it needs.</summary>
internal sealed record HostileEndpoint(string Method, string Template, RefusalKind Kind, string? Scope, IReadOnlyList<string> PathParameters, IReadOnlyList<string> QueryParameters, IReadOnlyList<string> HeaderParameters, bool TakesBody)
{
    public string Name => Method + " " + Template;
}

/// <summary>
/// Every public endpoint, read from what the hub itself publishes: its OpenAPI document (the APIs) and its OpenID
/// Connect discovery document (the /connect/* endpoints, excluded from OpenAPI): a new endpoint is covered without
/// touching the suite.
/// </summary>
internal static partial class HostileEndpoints
{
    public static IReadOnlyList<HostileEndpoint> FromOpenApi(JsonElement document)
    {
        var endpoints = new List<HostileEndpoint>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var parameters = operation.Value.TryGetProperty("parameters", out var p) ? [.. p.EnumerateArray()] : Array.Empty<JsonElement>();
                string[] In(string where) => [.. parameters.Where(x => x.GetProperty("in").GetString() == where).Select(x => x.GetProperty("name").GetString()!)];
                var description = operation.Value.TryGetProperty("description", out var d) ? d.GetString() ?? string.Empty : string.Empty;
                var tags = operation.Value.TryGetProperty("tags", out var t) ? string.Join(",", t.EnumerateArray().Select(x => x.GetString())) : string.Empty;
                endpoints.Add(new HostileEndpoint(operation.Name.ToUpperInvariant(), path.Name, RefusalKind.ProblemDetails, ScopeOf(path.Name, description, tags),
                    In("path"), In("query"), In("header"), operation.Value.TryGetProperty("requestBody", out _) || operation.Name is "post" or "patch" or "put"));
            }
        }

        return endpoints;
    }

    public static IReadOnlyList<HostileEndpoint> FromDiscovery(JsonElement discovery)
    {
        var endpoints = new List<HostileEndpoint>();
        void Add(string property, string method, bool body)
        {
            if (discovery.TryGetProperty(property, out var url) && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri))
            {
                endpoints.Add(new HostileEndpoint(method, uri.AbsolutePath, RefusalKind.OAuth, null, [], [], [], body));
            }
        }

        Add("token_endpoint", "POST", body: true);
        Add("introspection_endpoint", "POST", body: true);
        Add("revocation_endpoint", "POST", body: true);
        Add("userinfo_endpoint", "GET", body: false);
        Add("userinfo_endpoint", "POST", body: true);
        Add("authorization_endpoint", "GET", body: false);
        Add("end_session_endpoint", "GET", body: false);
        Add("jwks_uri", "GET", body: false);
        return endpoints;
    }

    /// <summary>
    /// The scope an operation needs: the one its description names (the lookups say it); else the one its tag's group
    /// requires (operations and status-sync administration: <c>lgsp.admin</c>; status sync: <c>lgsp.dossier.sync</c>).
    /// </summary>
    private static string? ScopeOf(string path, string description, string tags)
    {
        if (ScopePattern().Match(description) is { Success: true } named)
        {
            return named.Value;
        }

        if (path.StartsWith("/admin/", StringComparison.Ordinal) || tags.Contains("administration", StringComparison.OrdinalIgnoreCase) || tags.Contains("Operations", StringComparison.Ordinal))
        {
            return "lgsp.admin";
        }

        if (tags.Contains("Status sync", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/api/v1/dossiers", StringComparison.Ordinal) || path.StartsWith("/api/v1/national", StringComparison.Ordinal) || path.StartsWith("/api/v1/reconciliation", StringComparison.Ordinal))
        {
            return "lgsp.dossier.sync";
        }

        return null;
    }

    [GeneratedRegex(@"lgsp\.[a-z]+(\.[a-z]+)?")]
    private static partial Regex ScopePattern();
}
