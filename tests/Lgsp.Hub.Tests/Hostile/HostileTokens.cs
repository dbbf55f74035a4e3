using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lgsp.Hub.Tests.Hostile;

/// <summary>
/// Real client-credentials tokens (fetched over HTTP, fetched again before they expire) and forgeries made from them.
/// Expired, not-yet-valid, wrong-audience and wrong-issuer tokens are re-signed with the hub's own token key (the
/// test hub's file), so they are refused for what they say, not for a broken signature. Token requests answered 429
/// (throttled by the hub after the suite's failed client authentications) are retried after the <c>Retry-After</c>
/// the hub gave.
/// </summary>
internal sealed class HostileTokens(Func<HttpClient> api, Func<string, string> secret, string signingCertificatePath, TimeProvider time)
{
    private static readonly TimeSpan Reuse = TimeSpan.FromMinutes(4);
    private readonly Dictionary<string, (string Token, DateTimeOffset At)> _cache = new(StringComparer.Ordinal);

    /// <summary>The Authorization header value for <paramref name="kind"/> on an endpoint that needs <paramref name="scope"/>.</summary>
    public async Task<string?> HeaderAsync(HostileToken kind, string? scope)
    {
        var right = scope ?? "lgsp.business.read";
        var wrong = right == "lgsp.admin" ? "lgsp.business.read" : "lgsp.admin";
        return kind switch
        {
            HostileToken.None or HostileToken.DoubleAuthorization => null,
            HostileToken.Valid => "Bearer " + await ValidAsync(right),
            HostileToken.WrongScope => "Bearer " + await ValidAsync(wrong),
            HostileToken.Garbage => "Bearer " + Base64Url(RandomNumberGenerator.GetBytes(24)) + "." + Base64Url(RandomNumberGenerator.GetBytes(60)) + "." + Base64Url(RandomNumberGenerator.GetBytes(64)),
            HostileToken.Empty => "Bearer ",
            HostileToken.BasicScheme => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("provincial-portal:wrong")),
            HostileToken.AlgNone => Forge(await ValidAsync(right), header => header["alg"] = "none", null, sign: false),
            HostileToken.Tampered => Tamper(await ValidAsync(wrong), right),
            HostileToken.BadSignature => BadSignature(await ValidAsync(right)),
            HostileToken.Expired => Forge(await ValidAsync(right), null, p => { p["exp"] = Now() - 3600; p["iat"] = Now() - 7200; p["nbf"] = Now() - 7200; }, sign: true),
            HostileToken.NotYetValid => Forge(await ValidAsync(right), null, p => { p["nbf"] = Now() + 3600; p["iat"] = Now() + 3600; p["exp"] = Now() + 7200; }, sign: true),
            HostileToken.WrongAudience => Forge(await ValidAsync(right), null, p => p["aud"] = "https://someone-else.example/", sign: true),
            HostileToken.WrongIssuer => Forge(await ValidAsync(right), null, p => p["iss"] = "https://evil.example/", sign: true),
            HostileToken.HmacConfusion => HmacConfused(await ValidAsync(right)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>A second Authorization header for <see cref="HostileToken.DoubleAuthorization"/>.</summary>
    public async Task<IReadOnlyList<KeyValuePair<string, string>>> ExtraHeadersAsync(HostileToken kind, string? scope) => kind == HostileToken.DoubleAuthorization
        ? [KeyValuePair.Create("Authorization", "Bearer " + await ValidAsync(scope ?? "lgsp.business.read")), KeyValuePair.Create("Authorization", "Bearer " + await ValidAsync(scope == "lgsp.admin" ? "lgsp.business.read" : "lgsp.admin"))]
        : [];

    public async Task<string> ValidAsync(string scope)
    {
        if (_cache.TryGetValue(scope, out var cached) && time.GetUtcNow() - cached.At < Reuse)
        {
            return cached.Token;
        }

        var clientId = scope == "lgsp.admin" ? "lgsp-cli" : "provincial-portal";
        while (true)
        {
            using var http = api();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = scope }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(clientId) + ":" + Uri.EscapeDataString(secret(clientId)))));
            using var response = await http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                // Throttled after the suite's own failed authentications from this address: wait as told, then ask again.
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                continue;
            }

            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"token for {clientId} ({scope}): {(int)response.StatusCode} {text}");
            var token = JsonDocument.Parse(text).RootElement.GetProperty("access_token").GetString()!;
            _cache[scope] = (token, time.GetUtcNow());
            return token;
        }
    }

    private long Now() => time.GetUtcNow().ToUnixTimeSeconds();

    private string Forge(string token, Action<JsonObject>? header, Action<JsonObject>? payload, bool sign)
    {
        var parts = token.Split('.');
        var h = JsonNode.Parse(Base64UrlDecode(parts[0]))!.AsObject();
        var p = JsonNode.Parse(Base64UrlDecode(parts[1]))!.AsObject();
        header?.Invoke(h);
        payload?.Invoke(p);
        var input = Base64Url(Encoding.UTF8.GetBytes(h.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(p.ToJsonString()));
        if (!sign)
        {
            return "Bearer " + input + ".";
        }

        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(signingCertificatePath, null);
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The test hub's token key is not ECDSA.");
        return "Bearer " + input + "." + Base64Url(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    /// <summary>A real token of another scope with its scope claim rewritten, signature kept.</summary>
    private static string Tamper(string token, string scope)
    {
        var parts = token.Split('.');
        var p = JsonNode.Parse(Base64UrlDecode(parts[1]))!.AsObject();
        p["scope"] = scope;
        return "Bearer " + parts[0] + "." + Base64Url(Encoding.UTF8.GetBytes(p.ToJsonString())) + "." + parts[2];
    }

    private static string BadSignature(string token)
    {
        var parts = token.Split('.');
        var signature = Base64UrlDecode(parts[2]);
        signature[^1] ^= 0x01;
        return "Bearer " + parts[0] + "." + parts[1] + "." + Base64Url(signature);
    }

    /// <summary>Key confusion: HS256 with the hub's public certificate as the shared secret.</summary>
    private string HmacConfused(string token)
    {
        var parts = token.Split('.');
        var h = JsonNode.Parse(Base64UrlDecode(parts[0]))!.AsObject();
        h["alg"] = "HS256";
        var input = Base64Url(Encoding.UTF8.GetBytes(h.ToJsonString())) + "." + parts[1];
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(signingCertificatePath, null);
        return "Bearer " + input + "." + Base64Url(HMACSHA256.HashData(certificate.RawData, Encoding.ASCII.GetBytes(input)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string s)
    {
        var padded = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}
