using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lgsp.Adapters.Insurance.Signing;

/// <summary>The headers that sign one request.</summary>
internal sealed record SignedHeaders(string Authorization, string Timestamp, string Nonce, string AppName, string PartnerCode);

/// <summary>
/// The BHXH connection's request signature (<c>BHXH-HMAC-SHA256</c>; the scheme is written out in this adapter's
/// README): HMAC-SHA256 with the secret key over a canonical form of the request (method, path, sorted query,
/// timestamp, nonce, partner code, app name, body hash), sent with the access key, so the gateway can check who sent
/// it, that nothing was changed on the way, and that it is fresh and sent once.
/// </summary>
internal static class RequestSigner
{
    public const string Scheme = "BHXH-HMAC-SHA256";
    public const string AppNameHeader = "X-App-Name";
    public const string PartnerCodeHeader = "X-Partner-Code";
    public const string TimestampHeader = "X-Timestamp";
    public const string NonceHeader = "X-Nonce";

    public static SignedHeaders Sign(string method, Uri uri, ReadOnlySpan<byte> body, PartnerCredentials credentials, DateTimeOffset now, string nonce)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(credentials);
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var canonical = StringToSign(method, uri, body, timestamp, nonce, credentials.PartnerCode, credentials.AppName);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(credentials.SecretKey), Encoding.UTF8.GetBytes(canonical)));
        return new SignedHeaders($"{Scheme} AccessKey={credentials.AccessKey}, Signature={signature}", timestamp, nonce, credentials.AppName, credentials.PartnerCode);
    }

    /// <summary>Sets (or replaces, on a retry) the signing headers.</summary>
    public static void Apply(HttpRequestMessage request, SignedHeaders signed)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(signed);
        var headers = request.Headers;
        foreach (var (name, value) in new[]
        {
            ("Authorization", signed.Authorization),
            (TimestampHeader, signed.Timestamp),
            (NonceHeader, signed.Nonce),
            (AppNameHeader, signed.AppName),
            (PartnerCodeHeader, signed.PartnerCode),
        })
        {
            headers.Remove(name);
            headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>16 random bytes as 32 lower-case hex digits.</summary>
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// One field per line: scheme, upper-case method, the path as sent (percent-encoded), the canonical query,
    /// timestamp, nonce, partner code, app name, and the body's SHA-256 in lower-case hex (of nothing for a GET).
    /// </summary>
    public static string StringToSign(string method, Uri uri, ReadOnlySpan<byte> body, string timestamp, string nonce, string partnerCode, string appName)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(uri);
        return string.Join('\n', Scheme, method.ToUpperInvariant(), uri.AbsolutePath, CanonicalQuery(uri.Query), timestamp, nonce, partnerCode, appName,
            Convert.ToHexStringLower(SHA256.HashData(body)));
    }

    /// <summary>
    /// Parameters decoded, re-encoded the RFC 3986 way (unreserved characters kept, everything else <c>%XX</c> in upper
    /// case, a space <c>%20</c>), sorted by name and then value (ordinal), joined as <c>name=value</c> with <c>&amp;</c>.
    /// The same parameters however a client encodes them give the same string.
    /// </summary>
    public static string CanonicalQuery(string query) => string.Join('&', query.TrimStart('?')
        .Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            return (Name: Uri.EscapeDataString(name), Value: Uri.EscapeDataString(value));
        })
        .OrderBy(p => p.Name, StringComparer.Ordinal)
        .ThenBy(p => p.Value, StringComparer.Ordinal)
        .Select(p => p.Name + "=" + p.Value));
}
