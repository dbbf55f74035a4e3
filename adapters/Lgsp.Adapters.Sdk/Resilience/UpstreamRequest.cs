namespace Lgsp.Adapters.Sdk.Resilience;

/// <summary>
/// Per-request marks the standard pipeline reads. Only GET and HEAD are retried unless a request says it is
/// idempotent: a POST that only reads (a SOAP lookup, a token request) is marked, a POST that changes something
/// upstream never is. Whatever the mark, an HTTP 429 is retried (honouring <c>Retry-After</c>): the upstream refused
/// the request unread, so sending it again cannot do the work twice.
/// </summary>
public static class UpstreamRequest
{
    /// <summary>
    /// The <see cref="HttpRequestMessage.Options"/> key. Refit: add a parameter
    /// <c>[Property(UpstreamRequest.IdempotentKey)] bool idempotent = true</c>.
    /// </summary>
    public const string IdempotentKey = "Lgsp.Idempotent";

    private static readonly HttpRequestOptionsKey<bool> Key = new(IdempotentKey);

    /// <summary>Marks a request as safe to send again (it changes nothing upstream).</summary>
    public static HttpRequestMessage MarkIdempotent(this HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(Key, true);
        return request;
    }

    public static bool IsIdempotent(HttpRequestMessage? request)
    {
        if (request is null)
        {
            return false;
        }

        if (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head)
        {
            return true;
        }

        // Refit stores [Property] values as object, so read the untyped view rather than a typed key.
        return ((IDictionary<string, object?>)request.Options).TryGetValue(IdempotentKey, out var value) && value is true;
    }
}
