using System.Text.Json;
using System.Text.Json.Nodes;
using Lgsp.Adapters.NationalPortal.Wire;
using Lgsp.Adapters.Sdk.Auth;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Adapters.Sdk.Secrets;
using Lgsp.Core.Errors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.NationalPortal;

/// <summary>
/// The hub's proof of identity at DVCQG, one cache per authentication mode, shared by every call (single flight),
/// renewed before it expires and once when DVCQG refuses it (<see cref="DvcqgAuthHandler"/>):
/// <list type="bullet">
/// <item><see cref="OAuth"/>: the gateway's token (client credentials in HTTP Basic at <c>Paths:Token</c>);
/// the secret holds <c>{"clientId","clientSecret"}</c>.</item>
/// <item><see cref="Session"/>: OpenCPS's login, <c>POST Paths:Login {"username","password"}</c> with the
/// <c>dstcode</c> header, answered <c>{error_code: 0, session}</c>; the secret holds <c>{"username","password"}</c>.
/// The answer carries no lifetime: the session is used for <c>SessionLifetime</c>.</item>
/// </list>
/// The credentials are read from the secret <see cref="UpstreamOptions.CredentialsSecret"/> names at each fetch, never logged.
/// </summary>
internal sealed partial class DvcqgTokens : IDisposable
{
    private const string Source = NationalPortalSource.Name;

    private readonly IServiceProvider _services;
    private readonly IOptionsMonitor<UpstreamOptions> _options;
    private readonly IOptionsMonitor<NationalPortalOptions> _portal;
    private readonly IUpstreamSecrets _secrets;
    private readonly TimeProvider _time;
    private readonly ILogger<DvcqgTokens> _logger;

    public DvcqgTokens(IServiceProvider services, IOptionsMonitor<UpstreamOptions> options, IOptionsMonitor<NationalPortalOptions> portal,
        IUpstreamSecrets secrets, TimeProvider time, ILogger<DvcqgTokens> logger)
    {
        _services = services;
        _options = options;
        _portal = portal;
        _secrets = secrets;
        _time = time;
        _logger = logger;
        OAuth = new AccessTokenCache(FetchTokenAsync, time);
        Session = new AccessTokenCache(LoginAsync, time);
    }

    public AccessTokenCache OAuth { get; }

    public AccessTokenCache Session { get; }

    public void Dispose()
    {
        OAuth.Dispose();
        Session.Dispose();
    }

    private Task<AccessToken> FetchTokenAsync(CancellationToken cancellationToken)
    {
        var (id, secret) = UpstreamCredentials.ReadPair(_secrets, _options.Get(Source), Source, "clientId", "clientSecret");
        var http = _services.GetRequiredService<DvcqgAuthHttp>();
        var path = _portal.Get(Source).Paths.Token;
        return ClientCredentialsGrant.FetchAsync(Source, id, secret, _time, async (form, authorization, ct) =>
        {
            var text = await http.PostAsync(path, form, idempotent: true, [("Authorization", authorization)], ct).ConfigureAwait(false);
            return JsonSerializer.Deserialize(text, DvcqgJson.Wire.OAuthTokenAnswer) ?? new OAuthTokenAnswer();
        }, cancellationToken);
    }

    private async Task<AccessToken> LoginAsync(CancellationToken cancellationToken)
    {
        var (user, password) = UpstreamCredentials.ReadPair(_secrets, _options.Get(Source), Source, "username", "password");
        var portal = _portal.Get(Source);
        var http = _services.GetRequiredService<DvcqgAuthHttp>();
        var issuedAt = _time.GetUtcNow();
        using var body = DvcqgHttpBase.Json(new JsonObject { ["username"] = user, ["password"] = password });
        var text = await http.PostAsync(portal.Paths.Login, body, idempotent: true,
            portal.DstCode is { Length: > 0 } dst ? [("dstcode", dst)] : [], cancellationToken).ConfigureAwait(false);
        DvcqgReply reply;
        try
        {
            reply = DvcqgReply.Parse(text);
        }
        catch (JsonException ex)
        {
            throw UpstreamFaults.Malformed(Source, new("Câu trả lời đăng nhập không phải JSON.", "The login answer is not JSON."), ex);
        }

        // OpenCPS's reading: a session and error_code 0; anything else is a refused login.
        if (reply.ErrorCode != "0")
        {
            throw new LgspException(UpstreamErrors.For(Source).Unauthorized, new($"Đăng nhập: error_code {reply.ErrorCode ?? "(không có)"}: {DvcqgClient.Truncate(reply.Message)}", $"Login: error_code {reply.ErrorCode ?? "(none)"}: {DvcqgClient.Truncate(reply.Message)}"));
        }

        if (reply.Session is not { Length: > 0 } session)
        {
            throw UpstreamFaults.Malformed(Source, new("Câu trả lời đăng nhập có error_code 0 nhưng không có phiên.", "The login answer has error_code 0 but no session."));
        }

        SessionOpened(_logger, portal.SessionLifetime);
        return new AccessToken(session, issuedAt, issuedAt + portal.SessionLifetime);
    }

    [LoggerMessage(EventId = 6602, Level = LogLevel.Information, Message = "Logged in to DVCQG; the session is used for {Lifetime}")]
    private static partial void SessionOpened(ILogger logger, TimeSpan lifetime);
}
