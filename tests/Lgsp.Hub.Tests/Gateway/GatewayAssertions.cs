using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Lgsp.Core.Signing;

namespace Lgsp.Hub.Tests.Gateway;

/// <summary>What a client checks in the gateway's answers.</summary>
internal static class GatewayAssertions
{
    /// <summary>A fault's problem details: status, code and faultOrigin; returns the body.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, string origin)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(origin, problem.GetProperty("faultOrigin").GetString());
        return problem;
    }

    /// <summary>The field errors' reasons, in order.</summary>
    public static string[] Reasons(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("reason").GetString()}")];

    public static string ExchangeId(HttpResponseMessage response) => Assert.Single(response.Headers.GetValues("X-Lgsp-Exchange-Id"));

    /// <summary>
    /// What a client does with only what <c>/.well-known/lgsp/keys</c> serves: take each certificate from <c>x5c</c>,
    /// check the published <c>kid</c> names it and <c>kty</c>/<c>alg</c> fit its key (RSA: RS256, EC P-256: ES256 with
    /// <c>crv</c>, <c>x</c>, <c>y</c>), and pin them in a verifier. <paramref name="expectedKeys"/>: 2 during a rollover.
    /// </summary>
    public static async Task<PacketSignatureVerifier> VerifierFromPublishedKeysAsync(HttpClient anonymous, int expectedKeys = 1)
    {
        var jwks = await anonymous.GetFromJsonAsync<JsonElement>("/.well-known/lgsp/keys");
        var keys = jwks.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(expectedKeys, keys.Count);
        var certificates = keys.Select(PublishedCertificate).ToList();
        return new PacketSignatureVerifier(certificates, TimeProvider.System);
    }

    /// <summary>One JWKS entry checked against its own certificate (<c>x5c</c>).</summary>
    public static X509Certificate2 PublishedCertificate(JsonElement key)
    {
        var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(key.GetProperty("x5c")[0].GetString()!));
        Assert.Equal(SigningKeyId.For(certificate), key.GetProperty("kid").GetString());
        using var ec = certificate.GetECDsaPublicKey();
        if (ec is not null)
        {
            Assert.Equal("EC", key.GetProperty("kty").GetString());
            Assert.Equal("ES256", key.GetProperty("alg").GetString());
            Assert.Equal("P-256", key.GetProperty("crv").GetString());
            var q = ec.ExportParameters(false).Q;
            Assert.Equal(System.Buffers.Text.Base64Url.EncodeToString(q.X), key.GetProperty("x").GetString());
            Assert.Equal(System.Buffers.Text.Base64Url.EncodeToString(q.Y), key.GetProperty("y").GetString());
        }
        else
        {
            Assert.Equal("RSA", key.GetProperty("kty").GetString());
            Assert.Equal("RS256", key.GetProperty("alg").GetString());
        }

        return certificate;
    }

    /// <summary>
    /// What a client computes from the request it sent, following the Gateway README ("Request hash"): SHA-256 over
    /// <c>METHOD\n</c> + path and query as sent + <c>\n</c> + every <c>X-Lgsp-*</c> header as <c>name:value\n</c> (name
    /// lower-cased, sorted) + <c>\n</c> + the body. Written from the README, not from the hub's code.
    /// </summary>
    public static string RequestHashAsSent(HttpRequestMessage sent, byte[]? body = null)
    {
        var text = new System.Text.StringBuilder()
            .Append(sent.Method.Method).Append('\n')
            .Append(sent.RequestUri!.PathAndQuery).Append('\n');
        var headers = sent.Headers
            .Where(h => h.Key.StartsWith("X-Lgsp-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Key.ToLowerInvariant(), h.Value))
            .OrderBy(h => h.Name, StringComparer.Ordinal);
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                text.Append(name).Append(':').Append(value).Append('\n');
            }
        }

        text.Append('\n');
        byte[] canonical = [.. System.Text.Encoding.UTF8.GetBytes(text.ToString()), .. body ?? []];
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(canonical));
    }

    /// <summary>The message log's request digest as the README defines it: HMAC-SHA256 under the message-log key.</summary>
    public static string KeyedRequestDigest(byte[] key, Guid exchangeId, string requestHashHex) =>
        Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(key,
            System.Text.Encoding.ASCII.GetBytes($"lgsp-request-digest/1\n{exchangeId:D}\n{requestHashHex}")));

    /// <summary>The <c>kid</c> in a detached JWS header.</summary>
    public static string JwsKeyId(string jws)
    {
        var header = jws.Split('.')[0];
        var json = System.Buffers.Text.Base64Url.DecodeFromChars(header);
        return JsonDocument.Parse(json).RootElement.GetProperty("kid").GetString()!;
    }
}
