using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Hub.Tests.Gateway;
using Lgsp.Hub.Tests.StatusSync;

namespace Lgsp.Hub.Tests.Operations;

/// <summary>
/// A client's access rights changed at runtime through <c>/admin/v1/clients/{id}/access-rights</c>: in force for the
/// client's next lookup, refused whole when wrong, recorded with who and why, and rolled back exactly.
/// </summary>
public sealed class AccessRightsApiTests(OperationsFixture hub) : IClassFixture<OperationsFixture>
{
    private const string Path = "/admin/v1/clients/{0}/access-rights";

    [Fact]
    public async Task Grant_ThenRollBack_TheClientsNextLookupFollows()
    {
        var token = await hub.TokenAsync(GatewayFixture.AuditOffice, "lgsp.business.read");
        var enterprise = "/api/v1/business/enterprises/" + (await hub.Sandbox.DemoAsync()).GetProperty("enterprises")[0].GetProperty("enterpriseCode").GetString();
        using (var before = await hub.GetAsync(enterprise, token))
        {
            Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        }

        var (rights, etag) = await ReadAsync(GatewayFixture.AuditOffice);
        Assert.Equal(0, rights.GetProperty("version").GetInt32());
        using (var grant = await hub.AdminAsync(HttpMethod.Patch, At(GatewayFixture.AuditOffice), new
        {
            reason = "Cấp quyền tra cứu theo Quyết định 2345/QĐ-UBND",
            changes = new { agencyCode = "000.00.20.H56", services = new { business = new { purposes = new[] { "1.001193" }, fields = new[] { "name" } } } },
        }, etag))
        {
            var body = await grant.Content.ReadAsStringAsync();
            Assert.True(grant.StatusCode == HttpStatusCode.OK, body);
            var granted = JsonDocument.Parse(body).RootElement;
            Assert.Equal(["1.001193"], granted.GetProperty("accessRights").GetProperty("services").GetProperty("business").GetProperty("purposes").EnumerateArray().Select(p => p.GetString()));
            Assert.Equal("operator", granted.GetProperty("origin").GetString());
        }

        using (var allowed = await hub.GetAsync(enterprise, token))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using (var otherPurpose = await hub.GetAsync(enterprise, token, purpose: "1.000894"))
        {
            Assert.Equal("client.purpose_not_allowed", (await otherPurpose.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        var (_, etagGranted) = await ReadAsync(GatewayFixture.AuditOffice);
        using (var rollback = await hub.AdminAsync(HttpMethod.Post, At(GatewayFixture.AuditOffice) + "/rollback", new { toVersion = 0, reason = "Thu hồi: hết thời hạn thí điểm" }, etagGranted))
        {
            Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        }

        using var after = await hub.GetAsync(enterprise, token);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
        using var history = await hub.AdminAsync(HttpMethod.Get, At(GatewayFixture.AuditOffice) + "/history");
        var items = (await history.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["rollback", "change", "files"], items.Select(i => i.GetProperty("action").GetString()));
        Assert.Equal((OperationsFixture.Cli, "Cấp quyền tra cứu theo Quyết định 2345/QĐ-UBND"), (items[1].GetProperty("by").GetString(), items[1].GetProperty("reason").GetString()));
        Assert.Contains(items[1].GetProperty("changes").EnumerateArray(), c => c.GetProperty("path").GetString() == "services.business.purposes.0" && c.GetProperty("to").GetString() == "1.001193");
    }

    [Fact]
    public async Task Change_Invalid_IsRefusedWithEveryErrorAndNothingChanges()
    {
        var (before, etag) = await ReadAsync(GatewayFixture.RecordsOffice);

        using var response = await hub.AdminAsync(HttpMethod.Patch, At(GatewayFixture.RecordsOffice), new
        {
            reason = "Thử quyền sai",
            changes = new { agencyCode = "xyz", services = new { land = new { purposes = new[] { "abc" } }, weather = new { purposes = new[] { "*" } } } },
        }, etag);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("field").GetString() + " " + e.GetProperty("messageEn").GetString()).ToList();
        Assert.Contains(errors, e => e.StartsWith("agencyCode ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("services.land.purposes", StringComparison.Ordinal) && e.Contains("'abc'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("weather", StringComparison.Ordinal));
        var (after, etagAfter) = await ReadAsync(GatewayFixture.RecordsOffice);
        Assert.Equal((etag, before.GetProperty("accessRights").GetRawText()), (etagAfter, after.GetProperty("accessRights").GetRawText()));
    }

    [Fact]
    public async Task Read_UnknownClient_IsNotFound_AndTheListShowsRightsInForce()
    {
        using var unknown = await hub.AdminAsync(HttpMethod.Get, At("no-such-client"));
        using var list = await hub.AdminAsync(HttpMethod.Get, "/admin/v1/clients");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var portal = (await list.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single(c => c.GetProperty("clientId").GetString() == GatewayFixture.Portal);
        Assert.Equal("000.00.01.H56", portal.GetProperty("accessRights").GetProperty("agencyCode").GetString());
    }

    [Fact]
    public async Task Change_DossierAgencies_IsInForceForTheNextRead_AndABadCodeIsRefused()
    {
        const string national = "national-portal";
        var provincialToken = await hub.TokenAsync(GatewayFixture.Portal, "lgsp.dossier.sync");
        var nationalToken = await hub.TokenAsync(national, "lgsp.dossier.sync");
        var code = StatusSyncSamples.NewCode();
        using (var posted = await hub.SendAsync(HttpMethod.Post, "/api/v1/dossiers", provincialToken, purpose: null, jsonBody: StatusSyncSamples.Accepted(code).ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        using (var before = await hub.GetAsync($"/api/v1/dossiers/{code}", nationalToken, purpose: null))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var (rights, etag) = await ReadAsync(national);
        Assert.Equal(["H56"], rights.GetProperty("accessRights").GetProperty("dossierAgencies").EnumerateArray().Select(a => a.GetString()));
        using (var bad = await hub.AdminAsync(HttpMethod.Patch, At(national), new { reason = "Thử mã cơ quan sai", changes = new { dossierAgencies = new[] { "H56", "X99" } } }, etag))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var error = Assert.Single((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray());
            Assert.Equal("dossierAgencies.1", error.GetProperty("field").GetString());
            Assert.Contains("'X99'", error.GetProperty("messageEn").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("messageVi").GetString()));
        }

        using (var narrowed = await hub.AdminAsync(HttpMethod.Patch, At(national), new
        {
            reason = "Cổng DVCQG chỉ đọc hồ sơ của UBND huyện theo công văn 77/CV",
            changes = new { dossierAgencies = new[] { "H56.15" } },
        }, etag))
        {
            Assert.Equal(HttpStatusCode.OK, narrowed.StatusCode);
        }

        using (var hidden = await hub.GetAsync($"/api/v1/dossiers/{code}", nationalToken, purpose: null))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
            Assert.Equal("client.not_found", (await hidden.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        var (_, etagNarrowed) = await ReadAsync(national);
        using (var rollback = await hub.AdminAsync(HttpMethod.Post, At(national) + "/rollback", new { toVersion = 0, reason = "Trở lại cấu hình trong tệp" }, etagNarrowed))
        {
            Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        }

        using var again = await hub.GetAsync($"/api/v1/dossiers/{code}", nationalToken, purpose: null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    private static string At(string clientId) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Path, clientId);

    private async Task<(JsonElement Rights, string ETag)> ReadAsync(string clientId)
    {
        using var response = await hub.AdminAsync(HttpMethod.Get, At(clientId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(), response.Headers.ETag!.ToString());
    }
}
