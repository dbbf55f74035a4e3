using System.Text.Json;
using Lgsp.Adapters.ProvincialPortal.Wire;
using Lgsp.Adapters.Sdk.Auth;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Adapters.Sdk.Secrets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.ProvincialPortal;

/// <summary>
/// The one-stop system's token for the hub's account: signed in with the username and password (and the tenant),
/// cached and shared by every call, renewed before the JWT's <c>exp</c> and once when the system refuses it. The
/// credentials are read from the secret <see cref="UpstreamOptions.CredentialsSecret"/> names at each sign-in, never logged.
/// </summary>
internal sealed class MotCuaTokens : IDisposable
{
    private const string Source = ProvincialPortalSource.Name;

    private readonly IServiceProvider _services;
    private readonly IOptionsMonitor<UpstreamOptions> _upstream;
    private readonly IOptionsMonitor<ProvincialPortalOptions> _options;
    private readonly IUpstreamSecrets _secrets;
    private readonly TimeProvider _time;

    public MotCuaTokens(
        IServiceProvider services, IOptionsMonitor<UpstreamOptions> upstream, IOptionsMonitor<ProvincialPortalOptions> options, IUpstreamSecrets secrets, TimeProvider time)
    {
        _services = services;
        _upstream = upstream;
        _options = options;
        _secrets = secrets;
        _time = time;
        Cache = new AccessTokenCache(FetchAsync, time);
    }

    public AccessTokenCache Cache { get; }

    public void Dispose() => Cache.Dispose();

    private async Task<AccessToken> FetchAsync(CancellationToken cancellationToken)
    {
        // {"username":"…","password":"…"} in the named secret.
        var (username, password) = UpstreamCredentials.ReadPair(_secrets, _upstream.Get(Source), Source, "username", "password");
        var api = _services.GetRequiredService<IMotCuaTokenApi>();
        var issuedAt = _time.GetUtcNow();
        SignInAnswer answer;
        try
        {
            answer = await api.SignInAsync(_options.Get(Source).Tenant, new SignInRequest(username, password), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (UpstreamFaults.TryTranslate(Source, ex, cancellationToken, out var fault))
        {
            throw fault;
        }

        if (string.IsNullOrEmpty(answer.Token) || ExpiresAt(answer.Token) is not { } expiresAt || expiresAt <= issuedAt)
        {
            throw UpstreamFaults.Malformed(Source, new("Câu trả lời đăng nhập thiếu JWT có exp trong tương lai.", "The sign-in answer lacks a JWT whose exp is in the future."));
        }

        return new AccessToken(answer.Token, issuedAt, expiresAt);
    }

    /// <summary>The <c>exp</c> claim of a JWT (read, not verified: the token is the system's to check, the hub only needs to know when to renew).</summary>
    internal static DateTimeOffset? ExpiresAt(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            var claims = JsonSerializer.Deserialize(Convert.FromBase64String(payload), MotCuaJson.Wire.JwtPayload);
            return claims?.Exp is { } exp ? DateTimeOffset.FromUnixTimeSeconds(exp) : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}

/// <summary>Puts the <c>tenant</c> header on every call to the one-stop system's API.</summary>
internal sealed class TenantHandler(IOptionsMonitor<ProvincialPortalOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Remove("tenant");
        request.Headers.Add("tenant", options.Get(ProvincialPortalSource.Name).Tenant);
        return base.SendAsync(request, cancellationToken);
    }
}
