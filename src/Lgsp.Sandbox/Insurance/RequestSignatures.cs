using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Lgsp.Sandbox.Insurance;

/// <summary>
/// Checks a request's HMAC-SHA256 signature the way an API gateway does (the scheme is written out in
/// <c>adapters/Lgsp.Adapters.Insurance/README.md</c>; this is an independent implementation of it, so a
/// canonicalisation bug on either side shows up as a refused request): the access key is known, the timestamp is
/// within the allowed skew, the signature over the canonical request matches, and the nonce was not seen before.
/// </summary>
internal sealed class RequestSignatures(IOptions<InsuranceStandInOptions> options, TimeProvider time)
{
    public const string Scheme = "BHXH-HMAC-SHA256";
    public const string AppNameHeader = "X-App-Name";
    public const string PartnerCodeHeader = "X-Partner-Code";
    public const string TimestampHeader = "X-Timestamp";
    public const string NonceHeader = "X-Nonce";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _nonces = new(StringComparer.Ordinal);
    private readonly Queue<(long Expiry, string Nonce)> _expiries = new();

    /// <summary>Null when the request is authentic and fresh; otherwise why not (for a 401).</summary>
    public async Task<string?> VerifyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!TryParseAuthorization(request.Headers.Authorization.ToString(), out var accessKey, out var signature))
        {
            return $"Thiếu hoặc sai tiêu đề Authorization ({Scheme} AccessKey=…, Signature=…).";
        }

        if (!Equal(accessKey, settings.AccessKey))
        {
            return "AccessKey không tồn tại.";
        }

        var timestampText = request.Headers[TimestampHeader].ToString();
        var nonce = request.Headers[NonceHeader].ToString();
        var app = request.Headers[AppNameHeader].ToString();
        var partner = request.Headers[PartnerCodeHeader].ToString();
        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp) || nonce.Length is < 16 or > 64
            || app.Length == 0 || partner.Length == 0)
        {
            return $"Thiếu hoặc sai {TimestampHeader}, {NonceHeader}, {AppNameHeader} hoặc {PartnerCodeHeader}.";
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - timestamp) > settings.MaxClockSkewSeconds)
        {
            return "Yêu cầu đã hết hạn (X-Timestamp lệch quá thời gian cho phép).";
        }

        request.EnableBuffering();
        var body = await SHA256.HashDataAsync(request.Body, cancellationToken);
        request.Body.Position = 0;
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.ToUriComponent() + request.QueryString;
        var canonical = StringToSign(request.Method, target, timestampText, nonce, partner, app, body);
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(settings.SecretKey), Encoding.UTF8.GetBytes(canonical));
        if (!TryFromBase64(signature, out var given) || !CryptographicOperations.FixedTimeEquals(given, expected))
        {
            return "Chữ ký không hợp lệ.";
        }

        // Only an authentic request may use up a nonce, so a forger cannot burn the partner's.
        return Remember(accessKey + ":" + nonce, now + 2L * settings.MaxClockSkewSeconds, now)
            ? null
            : "Yêu cầu đã được gửi trước đó (nonce trùng lặp).";
    }

    /// <summary>
    /// Scheme, method, path as sent, the query sorted and re-encoded, timestamp, nonce, partner code, app name and the
    /// body's SHA-256 in lower-case hex, one per line.
    /// </summary>
    internal static string StringToSign(string method, string rawTarget, string timestamp, string nonce, string partner, string app, byte[] bodyHash)
    {
        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? rawTarget : rawTarget[..question];
        var query = question < 0 ? "" : rawTarget[(question + 1)..];
        return string.Join('\n', Scheme, method.ToUpperInvariant(), path, CanonicalQuery(query), timestamp, nonce, partner, app,
            Convert.ToHexStringLower(bodyHash));
    }

    private static string CanonicalQuery(string query) => string.Join('&', query
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

    private bool Remember(string key, long expiry, long now)
    {
        lock (_lock)
        {
            while (_expiries.TryPeek(out var oldest) && oldest.Expiry < now)
            {
                _expiries.Dequeue();
                _nonces.Remove(oldest.Nonce);
            }

            if (!_nonces.TryAdd(key, expiry))
            {
                return false;
            }

            _expiries.Enqueue((expiry, key));
            return true;
        }
    }

    private static bool TryParseAuthorization(string header, out string accessKey, out string signature)
    {
        accessKey = signature = "";
        if (!header.StartsWith(Scheme + " ", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var part in header[(Scheme.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return false;
            }

            switch (part[..equals])
            {
                case "AccessKey":
                    accessKey = part[(equals + 1)..];
                    break;
                case "Signature":
                    signature = part[(equals + 1)..];
                    break;
            }
        }

        return accessKey.Length > 0 && signature.Length > 0;
    }

    private static bool TryFromBase64(string text, out byte[] bytes)
    {
        bytes = new byte[32];
        return Convert.TryFromBase64String(text, bytes, out var written) && written == bytes.Length;
    }

    private static bool Equal(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
