using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lgsp.Hub.Identity;
using Lgsp.Hub.Storage;
using Lgsp.Hub.Tests.Infrastructure;
using Lgsp.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lgsp.Hub.Tests.Identity;

/// <summary>
/// RFC 7009 on the default settings for every access token the hub issues (issue #14 item 1): revoked at
/// <c>/connect/revoke</c>, a token is inactive for introspection and refused by the APIs at once on the instance that
/// revoked it, and by every other instance after its next refresh of the revocation list. Requests are built exactly as
/// a standard client sends them (form-encoded body, client_secret_basic or client_secret_post). Time is fake.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AccessTokenRevocationTests(PostgresFixture postgres)
{
    private const string Portal = "provincial-portal";

    /// <summary>Not a valid enterprise code: a lookup that reaches the gateway is refused before any upstream call.</summary>
    private const string LookupPath = "/api/v1/business/enterprises/12345";

    [Theory]
    [InlineData("client_secret_basic")]
    [InlineData("client_secret_post")]
    public async Task Revoke_ClientCredentialsToken_IsInactiveAndRefusedByTheApis(string authentication)
    {
        await using var hub = IdentityHub.StartOnSqlite();
        using var api = hub.Api();
        var token = await ClientCredentialsAsync(api, hub, Portal, HubScopes.BusinessRead);
        using (var before = await GetAsync(api, LookupPath, token))
        {
            Assert.Equal(HttpStatusCode.BadRequest, before.StatusCode);
        }

        using var revoke = await RevokeAsync(api, Portal, hub.Secret(Portal), token, authentication);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.False((await IntrospectAsync(api, Portal, hub.Secret(Portal), token)).GetProperty("active").GetBoolean());
        using var me = await GetAsync(api, MeApi.Path, token);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Contains("error=\"invalid_token\"", me.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        using var lookup = await GetAsync(api, LookupPath, token);
        Assert.Equal(HttpStatusCode.Unauthorized, lookup.StatusCode);
        await AssertProblemCodeAsync(lookup, "client.unauthenticated");
    }

    [Fact]
    public async Task Revoke_ClientCredentialsTokenTwice_IsAnswered200BothTimes()
    {
        await using var hub = IdentityHub.StartOnSqlite();
        using var api = hub.Api();
        var token = await ClientCredentialsAsync(api, hub, "lgsp-cli", HubScopes.Admin);

        using var first = await RevokeAsync(api, "lgsp-cli", hub.Secret("lgsp-cli"), token, "client_secret_basic");
        using var second = await RevokeAsync(api, "lgsp-cli", hub.Secret("lgsp-cli"), token, "client_secret_basic");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, hub.Services.GetRequiredService<RevokedAccessTokens>().Count);
    }

    [Fact]
    public async Task Revoke_AnotherClientsToken_IsAnswered200AndNotRevoked()
    {
        await using var hub = IdentityHub.StartOnSqlite();
        using var api = hub.Api();
        var token = await ClientCredentialsAsync(api, hub, "national-portal", HubScopes.DossierSync);

        // RFC 7009 §2.1: the server checks the token was issued to the client asking; if not, it refuses, and §2.2
        // answers 200 whatever became of the token (OpenIddict's ValidateAuthorizedParty, kept).
        using var revoke = await RevokeAsync(api, "lgsp-cli", hub.Secret("lgsp-cli"), token, "client_secret_post");

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.True((await IntrospectAsync(api, "national-portal", hub.Secret("national-portal"), token)).GetProperty("active").GetBoolean());
        using var me = await GetAsync(api, MeApi.Path, token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(0, hub.Services.GetRequiredService<RevokedAccessTokens>().Count);
    }

    [Fact]
    public async Task Revoke_PersonAccessToken_IsRefusedByTheApisOnTheDefaultSettings()
    {
        await using var hub = IdentityHub.StartOnSqlite();
        using var api = hub.Api();
        var user = await hub.CreateOfficialAsync();
        using var browser = hub.Browser();
        var pkce = Oidc.Pkce.Create();
        var redirect = await Oidc.SignInAsync(browser, Oidc.AuthorizeUrl(Portal, Oidc.PortalRedirect, "openid offline_access lgsp.population.read", pkce), user, IdentityHub.Password);
        var tokens = await Oidc.RedeemCodeAsync(api, Portal, hub.Secret(Portal), Oidc.Query(redirect)["code"]!, Oidc.PortalRedirect, pkce.Verifier);
        using (var before = await GetAsync(api, MeApi.Path, tokens.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var revoke = await RevokeAsync(api, Portal, hub.Secret(Portal), tokens.AccessToken, "client_secret_basic");

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.False((await IntrospectAsync(api, Portal, hub.Secret(Portal), tokens.AccessToken)).GetProperty("active").GetBoolean());
        using var me = await GetAsync(api, MeApi.Path, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);

        // The refresh token is another token: revoking the access token leaves the family as it was.
        Assert.Equal(HttpStatusCode.OK, (await Oidc.RefreshAsync(api, Portal, hub.Secret(Portal), tokens.RefreshToken!)).Status);
    }

    [Fact]
    public async Task Revoke_OnOneInstance_IsRefusedByTheOtherAfterItsRefresh()
    {
        var directory = HubFactory.NewDirectory();
        try
        {
            var database = await postgres.Server.CreateDatabaseAsync("revocation");
            var shared = SharedSettings();
            var secondTime = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
            await using var first = IdentityHub.Start(await HubFactory.OnPostgresAsync(postgres.Server, shared, connectionString: database, directory: directory));
            await using var second = IdentityHub.Start(await HubFactory.OnPostgresAsync(
                postgres.Server, shared, services: s => s.AddSingleton<TimeProvider>(secondTime), connectionString: database, directory: directory));
            using var toFirst = first.Api();
            using var toSecond = second.Api();
            var token = await ClientCredentialsAsync(toFirst, first, Portal, HubScopes.BusinessRead);
            using (var before = await GetAsync(toSecond, MeApi.Path, token))
            {
                Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            }

            using var revoke = await RevokeAsync(toFirst, Portal, first.Secret(Portal), token, "client_secret_basic");
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
            using (var atFirst = await GetAsync(toFirst, MeApi.Path, token))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, atFirst.StatusCode);
            }

            // The second instance's next scheduled refresh (Identity:RevocationRefreshInterval, 5 s) loads it.
            var list = second.Services.GetRequiredService<RevokedAccessTokens>();
            var refreshed = list.NextRefresh;
            secondTime.Advance(TimeSpan.FromSeconds(5));
            await refreshed.WaitAsync(TimeSpan.FromSeconds(60));

            using var atSecond = await GetAsync(toSecond, MeApi.Path, token);
            Assert.Equal(HttpStatusCode.Unauthorized, atSecond.StatusCode);
            using var lookup = await GetAsync(toSecond, LookupPath, token);
            Assert.Equal(HttpStatusCode.Unauthorized, lookup.StatusCode);
            Assert.False((await IntrospectAsync(toSecond, Portal, second.Secret(Portal), token)).GetProperty("active").GetBoolean());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Refresh_AfterTheTokenWouldHaveExpired_PurgesItsEntry()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var hub = IdentityHub.StartOnSqlite(services: s => s.AddSingleton<TimeProvider>(time));
        using var api = hub.Api();
        var list = hub.Services.GetRequiredService<RevokedAccessTokens>();
        var early = await ClientCredentialsAsync(api, hub, "lgsp-cli", HubScopes.Admin);
        using (var revoke = await RevokeAsync(api, "lgsp-cli", hub.Secret("lgsp-cli"), early, "client_secret_basic"))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        time.Advance(TimeSpan.FromMinutes(5));
        var late = await ClientCredentialsAsync(api, hub, "lgsp-cli", HubScopes.Admin);
        using (var revoke = await RevokeAsync(api, "lgsp-cli", hub.Secret("lgsp-cli"), late, "client_secret_basic"))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        Assert.Equal(2, await StoredEntriesAsync(hub));

        // The early token expired 10 minutes after issue; validation's 30 s of skew later nobody accepts it.
        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(31));
        await list.RefreshAsync(CancellationToken.None);

        Assert.Equal(1, await StoredEntriesAsync(hub));
        Assert.Equal(1, list.Count);
        using var me = await GetAsync(api, MeApi.Path, late);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public void Options_RevocationRefreshIntervalOutOfRange_AreRefused()
    {
        var options = new HubIdentityOptions { RevocationRefreshInterval = TimeSpan.Zero };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        var valid = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(HubIdentityOptions.RevocationRefreshInterval)));
        Assert.Equal(TimeSpan.FromSeconds(5), new HubIdentityOptions().RevocationRefreshInterval);
    }

    private static async Task<int> StoredEntriesAsync(IdentityHub hub)
    {
        await using var db = await hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        return await db.RevokedAccessTokens.CountAsync();
    }

    private static async Task<string> ClientCredentialsAsync(HttpClient http, IdentityHub hub, string clientId, string scope)
    {
        var tokens = await Oidc.ClientCredentialsAsync(http, clientId, hub.Secret(clientId), scope);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        return tokens.AccessToken;
    }

    /// <summary>What a standard OAuth client library sends (RFC 7009 §2.1), byte for byte in its form.</summary>
    private static async Task<HttpResponseMessage> RevokeAsync(HttpClient http, string clientId, string secret, string token, string authentication)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/revoke");
        var body = $"token={Uri.EscapeDataString(token)}&token_type_hint=access_token";
        if (authentication == "client_secret_basic")
        {
            // RFC 6749 §2.3.1: each part form-urlencoded, then Base64.
            var credentials = Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(credentials));
        }
        else
        {
            body += $"&client_id={Uri.EscapeDataString(clientId)}&client_secret={Uri.EscapeDataString(secret)}";
        }

        request.Content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded");
        request.Content.Headers.ContentType!.CharSet = null;
        return await http.SendAsync(request);
    }

    private static Task<JsonElement> IntrospectAsync(HttpClient http, string clientId, string secret, string token) =>
        Oidc.IntrospectAsync(http, clientId, secret, token);

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private static async Task AssertProblemCodeAsync(HttpResponseMessage response, string code)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
    }

    /// <summary>One issuer for both instances (as behind a load balancer) and the same client secrets.</summary>
    private static Dictionary<string, string?> SharedSettings()
    {
        var settings = Oidc.RedirectSettings();
        settings["Identity:Issuer"] = "https://sso.lgsp.test/";
        foreach (var clientId in new[] { Portal, "national-portal", "lgsp-cli" })
        {
            var variable = "LGSP_TEST_REVOKE_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
            Environment.SetEnvironmentVariable(variable, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(33)));
            settings[$"Identity:Clients:{clientId}:SecretEnvironmentVariable"] = variable;
        }

        return settings;
    }
}
