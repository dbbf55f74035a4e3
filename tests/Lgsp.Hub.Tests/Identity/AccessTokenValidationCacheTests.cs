using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Lgsp.Hub.Identity;
using Lgsp.Hub.Tests.Infrastructure;
using Lgsp.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lgsp.Hub.Tests.Identity;

/// <summary>
/// Issue #16: an access token's signature is checked once per instance (<see cref="ValidatedAccessTokens"/>), and a
/// token served from that cache is still refused when revoked (at once here, after the refresh elsewhere), expired, or
/// altered. The counters show which path a request took; time is fake.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AccessTokenValidationCacheTests(PostgresFixture postgres)
{
    private const string Portal = "provincial-portal";

    [Fact]
    public async Task Validate_SameTokenThreeTimes_ChecksTheSignatureOnce()
    {
        await using var hub = IdentityHub.StartOnSqlite();
        using var api = hub.Api();
        var cache = hub.Services.GetRequiredService<ValidatedAccessTokens>();
        var token = await ClientCredentialsAsync(api, hub, "lgsp-cli", HubScopes.Admin);
        var (full, hits) = (cache.FullValidations, cache.Hits);

        for (var i = 0; i < 3; i++)
        {
            using var me = await GetAsync(api, MeApi.Path, token);
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        Assert.Equal(full + 1, cache.FullValidations);
        Assert.Equal(hits + 2, cache.Hits);
    }

    [Fact]
    public async Task Revoke_CachedToken_IsRefusedAtOnceOnTheSameInstance()
    {
        await using var hub = IdentityHub.StartOnSqlite();
        using var api = hub.Api();
        var cache = hub.Services.GetRequiredService<ValidatedAccessTokens>();
        var token = await ClientCredentialsAsync(api, hub, Portal, HubScopes.BusinessRead);
        using (var before = await GetAsync(api, MeApi.Path, token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using (var revoke = await RevokeAsync(api, Portal, hub.Secret(Portal), token))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        var hits = cache.Hits;
        using var after = await GetAsync(api, MeApi.Path, token);

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("error=\"invalid_token\"", after.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(hits + 1, cache.Hits);
    }

    [Fact]
    public async Task Revoke_TokenCachedOnAnotherInstance_IsRefusedThereAfterItsRefresh()
    {
        var directory = HubFactory.NewDirectory();
        try
        {
            var database = await postgres.Server.CreateDatabaseAsync("validationcache");
            var shared = AccessTokenRevocationTestsSettings.Shared(Portal, "lgsp-cli");
            var secondTime = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
            await using var first = IdentityHub.Start(await HubFactory.OnPostgresAsync(postgres.Server, shared, connectionString: database, directory: directory));
            await using var second = IdentityHub.Start(await HubFactory.OnPostgresAsync(
                postgres.Server, shared, services: s => s.AddSingleton<TimeProvider>(secondTime), connectionString: database, directory: directory));
            using var toFirst = first.Api();
            using var toSecond = second.Api();
            var cache = second.Services.GetRequiredService<ValidatedAccessTokens>();
            var token = await ClientCredentialsAsync(toFirst, first, Portal, HubScopes.BusinessRead);
            for (var i = 0; i < 2; i++)
            {
                using var before = await GetAsync(toSecond, MeApi.Path, token);
                Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            }

            using (var revoke = await RevokeAsync(toFirst, Portal, first.Secret(Portal), token))
            {
                Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
            }

            // The second instance's next scheduled reload of the list (Identity:RevocationRefreshInterval, 5 s).
            var refreshed = second.Services.GetRequiredService<RevokedAccessTokens>().NextRefresh;
            secondTime.Advance(TimeSpan.FromSeconds(5));
            await refreshed.WaitAsync(TimeSpan.FromSeconds(60));
            var hits = cache.Hits;

            using var after = await GetAsync(toSecond, MeApi.Path, token);

            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
            Assert.Equal(hits + 1, cache.Hits);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Validate_CachedTokenPastItsExpiry_IsRefused()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var hub = IdentityHub.StartOnSqlite(services: s => s.AddSingleton<TimeProvider>(time));
        using var api = hub.Api();
        var cache = hub.Services.GetRequiredService<ValidatedAccessTokens>();
        var token = await ClientCredentialsAsync(api, hub, "lgsp-cli", HubScopes.Admin);
        using (var fresh = await GetAsync(api, MeApi.Path, token))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        // Still within the lifetime: served from the cache.
        time.Advance(TimeSpan.FromMinutes(9));
        var hits = cache.Hits;
        using (var late = await GetAsync(api, MeApi.Path, token))
        {
            Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        }

        Assert.Equal(hits + 1, cache.Hits);

        // Ten minutes of lifetime and the 30 s of clock skew have passed.
        time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(31));
        using var expired = await GetAsync(api, MeApi.Path, token);

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("error=\"invalid_token\"", expired.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Validate_TamperedCachedToken_IsCheckedInFullAndRefused(int part)
    {
        await using var hub = IdentityHub.StartOnSqlite();
        using var api = hub.Api();
        var cache = hub.Services.GetRequiredService<ValidatedAccessTokens>();
        var token = await ClientCredentialsAsync(api, hub, "lgsp-cli", HubScopes.Admin);
        using (var good = await GetAsync(api, MeApi.Path, token))
        {
            Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        }

        var (full, hits) = (cache.FullValidations, cache.Hits);

        using var tampered = await GetAsync(api, MeApi.Path, Tamper(token, part));

        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        Assert.Equal(full + 1, cache.FullValidations);
        Assert.Equal(hits, cache.Hits);
        using var again = await GetAsync(api, MeApi.Path, Tamper(token, part));
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal(hits, cache.Hits);
    }

    /// <summary>One character changed in the header, payload or signature of a JWT (still base64url).</summary>
    private static string Tamper(string token, int part)
    {
        var parts = token.Split('.');
        var chars = parts[part].ToCharArray();
        var at = chars.Length / 2;
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        parts[part] = new string(chars);
        return string.Join('.', parts);
    }

    private static async Task<string> ClientCredentialsAsync(HttpClient http, IdentityHub hub, string clientId, string scope)
    {
        var tokens = await Oidc.ClientCredentialsAsync(http, clientId, hub.Secret(clientId), scope);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        return tokens.AccessToken;
    }

    private static async Task<HttpResponseMessage> RevokeAsync(HttpClient http, string clientId, string secret, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/revoke");
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["token_type_hint"] = "access_token" });
        return await http.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }
}

/// <summary>One issuer for two instances (as behind a load balancer) and the same client secrets.</summary>
internal static class AccessTokenRevocationTestsSettings
{
    public static Dictionary<string, string?> Shared(params string[] clientIds)
    {
        var settings = Oidc.RedirectSettings();
        settings["Identity:Issuer"] = "https://sso.lgsp.test/";
        foreach (var clientId in clientIds)
        {
            var variable = "LGSP_TEST_CACHE_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
            Environment.SetEnvironmentVariable(variable, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(33)));
            settings[$"Identity:Clients:{clientId}:SecretEnvironmentVariable"] = variable;
        }

        return settings;
    }
}
