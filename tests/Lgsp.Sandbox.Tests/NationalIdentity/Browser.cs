using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.WebUtilities;

namespace Lgsp.Sandbox.Tests.NationalIdentity;

/// <summary>
/// A person's browser against the stand-in provider, and the relying party's back channel: real HTTP, its own
/// cookie jar, redirects followed by hand so a test sees where the provider sends the browser.
/// </summary>
public sealed class Browser : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient _http;

    public Browser(Uri origin)
    {
        Origin = origin;
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = origin,
        };
    }

    public Uri Origin { get; }

    /// <summary>A fresh PKCE pair (RFC 7636, S256).</summary>
    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    /// <summary>The authorization URL the hub would send the browser to; pass null to leave a parameter out.</summary>
    public static string AuthorizeUrl(IDictionary<string, string?> parameters) =>
        QueryHelpers.AddQueryString("/xacthuc/oauth2/authorize", parameters.Where(p => p.Value is not null)!);

    public static Dictionary<string, string?> CodeRequest(string challenge, string? acr = "LoA1") => new()
    {
        ["response_type"] = "code",
        ["client_id"] = SandboxOnKestrel.ClientId,
        ["redirect_uri"] = SandboxOnKestrel.RedirectUri,
        ["scope"] = "openid",
        ["acr_values"] = acr,
        ["state"] = "trang-thai-" + Guid.NewGuid().ToString("N")[..8],
        ["nonce"] = "nonce-" + Guid.NewGuid().ToString("N")[..8],
        ["code_challenge"] = challenge,
        ["code_challenge_method"] = "S256",
    };

    public async Task<HttpResponseMessage> GetAsync(string pathAndQuery) => await _http.GetAsync(new Uri(pathAndQuery, UriKind.RelativeOrAbsolute));

    /// <summary>Follows redirects within the provider; stops at the first response that is not one, or at a redirect leaving the provider.</summary>
    public async Task<Landing> NavigateAsync(string pathAndQuery)
    {
        var next = new Uri(Origin, pathAndQuery);
        for (var hop = 0; hop < 10; hop++)
        {
            using var response = await _http.GetAsync(next);
            if (response.Headers.Location is not { } location)
            {
                return new Landing(response.StatusCode, next, null, await response.Content.ReadAsStringAsync());
            }

            var target = location.IsAbsoluteUri ? location : new Uri(next, location);
            if (target.Authority != Origin.Authority)
            {
                return new Landing(response.StatusCode, next, target, "");
            }

            next = target;
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    /// <summary>Fills the login form of <paramref name="page"/> and submits it; then follows the provider's redirects.</summary>
    public async Task<Landing> SubmitLoginAsync(Landing page, string login, string password)
    {
        var form = LoginForm(page.Html);
        var fields = Fields(form);
        fields["username"] = login;
        fields["password"] = password;
        return await PostAndFollowAsync(form.GetAttribute("action")!, fields);
    }

    /// <summary>Presses "Hủy" on the login page.</summary>
    public async Task<Landing> CancelAsync(Landing page)
    {
        var document = Parser.ParseDocument(page.Html);
        var form = document.Forms.Single(f => f.QuerySelector("button[value=cancel]") is not null);
        var fields = Fields(form);
        fields["action"] = "cancel";
        return await PostAndFollowAsync(form.GetAttribute("action")!, fields);
    }

    /// <summary>Signs in from scratch: authorize, login page, credentials; returns where the browser is sent back to.</summary>
    public async Task<Landing> SignInAsync(IDictionary<string, string?> request, string login, string password)
    {
        var loginPage = await NavigateAsync(AuthorizeUrl(request));
        return await SubmitLoginAsync(loginPage, login, password);
    }

    /// <summary>The relying party redeems a code at the token endpoint (client_secret_basic).</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> RedeemAsync(string code, string? verifier, string secret = SandboxOnKestrel.ClientSecret)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = SandboxOnKestrel.RedirectUri,
        };
        if (verifier is not null)
        {
            form["code_verifier"] = verifier;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/xacthuc/oauth2/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SandboxOnKestrel.ClientId}:{secret}")));
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public async Task<(HttpStatusCode Status, JsonElement? Body)> UserInfoAsync(string? accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/xacthuc/oauth2/userinfo");
        if (accessToken is not null)
        {
            request.Headers.Authorization = new("Bearer", accessToken);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Switches the stand-in's fault on over the sandbox's own API, as the hub's tests do.</summary>
    public async Task SetFaultAsync(object settings)
    {
        using var response = await _http.PutAsJsonAsync(new Uri("/_sandbox/faults/nationalidentity", UriKind.Relative), settings);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task ResetFaultAsync()
    {
        using var response = await _http.DeleteAsync(new Uri("/_sandbox/faults/nationalidentity", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    public void Dispose() => _http.Dispose();

    public static IHtmlFormElement LoginForm(string html) =>
        Parser.ParseDocument(html).Forms.Single(f => f.GetAttribute("action")?.EndsWith("/login.do", StringComparison.Ordinal) == true);

    private async Task<Landing> PostAndFollowAsync(string action, Dictionary<string, string> fields)
    {
        var target = new Uri(Origin, action);
        using var response = await _http.PostAsync(target, new FormUrlEncodedContent(fields));
        if (response.Headers.Location is not { } location)
        {
            return new Landing(response.StatusCode, target, null, await response.Content.ReadAsStringAsync());
        }

        var next = location.IsAbsoluteUri ? location : new Uri(target, location);
        return next.Authority != Origin.Authority
            ? new Landing(response.StatusCode, target, next, "")
            : await NavigateAsync(next.PathAndQuery);
    }

    private static Dictionary<string, string> Fields(IHtmlFormElement form) =>
        form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Name is { Length: > 0 })
            .ToDictionary(i => i.Name!, i => i.Value, StringComparer.Ordinal);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Where the browser ended up: a page of the provider, or a redirect out of it (to the relying party).</summary>
public sealed record Landing(HttpStatusCode Status, Uri Url, Uri? LeftTo, string Html)
{
    /// <summary>The query the provider sent back to the relying party (code, state, iss, or error).</summary>
    public IReadOnlyDictionary<string, string> Callback =>
        LeftTo is null
            ? throw new InvalidOperationException($"The browser stayed on {Url} ({Status}).")
            : QueryHelpers.ParseQuery(LeftTo.Query).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    /// <summary>The page's error message (<c>#loi-dang-nhap</c>), if any.</summary>
    public string? LoginError => new HtmlParser().ParseDocument(Html).QuerySelector("#loi-dang-nhap")?.TextContent;
}
