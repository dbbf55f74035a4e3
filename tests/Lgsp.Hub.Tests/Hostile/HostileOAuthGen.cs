using System.Text;
using CsCheck;

namespace Lgsp.Hub.Tests.Hostile;

/// <summary>
/// Hostile requests to the OAuth endpoints. Client authentication here is never a real client's secret: unknown
/// clients, the public console, empty or mangled secrets. So the suite never revokes its own tokens, and the failed
/// attempts fall on client ids the suite does not use for its own tokens.
/// </summary>
internal static class HostileOAuthGen
{
    private static readonly Gen<string> Value = Gen.Frequency(
        (3, HostileGen.Code.Where(c => c.Length < 3000)),
        (2, Gen.OneOf("client_credentials", "authorization_code", "refresh_token", "password", "urn:ietf:params:oauth:grant-type:jwt-bearer", "implicit", "openid lgsp.admin", "lgsp.admin lgsp.admin", "code", "code id_token", "S256", "plain", "none", "access_token", "refresh_token")),
        (1, Gen.OneOf("operators-console", "provincial-portal\u0000", "unknown-client", "PROVINCIAL-PORTAL", "national-portal ", "lgsp-cli%00", "", "http://127.0.0.1:5080/signin-oidc", "javascript:alert(1)", "https://evil.example/cb")));

    private static readonly string[] Parameters =
    [
        "grant_type", "client_id", "client_secret", "scope", "code", "code_verifier", "redirect_uri", "refresh_token", "token", "token_type_hint",
        "response_type", "state", "nonce", "code_challenge", "code_challenge_method", "prompt", "max_age", "id_token_hint", "post_logout_redirect_uri", "request", "request_uri", "acr_values",
    ];

    public static Gen<HostileRequest> For(HostileEndpoint e) =>
        Gen.Select(Gen.OneOf(Parameters).Array[0, 8], Value.Array[8, 8], Gen.Int[0, 5], Gen.OneOf(HostileToken.None, HostileToken.None, HostileToken.Garbage, HostileToken.AlgNone, HostileToken.Expired, HostileToken.WrongAudience, HostileToken.Tampered), (names, values, shape, token) =>
        {
            var pairs = names.Select((n, i) => Uri.EscapeDataString(n) + "=" + Uri.EscapeDataString(values[i])).ToList();
            if (shape == 1)
            {
                // Duplicated parameters: OAuth says a parameter is sent at most once.
                pairs.AddRange(pairs.ToList());
            }

            var form = string.Join("&", pairs);
            var headers = new List<KeyValuePair<string, string>>();
            if (shape == 2)
            {
                headers.Add(KeyValuePair.Create("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("unknown-client:" + values[0]))));
            }

            if (shape == 3)
            {
                headers.Add(KeyValuePair.Create("Authorization", "Basic " + values[1]));
            }

            if (e.TakesBody)
            {
                headers.Add(KeyValuePair.Create("Content-Type", shape == 4 ? "application/json" : "application/x-www-form-urlencoded"));
                var body = shape == 4 ? "{\"grant_type\":\"client_credentials\",\"client_id\":\"x\"}" : form;
                // The token sits in the form for introspection and revocation, in the header elsewhere.
                return new HostileRequest("oauth", e.Name, e.Method, e.Template, headers, Encoding.UTF8.GetBytes(body), shape == 5 ? HostileToken.None : token);
            }

            return new HostileRequest("oauth", e.Name, e.Method, e.Template + (form.Length > 0 ? "?" + form : string.Empty), headers, null, token);
        });
}
