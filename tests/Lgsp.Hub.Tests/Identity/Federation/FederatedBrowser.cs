using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Lgsp.Hub.Tests.Infrastructure;

namespace Lgsp.Hub.Tests.Identity.Federation;

/// <summary>
/// A person's browser going back and forth between the hub (HTTPS) and the national provider (HTTP): one cookie
/// jar, redirects followed by hand until the browser leaves both (to the portal's redirect URI) or lands on a page.
/// </summary>
internal sealed class FederatedBrowser : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient _hub;
    private readonly HttpClient _provider;
    private readonly Uri _providerOrigin;

    public FederatedBrowser(IdentityHub hub, Uri providerOrigin)
    {
        var cookies = new CookieContainer();
        _hub = HubFactory.CreateBrowser(hub.Address, cookies);
        _provider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = providerOrigin };
        _providerOrigin = providerOrigin;
        HubAddress = hub.Address;
    }

    public Uri HubAddress { get; }

    /// <summary>Every URL the browser went through, in order (for assertions on the path taken).</summary>
    public List<Uri> History { get; } = [];

    public async Task<Page> GetAsync(Uri url) => await FollowAsync(await SendAsync(new HttpRequestMessage(HttpMethod.Get, url)));

    public Task<Page> GetAsync(string hubPathAndQuery) => GetAsync(new Uri(HubAddress, hubPathAndQuery));

    /// <summary>Submits a form of <paramref name="page"/> (chosen by <paramref name="select"/>) with its hidden fields and <paramref name="fields"/>.</summary>
    public async Task<Page> SubmitAsync(Page page, Func<IHtmlFormElement, bool> select, IDictionary<string, string>? fields = null)
    {
        var form = Parser.ParseDocument(page.Html).Forms.FirstOrDefault(select)
            ?? throw new InvalidOperationException($"No such form on {page.Url} ({page.Status}, left to {page.LeftTo}): {page.Html[..Math.Min(page.Html.Length, 3000)]}");
        var values = form.Elements.OfType<IHtmlInputElement>().Where(i => i.Name is { Length: > 0 })
            .ToDictionary(i => i.Name!, i => i.Value, StringComparer.Ordinal);
        foreach (var (key, value) in fields ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.Url : new Uri(page.Url, System.Net.WebUtility.HtmlDecode(action));
        return await FollowAsync(await SendAsync(new HttpRequestMessage(HttpMethod.Post, target) { Content = new FormUrlEncodedContent(values) }));
    }

    /// <summary>
    /// From a page of the hub that redirected to the sign-in page: presses the national button, signs in at the
    /// provider with <paramref name="login"/>, and follows the browser back through the hub.
    /// </summary>
    public async Task<Page> SignInNationallyAsync(Page hubSignInPage, string login, string password)
    {
        var providerLogin = await PressNationalButtonAsync(hubSignInPage);
        return await SubmitAsync(providerLogin, f => f.GetAttribute("action")?.EndsWith("/login.do", StringComparison.Ordinal) == true,
            new Dictionary<string, string> { ["username"] = login, ["password"] = password });
    }

    public Task<Page> PressNationalButtonAsync(Page hubSignInPage) =>
        SubmitAsync(hubSignInPage, f => f.QuerySelector("button#national-portal") is not null);

    public void Dispose()
    {
        _hub.Dispose();
        _provider.Dispose();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            History.Add(request.RequestUri!);
            var client = request.RequestUri!.Authority == _providerOrigin.Authority ? _provider : _hub;
            return await client.SendAsync(request);
        }
    }

    private async Task<Page> FollowAsync(HttpResponseMessage first)
    {
        var response = first;
        for (var hop = 0; hop < 20; hop++)
        {
            try
            {
                var url = response.RequestMessage!.RequestUri!;
                if (response.Headers.Location is not { } location)
                {
                    return new Page(response.StatusCode, url, null, await response.Content.ReadAsStringAsync());
                }

                var next = location.IsAbsoluteUri ? location : new Uri(url, location);
                if (next.Authority != HubAddress.Authority && next.Authority != _providerOrigin.Authority)
                {
                    return new Page(response.StatusCode, url, next, "");
                }

                var following = await SendAsync(new HttpRequestMessage(HttpMethod.Get, next));
                response.Dispose();
                response = following;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        response.Dispose();
        throw new InvalidOperationException("Too many redirects.");
    }
}

/// <summary>Where the browser ended: a page (of the hub or the provider), or a redirect out of both.</summary>
internal sealed record Page(HttpStatusCode Status, Uri Url, Uri? LeftTo, string Html)
{
    public IHtmlDocument Document => new HtmlParser().ParseDocument(Html);
}
