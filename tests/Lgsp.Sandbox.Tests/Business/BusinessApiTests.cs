using System.Net;
using System.Text.Json;
using Lgsp.Sandbox.Business;
using Lgsp.Sandbox.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Sandbox.Tests.Business;

/// <summary>The business registry stand-in as the NGSP gateway presents it: token, lookup, refusals (profile <c>ResultCode</c>).</summary>
public sealed class BusinessApiTests : IDisposable
{
    private readonly SandboxHost _host = new(new Dictionary<string, string?>
    {
        ["Sandbox:Business:TokenLifetimeSeconds"] = "60",
        ["Sandbox:Business:RequestsPerSecond"] = "5",
        // These tests read the {ResultCode, Message, Data} shape; BusinessProfilesTests covers the default, NgspData.
        ["Sandbox:Business:Profile"] = "ResultCode",
    });

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Token_BasicCredentials_IssuesBearerTokenWithLifetime()
    {
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/token")
        {
            Content = new FormUrlEncodedContent([
                new("grant_type", "client_credentials"),
                new("client_id", BusinessStandInOptions.DevelopmentConsumerKey),
                new("client_secret", BusinessStandInOptions.DevelopmentConsumerSecret)]),
        };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", body.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(60, body.RootElement.GetProperty("expires_in").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("access_token").GetString()));
    }

    [Fact]
    public async Task Token_WrongSecret_IsInvalidClient()
    {
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/token")
        {
            Content = new FormUrlEncodedContent([
                new("grant_type", "client_credentials"), new("client_id", BusinessStandInOptions.DevelopmentConsumerKey), new("client_secret", "wrong")]),
        };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_client", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_KnownEnterprise_AnswersInTheRegistryShape()
    {
        var world = _host.Services.GetRequiredService<SyntheticWorld>();
        var enterprise = world.Enterprises[0];
        using var client = _host.CreateClient();
        var token = await _host.TokenAsync(client);

        using var response = await SandboxHost.LookupAsync(client, token, enterprise.MainInformation.EnterpriseGdtCode);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains(enterprise.MainInformation.Name, text, StringComparison.Ordinal); // Vietnamese as is, no \u escapes
        using var body = JsonDocument.Parse(text);
        var data = body.RootElement.GetProperty("Data");
        Assert.Equal("00", body.RootElement.GetProperty("ResultCode").GetString());
        Assert.Equal(enterprise.MainInformation.EnterpriseGdtCode, data.GetProperty("MainInformation").GetProperty("ENTERPRISE_GDT_CODE").GetString());
        Assert.Equal(enterprise.HoAddress.AddressFullText, data.GetProperty("HOAdress").GetProperty("AddressFullText").GetString());
    }

    [Fact]
    public async Task Lookup_Representatives_AreAnObjectOrAnArrayDeterministically()
    {
        var world = _host.Services.GetRequiredService<SyntheticWorld>();
        var single = world.Enterprises.First(BusinessRegistryJson.LoneRepresentativeAsObject);
        var arrayOfOne = world.Enterprises.First(e => e.Representatives.Count == 1 && !BusinessRegistryJson.LoneRepresentativeAsObject(e));
        using var client = _host.CreateClient();
        var token = await _host.TokenAsync(client);

        Assert.Equal(JsonValueKind.Object, await RepresentativesKind(client, token, single.MainInformation.EnterpriseGdtCode));
        Assert.Equal(JsonValueKind.Array, await RepresentativesKind(client, token, arrayOfOne.MainInformation.EnterpriseGdtCode));
        Assert.Equal(JsonValueKind.Object, await RepresentativesKind(client, token, single.MainInformation.EnterpriseGdtCode));
    }

    [Fact]
    public async Task Lookup_UnknownEnterprise_IsResultCode02WithoutData()
    {
        using var client = _host.CreateClient();
        var token = await _host.TokenAsync(client);

        using var response = await SandboxHost.LookupAsync(client, token, _host.UnknownEnterpriseCode());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("02", body.RootElement.GetProperty("ResultCode").GetString());
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("Data").ValueKind);
    }

    [Fact]
    public async Task Lookup_ExpiredOrUnknownToken_IsWso2InvalidCredentials()
    {
        using var client = _host.CreateClient();
        var token = await _host.TokenAsync(client);
        _host.Time.Advance(TimeSpan.FromSeconds(61));

        using var expired = await SandboxHost.LookupAsync(client, token, _host.UnknownEnterpriseCode());
        using var unknown = await SandboxHost.LookupAsync(client, "not-a-token", _host.UnknownEnterpriseCode());

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("The access token expired", expired.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains("900901", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task Lookup_BeyondTheTier_IsThrottledWithRetryAfter()
    {
        using var client = _host.CreateClient();
        var token = await _host.TokenAsync(client);
        for (var i = 0; i < 5; i++)
        {
            using var ok = await SandboxHost.LookupAsync(client, token, _host.UnknownEnterpriseCode());
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var throttled = await SandboxHost.LookupAsync(client, token, _host.UnknownEnterpriseCode());
        _host.Time.Advance(TimeSpan.FromSeconds(1));
        using var next = await SandboxHost.LookupAsync(client, token, _host.UnknownEnterpriseCode());

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), throttled.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    private static async Task<JsonValueKind> RepresentativesKind(HttpClient client, string token, string code)
    {
        using var response = await SandboxHost.LookupAsync(client, token, code);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("Data").GetProperty("Representatives").ValueKind;
    }
}
