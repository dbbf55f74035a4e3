using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lgsp.Adapters.Sdk.Auth;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Adapters.Sdk.Secrets;
using Lgsp.Core.Errors;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.NationalPortal.LienThong;

/// <summary>
/// The DVCLT login: <c>POST</c> <c>{userName, password}</c> → <c>{token, refreshToken, refreshTokenExpiryTime}</c>, as the
/// public caller does it; the credentials come from the secret <c>Adapters:dvclt:CredentialsSecret</c> names, read at each
/// login, never logged. The token is kept <see cref="LinkedDossierOptions.TokenLifetime"/> and dropped on a 401.
/// </summary>
internal sealed class LinkedDossierTokens : IDisposable
{
    public const string Source = "dvclt";

    private readonly IHttpClientFactory _clients;
    private readonly IOptionsMonitor<UpstreamOptions> _upstream;
    private readonly IOptionsMonitor<LinkedDossierOptions> _options;
    private readonly IUpstreamSecrets _secrets;
    private readonly TimeProvider _time;

    public LinkedDossierTokens(IHttpClientFactory clients, IOptionsMonitor<UpstreamOptions> upstream, IOptionsMonitor<LinkedDossierOptions> options,
        IUpstreamSecrets secrets, TimeProvider time)
    {
        _clients = clients;
        _upstream = upstream;
        _options = options;
        _secrets = secrets;
        _time = time;
        Cache = new AccessTokenCache(FetchAsync, time);
    }

    public AccessTokenCache Cache { get; }

    public void Dispose() => Cache.Dispose();

    private async Task<AccessToken> FetchAsync(CancellationToken ct)
    {
        var (user, password) = UpstreamCredentials.ReadPair(_secrets, _upstream.Get(Source), Source, "userName", "password");
        var client = _clients.CreateClient(LinkedDossierSource.ClientName);
        var body = new JsonObject { ["userName"] = user, ["password"] = password };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.Get(Source).TokenPath, UriKind.Relative))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        try
        {
            using var response = await client.SendAsync(request, ct).ConfigureAwait(false);
            if (response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.BadRequest)
            {
                throw new LgspException(UpstreamErrors.For(Source).Unauthorized, new("Đăng nhập DVCLT bị từ chối.", "The DVCLT login was refused."));
            }

            if (!response.IsSuccessStatusCode)
            {
                throw UpstreamFaults.FromResponse(Source, response, _time);
            }

            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            string? token;
            try
            {
                token = JsonNode.Parse(text)?["token"]?.GetValue<string>();
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                throw UpstreamFaults.Malformed(Source, new("câu trả lời đăng nhập không có dạng {token}", "a login answer that is not {token}"), ex);
            }

            if (string.IsNullOrEmpty(token))
            {
                throw new LgspException(UpstreamErrors.For(Source).Unauthorized, new("Đăng nhập DVCLT không trả về token.", "The DVCLT login gave no token."));
            }

            var now = _time.GetUtcNow();
            return new AccessToken(token, now, now + _options.Get(Source).TokenLifetime);
        }
        catch (Exception ex) when (ex is not LgspException && UpstreamFaults.TryTranslate(Source, ex, ct, out var fault))
        {
            throw fault;
        }
    }
}
