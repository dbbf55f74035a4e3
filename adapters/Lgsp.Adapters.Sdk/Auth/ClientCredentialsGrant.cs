using System.Text;
using System.Text.Json.Serialization;
using Lgsp.Adapters.Sdk.Faults;

namespace Lgsp.Adapters.Sdk.Auth;

/// <summary>An OAuth 2.0 token answer (RFC 6749 §5.1), as the gateways in front of national systems give it.</summary>
public sealed record OAuthTokenAnswer
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }

    [JsonPropertyName("expires_in")]
    public long? ExpiresIn { get; init; }
}

/// <summary>
/// One client-credentials token request (client id and secret in HTTP Basic, RFC 6749 §4.4), for an adapter's
/// <see cref="AccessTokenCache"/>: the call's failures become the source's catalogue faults, and an answer without an
/// access token, a positive lifetime or the Bearer type is a malformed answer.
/// </summary>
public static class ClientCredentialsGrant
{
    /// <param name="send">The adapter's token call: the form and the <c>Authorization</c> header value to send.</param>
    public static async Task<AccessToken> FetchAsync(
        string source, string clientId, string clientSecret, TimeProvider time,
        Func<FormUrlEncodedContent, string, CancellationToken, Task<OAuthTokenAnswer>> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(send);
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}"));
        using var form = new FormUrlEncodedContent([new("grant_type", "client_credentials")]);
        var issuedAt = time.GetUtcNow();
        OAuthTokenAnswer answer;
        try
        {
            answer = await send(form, basic, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (UpstreamFaults.TryTranslate(source, ex, cancellationToken, out var fault))
        {
            throw fault;
        }

        if (string.IsNullOrEmpty(answer.AccessToken) || answer.ExpiresIn is not > 0
            || !string.Equals(answer.TokenType, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw UpstreamFaults.Malformed(source, new("Câu trả lời cấp token của cổng thiếu access_token, expires_in dương hoặc token_type Bearer.", "The gateway's token answer lacks access_token, a positive expires_in or token_type Bearer."));
        }

        return new AccessToken(answer.AccessToken, issuedAt, issuedAt.AddSeconds(answer.ExpiresIn.Value));
    }
}
