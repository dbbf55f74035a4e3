using System.Net;
using Lgsp.Hub.Identity;
using Lgsp.Hub.Identity.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lgsp.Hub.Tests.Identity;

/// <summary>
/// Refresh tokens rotate on every use; presenting a rotated one after the reuse leeway is taken as theft and revokes
/// the whole family. Revocation and introspection for the portal's tokens. Time is fake: no sleeps.
/// </summary>
public sealed class RefreshAndRevocationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private IdentityHub _hub = null!;

    private string PortalSecret => _hub.Secret("provincial-portal");

    public Task InitializeAsync()
    {
        _hub = IdentityHub.StartOnSqlite(services: s => s.AddSingleton<TimeProvider>(_time));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Refresh_RotatesTheRefreshTokenAndKeepsTheGrant()
    {
        using var api = _hub.Api();
        var first = await SignInPortalAsync(api);

        var second = await Oidc.RefreshAsync(api, "provincial-portal", PortalSecret, first.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal(first.Scopes.Order(StringComparer.Ordinal), second.Scopes.Order(StringComparer.Ordinal));
        using var me = await Oidc.GetWithTokenAsync(api, MeApi.Path, second.AccessToken);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Refresh_ReuseAfterTheLeeway_IsRefusedAndRevokesTheFamily()
    {
        using var api = _hub.Api();
        var first = await SignInPortalAsync(api);
        var second = await Oidc.RefreshAsync(api, "provincial-portal", PortalSecret, first.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, second.Status);

        // The default leeway is 10 s; an attacker replays the stolen, already-rotated token later.
        _time.Advance(TimeSpan.FromSeconds(11));
        var replay = await Oidc.RefreshAsync(api, "provincial-portal", PortalSecret, first.RefreshToken!);

        Assert.Equal("invalid_grant", replay.Error);
        var legitimate = await Oidc.RefreshAsync(api, "provincial-portal", PortalSecret, second.RefreshToken!);
        Assert.Equal("invalid_grant", legitimate.Error);
        var introspection = await Oidc.IntrospectAsync(api, "provincial-portal", PortalSecret, second.AccessToken);
        Assert.False(introspection.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Refresh_ReuseWithinTheLeeway_IsAcceptedForConcurrentRequests()
    {
        using var api = _hub.Api();
        var first = await SignInPortalAsync(api);
        var second = await Oidc.RefreshAsync(api, "provincial-portal", PortalSecret, first.RefreshToken!);

        _time.Advance(TimeSpan.FromSeconds(5));
        var concurrent = await Oidc.RefreshAsync(api, "provincial-portal", PortalSecret, first.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(HttpStatusCode.OK, concurrent.Status);
    }

    [Fact]
    public async Task Refresh_ByAnotherClient_IsRefused()
    {
        using var api = _hub.Api();
        var first = await SignInPortalAsync(api);

        var stolen = await Oidc.RefreshAsync(api, "lgsp-cli", _hub.Secret("lgsp-cli"), first.RefreshToken!);

        Assert.Equal(HttpStatusCode.BadRequest, stolen.Status);
        Assert.NotNull(stolen.Error);
    }

    [Fact]
    public async Task Refresh_AfterTheFamilyLifetime_IsRefused()
    {
        using var api = _hub.Api();
        var first = await SignInPortalAsync(api);
        _time.Advance(TimeSpan.FromHours(9));
        var rotated = await Oidc.RefreshAsync(api, "provincial-portal", PortalSecret, first.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, rotated.Status);

        // Rotation does not extend the family: ten hours after sign-in it ends.
        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));

        Assert.Equal("invalid_grant", (await Oidc.RefreshAsync(api, "provincial-portal", PortalSecret, rotated.RefreshToken!)).Error);
    }

    [Fact]
    public async Task Refresh_AfterPasswordChange_IsRefused()
    {
        using var api = _hub.Api();
        var user = await _hub.CreateOfficialAsync();
        var first = await SignInPortalAsync(api, user);
        await using (var scope = _hub.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HubAccount>>();
            var account = (await users.FindByNameAsync(user))!;
            Assert.True((await users.ChangePasswordAsync(account, IdentityHub.Password, "một mật khẩu mới hoàn toàn")).Succeeded);
        }

        var refreshed = await Oidc.RefreshAsync(api, "provincial-portal", PortalSecret, first.RefreshToken!);

        Assert.Equal("invalid_grant", refreshed.Error);
    }

    [Fact]
    public async Task Introspection_ActiveAccessToken_DescribesIt()
    {
        using var api = _hub.Api();
        var tokens = await SignInPortalAsync(api);

        var introspection = await Oidc.IntrospectAsync(api, "provincial-portal", PortalSecret, tokens.AccessToken);

        Assert.True(introspection.GetProperty("active").GetBoolean(), introspection.GetRawText());
        Assert.Equal("provincial-portal", introspection.GetProperty("client_id").GetString());
        Assert.False(string.IsNullOrEmpty(introspection.GetProperty("sub").GetString()));
        Assert.True(introspection.GetProperty("exp").GetInt64() > introspection.GetProperty("iat").GetInt64());
        Assert.Equal("access_token", introspection.GetProperty("token_usage").GetString());

        // RFC 7662 §2.2 (issue #14 item 2): the scope and token type, to the client the token was issued to.
        Assert.Equal("Bearer", introspection.GetProperty("token_type").GetString());
        Assert.Contains(HubScopes.PopulationRead, introspection.GetProperty("scope").GetString()!.Split(' '));
        Assert.Equal(HubScopes.HubAudience, introspection.GetProperty("aud").GetString());
        Assert.Equal(_hub.Address.AbsoluteUri, introspection.GetProperty("iss").GetString());
    }

    [Fact]
    public async Task Introspection_ByAClientThatIsNotTheAudience_SaysInactive()
    {
        using var api = _hub.Api();
        var tokens = await SignInPortalAsync(api);

        var introspection = await Oidc.IntrospectAsync(api, "national-portal", _hub.Secret("national-portal"), tokens.AccessToken);

        Assert.False(introspection.GetProperty("active").GetBoolean());
        Assert.False(introspection.TryGetProperty("sub", out _));
    }

    [Fact]
    public async Task Revocation_RefreshToken_EndsIt()
    {
        using var api = _hub.Api();
        var tokens = await SignInPortalAsync(api);

        Assert.Equal(HttpStatusCode.OK, await Oidc.RevokeAsync(api, "provincial-portal", PortalSecret, tokens.RefreshToken!, "refresh_token"));

        Assert.False((await Oidc.IntrospectAsync(api, "provincial-portal", PortalSecret, tokens.RefreshToken!)).GetProperty("active").GetBoolean());
        Assert.Equal("invalid_grant", (await Oidc.RefreshAsync(api, "provincial-portal", PortalSecret, tokens.RefreshToken!)).Error);
    }

    [Fact]
    public async Task Revocation_AccessToken_IsInactiveForIntrospection()
    {
        using var api = _hub.Api();
        var tokens = await SignInPortalAsync(api);

        Assert.Equal(HttpStatusCode.OK, await Oidc.RevokeAsync(api, "provincial-portal", PortalSecret, tokens.AccessToken, "access_token"));

        Assert.False((await Oidc.IntrospectAsync(api, "provincial-portal", PortalSecret, tokens.AccessToken)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Revocation_WithWrongSecret_IsRefusedAndTheTokenStays()
    {
        using var api = _hub.Api();
        var tokens = await SignInPortalAsync(api);

        Assert.Equal(HttpStatusCode.Unauthorized, await Oidc.RevokeAsync(api, "provincial-portal", "wrong".PadRight(40, '!'), tokens.RefreshToken!));

        Assert.Equal(HttpStatusCode.OK, (await Oidc.RefreshAsync(api, "provincial-portal", PortalSecret, tokens.RefreshToken!)).Status);
    }

    private async Task<TokenResult> SignInPortalAsync(HttpClient api, string? user = null)
    {
        user ??= await _hub.CreateOfficialAsync();
        using var browser = _hub.Browser();
        var pkce = Oidc.Pkce.Create();
        var redirect = await Oidc.SignInAsync(browser, Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, "openid profile offline_access lgsp.population.read", pkce), user, IdentityHub.Password);
        var tokens = await Oidc.RedeemCodeAsync(api, "provincial-portal", PortalSecret, Oidc.Query(redirect)["code"]!, Oidc.PortalRedirect, pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        return tokens;
    }
}
