using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Lgsp.Sandbox.ProvincialPortal;

/// <summary>
/// The one-stop system's sign-in (<c>POST /motcua/api/tokens</c>, as on .NET one-stop systems built on the FullStackHero
/// template like TD-DVC): an account's username and password and the <c>tenant</c> header give a JWT (HS256, with
/// <c>exp</c>) and a refresh token. Tokens are checked by signature and expiry against the sandbox's clock.
/// </summary>
internal sealed class MotCuaTokens(IOptionsMonitor<ProvincialPortalStandInOptions> options, TimeProvider time)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, byte> _revoked = new(StringComparer.Ordinal);

    public bool CredentialsMatch(string? tenant, string? username, string? password)
    {
        var o = options.CurrentValue;
        return string.Equals(tenant, o.Tenant, StringComparison.Ordinal)
            & Same(username, o.Username)
            & Same(password, o.Password);
    }

    public (string Token, string RefreshToken, DateTimeOffset RefreshExpiresAt) Issue()
    {
        var o = options.CurrentValue;
        var now = time.GetUtcNow();
        var header = Base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        var payload = Base64Url(new JsonObject
        {
            ["sub"] = o.Username,
            ["tenant"] = o.Tenant,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddSeconds(o.TokenLifetimeSeconds).ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
        }.ToJsonString());
        var token = $"{header}.{payload}.{Sign(header, payload)}";
        return (token, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), now.AddDays(7));
    }

    /// <summary>Valid when signed by this system, unexpired and for the tenant asked.</summary>
    public bool IsValid(string? token, string? tenant)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 } || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(parts[0], parts[1])), Encoding.ASCII.GetBytes(parts[2]))
            || _revoked.ContainsKey(token!))
        {
            return false;
        }

        var payload = JsonNode.Parse(Convert.FromBase64String(Pad(parts[1].Replace('-', '+').Replace('_', '/'))))!;
        return payload["exp"]!.GetValue<long>() > time.GetUtcNow().ToUnixTimeSeconds()
            && string.Equals(payload["tenant"]!.GetValue<string>(), tenant, StringComparison.Ordinal);
    }

    private string Sign(string header, string payload) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(header + "." + payload))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Base64Url(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Pad(string text) => text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');

    private static bool Same(string? given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given ?? ""), Encoding.UTF8.GetBytes(expected));
}
