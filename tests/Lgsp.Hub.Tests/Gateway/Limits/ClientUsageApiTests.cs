using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Core.Lookups;

namespace Lgsp.Hub.Tests.Gateway.Limits;

/// <summary>
/// <c>GET /admin/v1/clients/{clientId}/usage</c>: a client's limits per source with today's calls against its daily
/// quota and today's refusals by limit, counted in the database (the whole cluster's, not one instance's meter).
/// </summary>
public sealed class ClientUsageApiTests(LimitsFixture hub) : IClassFixture<LimitsFixture>
{
    private const string UsagePath = "/admin/v1/clients/provincial-portal/usage";

    [Fact]
    public async Task Usage_AfterCallsOverRateAndQuota_ShowsLimitsUseAndRefusalsByLimit()
    {
        var before = await UsageAsync(UsagePath);
        var business = await SourceCase.ForAsync(SourceNames.Business, hub.Sandbox);
        var land = await SourceCase.ForAsync(SourceNames.Land, hub.Sandbox);
        hub.Time.Advance(TimeSpan.FromMinutes(1)); // a full bucket
        var businessToken = await hub.FreshTokenAsync(GatewayFixture.Portal, business.Scope);
        var landToken = await hub.FreshTokenAsync(GatewayFixture.Portal, land.Scope);

        var rateRefused = 0;
        for (var i = 0; i < 3; i++)
        {
            using var response = await hub.GetAsync(business.ExistingPath, businessToken);
            rateRefused += response.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
        }

        var quotaRefused = 0;
        for (var i = Source(before, "land").GetProperty("used").GetInt64(); i < 4; i++)
        {
            using var response = await hub.GetAsync(land.ExistingPath, landToken, purpose: land.GrantedPurpose);
            quotaRefused += response.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
        }

        Assert.Equal(1, rateRefused);
        Assert.Equal(1, quotaRefused);
        var after = await UsageAsync(UsagePath);
        Assert.Equal("provincial-portal", after.GetProperty("clientId").GetString());

        var businessAfter = Source(after, "business");
        Assert.True(businessAfter.GetProperty("granted").GetBoolean());
        Assert.Equal(1, businessAfter.GetProperty("rateLimit").GetProperty("permitsPerSecond").GetInt32());
        Assert.Equal(2, businessAfter.GetProperty("rateLimit").GetProperty("burst").GetInt32());
        Assert.Equal(JsonValueKind.Null, businessAfter.GetProperty("dailyQuota").ValueKind);
        Assert.Equal(Refused(before, "business", "rate") + 1, Refused(after, "business", "rate"));

        var landAfter = Source(after, "land");
        Assert.Equal(3, landAfter.GetProperty("dailyQuota").GetInt32());
        Assert.Equal(3, landAfter.GetProperty("used").GetInt64());
        Assert.Equal(JsonValueKind.Null, landAfter.GetProperty("rateLimit").ValueKind);
        Assert.Equal(Refused(before, "land", "dailyQuota") + 1, Refused(after, "land", "dailyQuota"));
        Assert.Equal(Refused(before, "land", "rate"), Refused(after, "land", "rate"));
    }

    [Fact]
    public async Task Usage_UnknownClient_Is404ProblemDetails()
    {
        using var response = await hub.AdminAsync(HttpMethod.Get, "/admin/v1/clients/no-such-client/usage");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("client.not_found", problem.GetProperty("code").GetString());
    }

    private async Task<JsonElement> UsageAsync(string path)
    {
        using var response = await hub.AdminAsync(HttpMethod.Get, path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static JsonElement Source(JsonElement usage, string source) =>
        usage.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("source").GetString() == source);

    private static long Refused(JsonElement usage, string source, string limit) => Source(usage, source).GetProperty("refused").GetProperty(limit).GetInt64();
}
