using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;

namespace Lgsp.Hub.Tests.Identity;

/// <summary>
/// What a portal and a browser do against the hub, over HTTP: PKCE values, the authorization request, the sign-in
/// form (with its antiforgery token), the token endpoint and the protected APIs. Every step is a real request to the
/// hub on Kestrel; nothing is called in process.
/// </summary>
internal static partial class Oidc
{
    public const string PortalRedirect = "http://127.0.0.1:5080/signin-oidc";
    public const string PortalPostLogout = "http://127.0.0.1:5080/signout-callback-oidc";
    public const string ConsoleRedirect = "http://127.0.0.1:5090/callback";

    /// <summary>The development redirect URIs of config/identity.Development.json, for hubs in the Testing environment.</summary>
    public static Dictionary<string, string?> RedirectSettings() => new()
    {
        ["Identity:Clients:provincial-portal:RedirectUris:0"] = PortalRedirect,
        ["Identity:Clients:provincial-portal:PostLogoutRedirectUris:0"] = PortalPostLogout,
        ["Identity:Clients:operators-console:RedirectUris:0"] = ConsoleRedirect,
    };

    public sealed record Pkce(string Verifier, string Challenge)
    {
        public static Pkce Create()
        {
            var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
            return new Pkce(verifier, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
        }
    }

    public static string AuthorizeUrl(string clientId, string redirectUri, string scope, Pkce? pkce, string? method = "S256", string state = "st4te", IDictionary<string, string>? extra = null)
    {
        var query = HttpUtility.ParseQueryString(string.Empty);
        query["client_id"] = clientId;
        query["response_type"] = "code";
        query["redirect_uri"] = redirectUri;
        query["scope"] = scope;
        query["state"] = state;
        query["nonce"] = "n0nce";
        if (pkce is not null)
        {
            query["code_challenge"] = pkce.Challenge;
            if (method is not null)
            {
                query["code_challenge_method"] = method;
            }
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            query[key] = value;
        }

        return "/connect/authorize?" + query;
    }

    /// <summary>GET authorize → sign-in page → POST the form → back to authorize → the redirect to the client.</summary>
    public static async Task<Uri> SignInAsync(HttpClient browser, string authorizeUrl, string userName, string password)
    {
        using var first = await browser.GetAsync(new Uri(authorizeUrl, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Found, first.StatusCode);
        var login = first.Headers.Location!;
        Assert.Equal("/account/login", login.IsAbsoluteUri ? login.AbsolutePath : login.OriginalString.Split('?')[0]);

        using var posted = await PostLoginAsync(browser, login, userName, password);
        Assert.Equal(HttpStatusCode.Found, posted.StatusCode);
        var back = posted.Headers.Location!;
        Assert.StartsWith("/connect/authorize?", back.OriginalString, StringComparison.Ordinal);

        using var final = await browser.GetAsync(back);
        Assert.Equal(HttpStatusCode.Found, final.StatusCode);
        return final.Headers.Location!;
    }

    /// <summary>Loads the sign-in page at <paramref name="login"/> and submits it as a person would.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient browser, Uri login, string userName, string password)
    {
        var page = await browser.GetStringAsync(login);
        var (action, token) = ReadForm(page);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token,
        });
        return await browser.PostAsync(new Uri(action, UriKind.Relative), form);
    }

    public static (string Action, string Token) ReadForm(string page)
    {
        var action = WebUtility.HtmlDecode(FormAction().Match(page).Groups[1].Value);
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "The page has no antiforgery token.");
        return (action, token);
    }

    /// <summary>The query parameters of a redirect to the client (code, state, iss, or error).</summary>
    public static System.Collections.Specialized.NameValueCollection Query(Uri redirect) => HttpUtility.ParseQueryString(redirect.Query);

    public static async Task<TokenResult> RedeemCodeAsync(HttpClient http, string clientId, string? secret, string code, string redirectUri, string? verifier)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
        };
        if (verifier is not null)
        {
            form["code_verifier"] = verifier;
        }

        return await TokenAsync(http, clientId, secret, form);
    }

    public static Task<TokenResult> ClientCredentialsAsync(HttpClient http, string clientId, string? secret, string? scope) =>
        TokenAsync(http, clientId, secret, scope is null
            ? new() { ["grant_type"] = "client_credentials" }
            : new() { ["grant_type"] = "client_credentials", ["scope"] = scope });

    public static Task<TokenResult> RefreshAsync(HttpClient http, string clientId, string? secret, string refreshToken) =>
        TokenAsync(http, clientId, secret, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });

    public static async Task<TokenResult> TokenAsync(HttpClient http, string clientId, string? secret, Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token");
        Authenticate(request, form, clientId, secret);
        request.Content = new FormUrlEncodedContent(form);
        using var response = await http.SendAsync(request);
        return new TokenResult(response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public static async Task<JsonElement> IntrospectAsync(HttpClient http, string clientId, string secret, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/introspect");
        var form = new Dictionary<string, string> { ["token"] = token };
        Authenticate(request, form, clientId, secret);
        request.Content = new FormUrlEncodedContent(form);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public static async Task<HttpStatusCode> RevokeAsync(HttpClient http, string clientId, string secret, string token, string? hint = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/revoke");
        var form = new Dictionary<string, string> { ["token"] = token };
        if (hint is not null)
        {
            form["token_type_hint"] = hint;
        }

        Authenticate(request, form, clientId, secret);
        request.Content = new FormUrlEncodedContent(form);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>GET an API with a bearer token; the response is the caller's to dispose.</summary>
    public static Task<HttpResponseMessage> GetWithTokenAsync(HttpClient http, string path, string? accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return http.SendAsync(request);
    }

    /// <summary>The payload of a signed (not encrypted) JWT, such as an ID token.</summary>
    public static JsonElement JwtPayload(string jwt)
    {
        var payload = jwt.Split('.')[1];
        return JsonDocument.Parse(Convert.FromBase64String(payload.Replace('-', '+').Replace('_', '/').PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '='))).RootElement.Clone();
    }

    private static void Authenticate(HttpRequestMessage request, Dictionary<string, string> form, string clientId, string? secret)
    {
        if (secret is null)
        {
            form["client_id"] = clientId;
        }
        else
        {
            // client_secret_basic: both parts form-urlencoded first (RFC 6749 §2.3.1).
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("<form method=\"post\"[^>]*action=\"([^\"]*)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]*)\"")]
    private static partial Regex AntiforgeryToken();
}

internal sealed record TokenResult(HttpStatusCode Status, JsonElement Body)
{
    public string AccessToken => Body.GetProperty("access_token").GetString()!;

    public string? RefreshToken => Body.TryGetProperty("refresh_token", out var r) ? r.GetString() : null;

    public string? IdToken => Body.TryGetProperty("id_token", out var r) ? r.GetString() : null;

    public string? Error => Body.TryGetProperty("error", out var e) ? e.GetString() : null;

    public IReadOnlyList<string> Scopes => Body.TryGetProperty("scope", out var s) ? s.GetString()!.Split(' ') : [];
}
