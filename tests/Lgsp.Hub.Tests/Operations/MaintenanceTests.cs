using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Lgsp.Hub.Tests.Gateway;
using Lgsp.Hub.Tests.Gateway.Limits;

namespace Lgsp.Hub.Tests.Operations;

/// <summary>
/// Hub-wide and per-agency maintenance through <c>/admin/v1/maintenance</c>, over real HTTP against the real hub on a
/// fake clock: callers in scope get 503 <c>hub.maintenance</c> with the operators' message and <c>Retry-After</c> until
/// the end, nothing reaches the source, other agencies' clients are not affected, the window lapses at its end, and
/// every switch is a version with who, when and why. Each test switches off what it switched on.
/// </summary>
public sealed class MaintenanceTests(LimitsFixture hub) : IClassFixture<LimitsFixture>
{
    private const string HubPath = "/admin/v1/maintenance/hub";

    [Fact]
    public async Task HubWide_OnThenOff_LookupsAre503WithRetryAfterThenServedAgain()
    {
        var business = await SourceCase.ForAsync(SourceNames.Business, hub.Sandbox);
        hub.Time.Advance(TimeSpan.FromMinutes(1));
        var token = await hub.FreshTokenAsync(GatewayFixture.RecordsOffice, business.Scope);
        var upstreamBefore = (await hub.Sandbox.CallsAsync(business.Source)).Values.Sum();

        var on = await SwitchOnAsync(HubPath, TimeSpan.FromMinutes(30), "Nâng cấp cơ sở dữ liệu của trục", "Upgrading the hub's database");
        Assert.True(on.GetProperty("active").GetBoolean());
        Assert.Equal(1800, on.GetProperty("retryAfterSeconds").GetInt32());

        using (var refused = await hub.GetAsync(business.ExistingPath, token, purpose: "1.000894"))
        {
            var problem = await AssertMaintenanceAsync(refused, "1800");
            Assert.Contains("Nâng cấp cơ sở dữ liệu của trục", problem.GetProperty("detailMessage").GetProperty("vi").GetString(), StringComparison.Ordinal);
            Assert.Contains("Upgrading the hub's database", problem.GetProperty("detailMessage").GetProperty("en").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(upstreamBefore, (await hub.Sandbox.CallsAsync(business.Source)).Values.Sum());

        var off = await SwitchOffAsync(HubPath, "Đã nâng cấp xong");
        Assert.False(off.GetProperty("active").GetBoolean());
        using (var served = await hub.GetAsync(business.ExistingPath, token, purpose: "1.000894"))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }

        using var history = await hub.AdminAsync(HttpMethod.Get, HubPath + "/history");
        var items = (await history.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["off", "on"], items.Take(2).Select(i => i.GetProperty("action").GetString()));
        Assert.Equal("Đã nâng cấp xong", items[0].GetProperty("reason").GetString());
        Assert.Equal("lgsp-cli", items[0].GetProperty("by").GetString());
        Assert.Contains(items[1].GetProperty("changes").EnumerateArray(), c => c.GetProperty("path").GetString() == "messageVi");
    }

    [Fact]
    public async Task Agency_On_OnlyThatAgencysClientsRefused()
    {
        var business = await SourceCase.ForAsync(SourceNames.Business, hub.Sandbox);
        hub.Time.Advance(TimeSpan.FromMinutes(1));
        var office = await hub.FreshTokenAsync(GatewayFixture.RecordsOffice, business.Scope); // 000.00.14.H56
        var portal = await hub.FreshTokenAsync(GatewayFixture.Portal, business.Scope);        // 000.00.01.H56
        const string AgencyPath = "/admin/v1/maintenance/H56.14";

        var on = await SwitchOnAsync(AgencyPath, TimeSpan.FromHours(2), "Chuyển trụ sở Văn phòng đăng ký", "The records office is moving");
        Assert.Equal("000.00.14.H56", on.GetProperty("scope").GetString());
        try
        {
            using (var refused = await hub.GetAsync(business.ExistingPath, office, purpose: "1.000894"))
            {
                var problem = await AssertMaintenanceAsync(refused, "7200");
                Assert.Contains("000.00.14.H56", problem.GetProperty("detailMessage").GetProperty("en").GetString(), StringComparison.Ordinal);
            }

            using var served = await hub.GetAsync(business.ExistingPath, portal);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);

            using var list = await hub.AdminAsync(HttpMethod.Get, "/admin/v1/maintenance");
            var windows = (await list.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
            Assert.Equal("hub", windows[0].GetProperty("scope").GetString());
            Assert.Contains(windows, w => w.GetProperty("scope").GetString() == "000.00.14.H56" && w.GetProperty("active").GetBoolean());
        }
        finally
        {
            await SwitchOffAsync(AgencyPath, "Xong");
        }

        using var again = await hub.GetAsync(business.ExistingPath, office, purpose: "1.000894");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task HubWide_EndTimePasses_ServedAgainWithoutSwitchingOff()
    {
        var business = await SourceCase.ForAsync(SourceNames.Business, hub.Sandbox);
        hub.Time.Advance(TimeSpan.FromMinutes(1));
        var token = await hub.FreshTokenAsync(GatewayFixture.RecordsOffice, business.Scope);
        await SwitchOnAsync(HubPath, TimeSpan.FromMinutes(10), "Bảo trì ngắn", "Short maintenance");
        try
        {
            hub.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
            using (var lastSecond = await hub.GetAsync(business.ExistingPath, token, purpose: "1.000894"))
            {
                await AssertMaintenanceAsync(lastSecond, "1");
            }

            hub.Time.Advance(TimeSpan.FromSeconds(1));
            using var served = await hub.GetAsync(business.ExistingPath, token, purpose: "1.000894");
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            using var read = await hub.AdminAsync(HttpMethod.Get, HubPath);
            var view = await read.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((true, false), (view.GetProperty("on").GetBoolean(), view.GetProperty("active").GetBoolean()));
        }
        finally
        {
            await SwitchOffAsync(HubPath, "Dọn cửa sổ đã hết hạn");
        }
    }

    [Fact]
    public async Task On_EndInThePastMissingMessagesOrBadScope_400AndNothingStored()
    {
        var etag = await ETagAsync(HubPath);
        using (var refused = await hub.AdminAsync(HttpMethod.Post, HubPath + "/on",
            new { reason = "Thử", messageVi = "", until = hub.Time.GetUtcNow().AddMinutes(-1) }, etag))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(ErrorCatalogue.ValidationFailed.Code, problem.GetProperty("code").GetString());
            Assert.Equal(["messageEn", "messageVi", "until"], problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Order(StringComparer.Ordinal));
        }

        Assert.Equal(etag, await ETagAsync(HubPath));
        using var badScope = await hub.AdminAsync(HttpMethod.Get, "/admin/v1/maintenance/nowhere");
        Assert.Equal(HttpStatusCode.BadRequest, badScope.StatusCode);
        using var noIfMatch = await hub.AdminAsync(HttpMethod.Post, HubPath + "/off", new { reason = "x" });
        Assert.Equal(HttpStatusCode.PreconditionRequired, noIfMatch.StatusCode);
    }

    private async Task<JsonElement> SwitchOnAsync(string path, TimeSpan length, string vi, string en)
    {
        using var response = await hub.AdminAsync(HttpMethod.Post, path + "/on",
            new { reason = "Kế hoạch bảo trì số 7", messageVi = vi, messageEn = en, until = hub.Time.GetUtcNow().Add(length) }, await ETagAsync(path));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<JsonElement> SwitchOffAsync(string path, string reason)
    {
        using var response = await hub.AdminAsync(HttpMethod.Post, path + "/off", new { reason }, await ETagAsync(path));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<string> ETagAsync(string path)
    {
        using var read = await hub.AdminAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        return read.Headers.ETag!.ToString();
    }

    private static async Task<JsonElement> AssertMaintenanceAsync(HttpResponseMessage response, string retryAfter)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal("hub.maintenance", problem.GetProperty("code").GetString());
        Assert.Equal("hub", problem.GetProperty("faultOrigin").GetString());
        Assert.Equal(retryAfter, response.Headers.GetValues("Retry-After").Single());
        return problem;
    }
}
