using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lgsp.Adapters.Contract;
using Lgsp.Hub.Tests.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lgsp.Hub.Tests.Gateway.Limits;

/// <summary>
/// The gateway's hub on a <see cref="FakeTimeProvider"/> (token refill and the Vietnam day move only when a test says
/// so), with tight limits for <c>provincial-portal</c>: business 1 call a second with bursts of 2, land 3 calls a day.
/// A test that moves the clock past a token's life takes a fresh one (<see cref="FreshTokenAsync"/>).
/// </summary>
public sealed class LimitsFixture : GatewayFixture
{
    public FakeTimeProvider Time { get; } = new(TimeProvider.System.GetUtcNow());

    protected override IDictionary<string, string?> AdapterSettings(SandboxFixture sandbox)
    {
        var settings = base.AdapterSettings(sandbox);
        settings["Gateway:AccessRights:provincial-portal:Services:business:RateLimit:PermitsPerSecond"] = "1";
        settings["Gateway:AccessRights:provincial-portal:Services:business:RateLimit:Burst"] = "2";
        settings["Gateway:AccessRights:provincial-portal:Services:land:DailyQuota"] = "3";
        return settings;
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<TimeProvider>(Time);
    }

    /// <summary>A new client-credentials token, on the hub's clock as it is now.</summary>
    public async Task<string> FreshTokenAsync(string clientId, string scope)
    {
        using var api = Api();
        var result = await Oidc.ClientCredentialsAsync(api, clientId, SecretOf(clientId), scope);
        Assert.True(result.Status == System.Net.HttpStatusCode.OK, $"token for {clientId}: {result.Status} {result.Error}");
        return result.AccessToken;
    }

    /// <summary>Drives <c>/admin/v1</c> as the CLI does (a fresh token: a test before may have moved the clock).</summary>
    public async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        using var api = Api();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await FreshTokenAsync("lgsp-cli", "lgsp.admin"));
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        return await api.SendAsync(request);
    }
}
