using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lgsp.Hub.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lgsp.Hub.Tests.Identity;

/// <summary>
/// Failed client authentication at the token, introspection and revocation endpoints, over HTTP: counted per source
/// address (the forwarded-headers-resolved one: the test hub trusts loopback as its proxy, so <c>X-Forwarded-For</c>
/// picks the address) and per client id, answered 429 with <c>Retry-After</c> once a limit is reached; an unknown
/// client id costs the same PBKDF2 as a wrong secret.
/// </summary>
public sealed class ClientAuthThrottleTests : IAsyncLifetime
{
    private const int PerAddress = 3;
    private const int PerClient = 5;
    private static readonly TimeSpan Lockout = TimeSpan.FromMinutes(5);

    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private IdentityHub _hub = null!;

    public Task InitializeAsync()
    {
        _hub = IdentityHub.StartOnSqlite(
            new Dictionary<string, string?>
            {
                ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
                ["Identity:ClientAuthThrottle:MaxFailuresPerAddress"] = PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Identity:ClientAuthThrottle:MaxFailuresPerClient"] = PerClient.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Identity:ClientAuthThrottle:Window"] = "00:10:00",
                ["Identity:ClientAuthThrottle:LockoutDuration"] = "00:05:00",
            },
            services: s => s.AddSingleton<TimeProvider>(_time));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task WrongSecrets_FromOneAddress_Answer429WithRetryAfter_OnlyForThatAddress()
    {
        using var attacker = From("203.0.113.10");
        using var other = From("203.0.113.11");
        var right = _hub.Secret("provincial-portal");

        for (var i = 0; i < PerAddress; i++)
        {
            var refused = await Token(attacker, "provincial-portal", "wrong-secret-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
            Assert.Equal("invalid_client", refused.Error);
        }

        var throttled = await Token(attacker, "provincial-portal", right);
        var elsewhere = await Token(other, "provincial-portal", right);
        var anotherClient = await Token(attacker, "national-portal", _hub.Secret("national-portal"));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        Assert.Equal("temporarily_unavailable", throttled.Error);
        Assert.Equal(((int)Lockout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), throttled.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, elsewhere.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, anotherClient.Status);

        _time.Advance(Lockout);
        var after = await Token(attacker, "provincial-portal", right);
        Assert.Equal(HttpStatusCode.OK, after.Status);
    }

    [Fact]
    public async Task WrongSecrets_ForOneClient_FromManyAddresses_LockTheClient_ButNotFromWhereItAuthenticated()
    {
        using var backEnd = From("198.51.100.1");
        Assert.Equal(HttpStatusCode.OK, (await Token(backEnd, "provincial-portal", _hub.Secret("provincial-portal"))).Status);

        for (var i = 0; i < PerClient; i++)
        {
            using var guesser = From($"203.0.113.{20 + i}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await Token(guesser, "provincial-portal", "wrong-secret-" + i)).Status);
        }

        using var newcomer = From("203.0.113.99");
        var fromNewAddress = await Token(newcomer, "provincial-portal", _hub.Secret("provincial-portal"));
        var fromItsBackEnd = await Token(backEnd, "provincial-portal", _hub.Secret("provincial-portal"));
        var otherClient = await Token(newcomer, "national-portal", _hub.Secret("national-portal"));

        Assert.Equal(HttpStatusCode.TooManyRequests, fromNewAddress.Status);
        Assert.NotNull(fromNewAddress.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, fromItsBackEnd.Status);
        Assert.Equal(HttpStatusCode.OK, otherClient.Status);
    }

    [Fact]
    public async Task Success_ForgetsTheClientsFailures()
    {
        var right = _hub.Secret("provincial-portal");
        for (var i = 0; i < PerClient - 1; i++)
        {
            using var guesser = From($"203.0.113.{40 + i}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await Token(guesser, "provincial-portal", "wrong-secret-" + i)).Status);
        }

        using var backEnd = From("198.51.100.2");
        Assert.Equal(HttpStatusCode.OK, (await Token(backEnd, "provincial-portal", right)).Status);
        for (var i = 0; i < PerClient - 1; i++)
        {
            using var guesser = From($"203.0.113.{50 + i}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await Token(guesser, "provincial-portal", "wrong-secret-" + i)).Status);
        }

        using var newcomer = From("203.0.113.98");
        Assert.Equal(HttpStatusCode.OK, (await Token(newcomer, "provincial-portal", right)).Status);
    }

    [Fact]
    public async Task WrongSecrets_AtIntrospectionAndRevocation_CountToo()
    {
        using var attacker = From("203.0.113.60");
        for (var i = 0; i < PerAddress; i++)
        {
            var path = i % 2 == 0 ? "/connect/introspect" : "/connect/revoke";
            using var response = await Post(attacker, path, "provincial-portal", "wrong-secret-" + i, new() { ["token"] = "abc" });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var introspect = await Post(attacker, "/connect/introspect", "provincial-portal", _hub.Secret("provincial-portal"), new() { ["token"] = "abc" });

        Assert.Equal(HttpStatusCode.TooManyRequests, introspect.StatusCode);
        Assert.NotNull(introspect.Headers.RetryAfter);
        Assert.Equal("temporarily_unavailable", JsonDocument.Parse(await introspect.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task UnknownClient_CostsTheSameHashingAsAWrongSecret_AndReadsTheSame()
    {
        var hashing = _hub.Services.GetRequiredService<ClientSecretHashing>();
        using var one = From("203.0.113.70");
        using var two = From("203.0.113.71");

        var before = hashing.Checks;
        var wrongSecret = await Token(one, "national-portal", "x".PadRight(40, 'x'));
        var afterWrongSecret = hashing.Checks;
        var unknownClient = await Token(two, "no-such-client", "x".PadRight(40, 'x'));
        var afterUnknown = hashing.Checks;

        Assert.Equal(1, afterWrongSecret - before);
        Assert.Equal(1, afterUnknown - afterWrongSecret);
        Assert.Equal(wrongSecret.Status, unknownClient.Status);
        Assert.Equal("invalid_client", unknownClient.Error);
        Assert.Equal(wrongSecret.Body.GetProperty("error_description").GetString(), unknownClient.Body.GetProperty("error_description").GetString());
        Assert.False(unknownClient.Body.TryGetProperty("error_uri", out _));
    }

    /// <summary>A back end at <paramref name="address"/>, as the proxy the hub trusts reports it.</summary>
    private HttpClient From(string address)
    {
        var client = _hub.Api();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    private static async Task<Answer> Token(HttpClient http, string clientId, string secret)
    {
        using var response = await Post(http, "/connect/token", clientId, secret, new() { ["grant_type"] = "client_credentials", ["scope"] = ScopeOf(clientId) });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return new Answer(response.StatusCode, body, response.Headers.RetryAfter?.Delta is { } delta ? ((int)delta.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    private static string ScopeOf(string clientId) => clientId == "national-portal" ? HubScopes.DossierSync : HubScopes.PopulationRead;

    private static async Task<HttpResponseMessage> Post(HttpClient http, string path, string clientId, string secret, Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));
        return await http.SendAsync(request);
    }

    private sealed record Answer(HttpStatusCode Status, JsonElement Body, string? RetryAfter)
    {
        public string? Error => Body.TryGetProperty("error", out var e) ? e.GetString() : null;
    }
}
