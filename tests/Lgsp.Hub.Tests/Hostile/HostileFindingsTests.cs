using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lgsp.Hub.Tests.Gateway;

namespace Lgsp.Hub.Tests.Hostile;

/// <summary>The defects the hostile-input suite found, each pinned by the input that showed it (both were 500 hub.internal).</summary>
public sealed class HostileFindingsTests(GatewayFixture hub) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task UserInfo_ClientCredentialsToken_InvalidTokenChallengeNotServerError()
    {
        var token = await hub.TokenAsync(GatewayFixture.Portal, "lgsp.business.read");
        using var api = hub.Api();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await api.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_FormValueWithNulCharacter_ValidationFailedProblemNotServerError()
    {
        using var api = hub.Api();
        using var content = new StringContent("grant_type=client_credentials&client_id=unknown%00client", Encoding.ASCII, "application/x-www-form-urlencoded");

        using var response = await api.PostAsync(new Uri("/connect/token", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("client.validation_failed", problem.RootElement.GetProperty("code").GetString());
    }
}
