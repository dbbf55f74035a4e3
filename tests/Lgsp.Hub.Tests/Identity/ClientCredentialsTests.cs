using System.Buffers.Text;
using System.Net;
using System.Text.Json;
using Lgsp.Hub.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lgsp.Hub.Tests.Identity;

/// <summary>
/// Systems authenticate as clients (client credentials) and call the hub's APIs; the APIs validate the hub's tokens
/// locally, check the scope, and answer 401/403 as ProblemDetails with the RFC 6750 challenge.
/// </summary>
public sealed class ClientCredentialsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private IdentityHub _hub = null!;

    public Task InitializeAsync()
    {
        _hub = IdentityHub.StartOnSqlite(services: s => s.AddSingleton<TimeProvider>(_time));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task ClientCredentials_GrantedScope_IssuesATokenTheApiAccepts()
    {
        using var api = _hub.Api();

        var tokens = await Oidc.ClientCredentialsAsync(api, "national-portal", _hub.Secret("national-portal"), HubScopes.DossierSync);

        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.Equal("Bearer", tokens.Body.GetProperty("token_type").GetString());
        // 10 minutes, counted from issuance: a second may already have gone by when the response is written.
        Assert.InRange(tokens.Body.GetProperty("expires_in").GetInt32(), 598, 600);
        Assert.Null(tokens.RefreshToken);
        using var me = await Oidc.GetWithTokenAsync(api, MeApi.Path, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        using var body = JsonDocument.Parse(await me.Content.ReadAsStringAsync());
        Assert.Equal("national-portal", body.RootElement.GetProperty("clientId").GetString());
        Assert.Equal("national-portal", body.RootElement.GetProperty("subject").GetString());
        Assert.Equal("client", body.RootElement.GetProperty("kind").GetString());
        Assert.Equal([HubScopes.DossierSync], body.RootElement.GetProperty("scopes").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task ClientCredentials_WrongSecret_IsInvalidClient()
    {
        using var api = _hub.Api();

        var tokens = await Oidc.ClientCredentialsAsync(api, "national-portal", _hub.Secret("provincial-portal"), HubScopes.DossierSync);

        Assert.Equal(HttpStatusCode.Unauthorized, tokens.Status);
        Assert.Equal("invalid_client", tokens.Error);
    }

    [Fact]
    public async Task ClientCredentials_UnknownClient_IsInvalidClient()
    {
        using var api = _hub.Api();

        var tokens = await Oidc.ClientCredentialsAsync(api, "no-such-client", "x".PadRight(40, 'x'), HubScopes.DossierSync);

        Assert.Equal("invalid_client", tokens.Error);
    }

    [Theory]
    [InlineData("national-portal", HubScopes.Admin)]
    [InlineData("national-portal", HubScopes.PopulationRead)]
    [InlineData("lgsp-cli", HubScopes.DossierSync)]
    [InlineData("provincial-portal", HubScopes.Admin)]
    [InlineData("provincial-portal", "lgsp.population.read lgsp.admin")]
    public async Task ClientCredentials_ScopeNotGranted_IsRefusedWithoutToken(string clientId, string scope)
    {
        using var api = _hub.Api();

        var tokens = await Oidc.ClientCredentialsAsync(api, clientId, _hub.Secret(clientId), scope);

        // RFC 6749 §5.2 (issue #14 item 3; was invalid_request, OpenIddict's answer): the scope exceeds the client's.
        Assert.Equal(HttpStatusCode.BadRequest, tokens.Status);
        Assert.Equal("invalid_scope", tokens.Error);
        Assert.False(tokens.Body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task ClientCredentials_PublicClient_IsRefused()
    {
        using var api = _hub.Api();

        var tokens = await Oidc.ClientCredentialsAsync(api, "operators-console", secret: null, HubScopes.Admin);

        Assert.Equal(HttpStatusCode.BadRequest, tokens.Status);
        Assert.NotNull(tokens.Error);
    }

    [Fact]
    public async Task ClientCredentials_WithoutScope_GetsAnUnscopedToken()
    {
        using var api = _hub.Api();

        var tokens = await Oidc.ClientCredentialsAsync(api, "lgsp-cli", _hub.Secret("lgsp-cli"), scope: null);

        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        using var clients = await Oidc.GetWithTokenAsync(api, ClientsApi.Path, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, clients.StatusCode);
    }

    [Fact]
    public async Task Api_WithoutToken_Is401ProblemDetailsWithBearerChallenge()
    {
        using var api = _hub.Api();

        using var response = await Oidc.GetWithTokenAsync(api, MeApi.Path, accessToken: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        await AssertProblemAsync(response, "client.unauthenticated");
    }

    [Fact]
    public async Task Api_WithTamperedToken_Is401InvalidToken()
    {
        using var api = _hub.Api();
        var token = (await Oidc.ClientCredentialsAsync(api, "lgsp-cli", _hub.Secret("lgsp-cli"), HubScopes.Admin)).AccessToken;
        var parts = token.Split('.');
        // The payload now claims another scope; the signature is the original one.
        var payload = Oidc.JwtPayload(token).GetRawText().Replace(HubScopes.Admin, HubScopes.DossierSync, StringComparison.Ordinal);
        parts[1] = Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(payload));

        using var response = await Oidc.GetWithTokenAsync(api, MeApi.Path, string.Join('.', parts));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        await AssertProblemAsync(response, "client.unauthenticated");
    }

    [Fact]
    public async Task Api_UnsignedTokenWithAlgNone_Is401InvalidToken()
    {
        using var api = _hub.Api();
        var token = (await Oidc.ClientCredentialsAsync(api, "lgsp-cli", _hub.Secret("lgsp-cli"), HubScopes.Admin)).AccessToken;
        var header = Base64Url.EncodeToString("""{"alg":"none","typ":"at+jwt"}"""u8);

        using var response = await Oidc.GetWithTokenAsync(api, MeApi.Path, header + "." + token.Split('.')[1] + ".");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertProblemAsync(response, "client.unauthenticated");
    }

    [Fact]
    public async Task ClientCredentials_AccessToken_IsASignedJwtWithNoPersonalClaims()
    {
        using var api = _hub.Api();

        var token = (await Oidc.ClientCredentialsAsync(api, "provincial-portal", _hub.Secret("provincial-portal"), HubScopes.BusinessRead)).AccessToken;

        // A system's token is a JWS (three parts, RFC 9068): nothing in it needs hiding from its holder, and not
        // encrypting it saves every API call an RSA decryption. Tokens for a person stay JWE (AuthorizationCodeFlowTests).
        Assert.Equal(3, token.Split('.').Length);
        var claims = Oidc.JwtPayload(token);
        Assert.Equal("provincial-portal", claims.GetProperty("client_id").GetString());
        Assert.Equal(HubScopes.BusinessRead, claims.GetProperty("scope").GetString());
        Assert.DoesNotContain(claims.EnumerateObject(), c => c.Name.StartsWith("lgsp_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClientCredentials_EncryptionConfigured_IsAJweTheApiAccepts()
    {
        await using var hub = IdentityHub.StartOnSqlite(new Dictionary<string, string?> { ["Identity:EncryptClientCredentialsTokens"] = "true" });
        using var api = hub.Api();

        var token = (await Oidc.ClientCredentialsAsync(api, "lgsp-cli", hub.Secret("lgsp-cli"), HubScopes.Admin)).AccessToken;

        Assert.Equal(5, token.Split('.').Length);
        using var me = await Oidc.GetWithTokenAsync(api, MeApi.Path, token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Api_IdTokenInsteadOfAccessToken_IsRefused()
    {
        var user = await _hub.CreateOfficialAsync();
        using var browser = _hub.Browser();
        var pkce = Oidc.Pkce.Create();
        var redirect = await Oidc.SignInAsync(browser, Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, "openid profile", pkce), user, IdentityHub.Password);
        var tokens = await Oidc.RedeemCodeAsync(browser, "provincial-portal", _hub.Secret("provincial-portal"), Oidc.Query(redirect)["code"]!, Oidc.PortalRedirect, pkce.Verifier);

        using var response = await Oidc.GetWithTokenAsync(browser, MeApi.Path, tokens.IdToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_TokenWithoutTheScope_Is403InsufficientScopeNamingIt()
    {
        using var api = _hub.Api();
        var token = (await Oidc.ClientCredentialsAsync(api, "provincial-portal", _hub.Secret("provincial-portal"), HubScopes.PopulationRead)).AccessToken;

        using var response = await Oidc.GetWithTokenAsync(api, ClientsApi.Path, token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains("error=\"insufficient_scope\"", challenge, StringComparison.Ordinal);
        Assert.Contains("scope=\"lgsp.admin\"", challenge, StringComparison.Ordinal);
        await AssertProblemAsync(response, "client.forbidden");
    }

    [Fact]
    public async Task Api_AdminToken_ListsClientsWithoutSecrets()
    {
        using var api = _hub.Api();
        var token = (await Oidc.ClientCredentialsAsync(api, "lgsp-cli", _hub.Secret("lgsp-cli"), HubScopes.Admin)).AccessToken;

        using var response = await Oidc.GetWithTokenAsync(api, ClientsApi.Path, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        Assert.Equal(["lgsp-cli", "national-portal", "operators-console", "provincial-portal"],
            body.RootElement.EnumerateArray().Select(c => c.GetProperty("clientId").GetString()));
        Assert.DoesNotContain("secret", text, StringComparison.OrdinalIgnoreCase);
        foreach (var clientId in new[] { "lgsp-cli", "national-portal", "provincial-portal" })
        {
            Assert.DoesNotContain(_hub.Secret(clientId), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Api_ExpiredToken_Is401AndAFreshOneWorks()
    {
        using var api = _hub.Api();
        var token = (await Oidc.ClientCredentialsAsync(api, "lgsp-cli", _hub.Secret("lgsp-cli"), HubScopes.Admin)).AccessToken;
        _time.Advance(TimeSpan.FromMinutes(9));
        using (var stillValid = await Oidc.GetWithTokenAsync(api, MeApi.Path, token))
        {
            Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        }

        // Ten minutes of life plus the 30-second clock allowance.
        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(31));

        using var expired = await Oidc.GetWithTokenAsync(api, MeApi.Path, token);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("error=\"invalid_token\"", expired.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        await AssertProblemAsync(expired, "client.unauthenticated");
        var fresh = (await Oidc.ClientCredentialsAsync(api, "lgsp-cli", _hub.Secret("lgsp-cli"), HubScopes.Admin)).AccessToken;
        using var ok = await Oidc.GetWithTokenAsync(api, MeApi.Path, fresh);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Introspection_ExpiredToken_IsInactive()
    {
        using var api = _hub.Api();
        var token = (await Oidc.ClientCredentialsAsync(api, "provincial-portal", _hub.Secret("provincial-portal"), HubScopes.PopulationRead)).AccessToken;
        Assert.True((await Oidc.IntrospectAsync(api, "provincial-portal", _hub.Secret("provincial-portal"), token)).GetProperty("active").GetBoolean());

        _time.Advance(TimeSpan.FromMinutes(11));

        Assert.False((await Oidc.IntrospectAsync(api, "provincial-portal", _hub.Secret("provincial-portal"), token)).GetProperty("active").GetBoolean());
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string code)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        Assert.Equal((int)response.StatusCode, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("client", problem.RootElement.GetProperty("faultOrigin").GetString());
    }
}
