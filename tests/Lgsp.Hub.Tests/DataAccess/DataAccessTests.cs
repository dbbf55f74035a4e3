using System.Net;
using System.Text.Json;
using Lgsp.Hub.Tests.Gateway;
using Lgsp.Hub.Tests.Identity;

namespace Lgsp.Hub.Tests.DataAccess;

/// <summary>
/// Who read my data (Nghị định 13/2023): a citizen signed in through the national login stand-in sees every read of
/// his records through the hub, and only his.
/// </summary>
public sealed class DataAccessTests(DataAccessFixture fixture) : IClassFixture<DataAccessFixture>
{
    [Fact]
    public async Task MyDataAccess_TwoAgenciesLookedHimUp_HeSeesExactlyThoseTwoAndAnotherCitizenNone()
    {
        var citizen = fixture.Citizens[0];
        var other = fixture.Citizens[1];
        var token = await fixture.CitizenTokenAsync(citizen);
        var otherToken = await fixture.CitizenTokenAsync(other);
        var otherBefore = (await fixture.ReportAsync(otherToken)).GetProperty("total").GetInt32();

        var portal = await fixture.TokenAsync(GatewayFixture.Portal, "lgsp.population.read");
        var records = await fixture.TokenAsync(GatewayFixture.RecordsOffice, "lgsp.population.read");
        var byPortal = await LookUpAsync(portal, citizen.Login);
        var byRecords = await LookUpAsync(records, citizen.Login);

        var report = await fixture.ReportAsync(token);

        Assert.Equal(2, report.GetProperty("total").GetInt32());
        var items = report.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([byRecords.Exchange, byPortal.Exchange], items.Select(i => i.GetProperty("exchangeId").GetString()));
        AssertRead(items[0], GatewayFixture.RecordsOffice, "000.00.14.H56", DataAccessFixture.RecordsAgencyName, byRecords.Status);
        AssertRead(items[1], GatewayFixture.Portal, "000.00.01.H56", DataAccessFixture.PortalAgencyName, byPortal.Status);

        var otherReport = await fixture.ReportAsync(otherToken);
        Assert.Equal(otherBefore, otherReport.GetProperty("total").GetInt32());
        var otherExchanges = otherReport.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("exchangeId").GetString()).ToList();
        Assert.DoesNotContain(byPortal.Exchange, otherExchanges);
        Assert.DoesNotContain(byRecords.Exchange, otherExchanges);
    }

    [Fact]
    public async Task MyDataAccess_SystemToken_ForbiddenAndNothingRead()
    {
        var portal = await fixture.TokenAsync(GatewayFixture.Portal, "lgsp.population.read");
        using var api = fixture.Api();

        using var response = await Oidc.GetWithTokenAsync(api, "/api/v1/me/data-access", portal);

        await GatewayAssertions.ProblemAsync(response, HttpStatusCode.Forbidden, "client.forbidden", "client");
    }

    [Fact]
    public async Task MyDataAccess_BadPageOrFormat_ValidationFailedListingEach()
    {
        var token = await fixture.CitizenTokenAsync(fixture.Citizens[2]);
        using var api = fixture.Api();

        using var response = await Oidc.GetWithTokenAsync(api, "/api/v1/me/data-access?page=0&pageSize=501&format=xml", token);

        var problem = await GatewayAssertions.ProblemAsync(response, HttpStatusCode.BadRequest, "client.validation_failed", "client");
        Assert.Equal(["page", "pageSize", "format"], problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task MyDataAccess_Csv_OneLinePerReadWithTheProcedureName()
    {
        var citizen = fixture.Citizens[3];
        var token = await fixture.CitizenTokenAsync(citizen);
        var read = await LookUpAsync(await fixture.TokenAsync(GatewayFixture.Portal, "lgsp.population.read"), citizen.Login);
        using var api = fixture.Api();

        using var response = await Oidc.GetWithTokenAsync(api, "/api/v1/me/data-access?format=csv", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("thoi_gian,nguon,", lines[0], StringComparison.Ordinal);
        Assert.Contains(DataAccessFixture.PurposeName, lines[1], StringComparison.Ordinal);
        Assert.EndsWith("," + read.Exchange, lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain(citizen.Login, lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgencyReport_WithAPurpose_AnsweredAndTheAccessAppearsInHisOwnReport()
    {
        var citizen = fixture.Citizens[4];
        var token = await fixture.CitizenTokenAsync(citizen);
        var records = await fixture.TokenAsync(GatewayFixture.RecordsOffice, "lgsp.population.read");
        var lookup = await LookUpAsync(await fixture.TokenAsync(GatewayFixture.Portal, "lgsp.population.read"), citizen.Login);

        using var response = await fixture.GetAsync($"/api/v1/citizens/{citizen.Login}/data-access", records, purpose: DataAccessFixture.Purpose, officer: GatewayFixture.Officer);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var seen = JsonDocument.Parse(body).RootElement;
        Assert.Equal([lookup.Exchange], seen.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("exchangeId").GetString()));
        var access = response.Headers.GetValues("X-Lgsp-Exchange-Id").Single();
        var own = (await fixture.ReportAsync(token)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([access, lookup.Exchange], own.Select(i => i.GetProperty("exchangeId").GetString()));
        Assert.Equal("dataaccess", own[0].GetProperty("source").GetString());
        Assert.Equal(GatewayFixture.RecordsOffice, own[0].GetProperty("clientId").GetString());
        Assert.Equal(GatewayFixture.Officer, own[0].GetProperty("officerId").GetString());
        Assert.Equal(DataAccessFixture.PurposeName, own[0].GetProperty("procedureName").GetString());
    }

    [Fact]
    public async Task AgencyReport_WithoutPurposeOrOfficer_RefusedAndNothingRecorded()
    {
        // Only signs in and is refused, as the bad query's test: no read of this citizen is ever answered.
        var citizen = fixture.Citizens[2];
        var token = await fixture.CitizenTokenAsync(citizen);
        var records = await fixture.TokenAsync(GatewayFixture.RecordsOffice, "lgsp.population.read");
        var audit = await fixture.TokenAsync(GatewayFixture.AuditOffice, "lgsp.business.read");

        using var noPurpose = await fixture.GetAsync($"/api/v1/citizens/{citizen.Login}/data-access", records, purpose: null);
        using var wrongPurpose = await fixture.GetAsync($"/api/v1/citizens/{citizen.Login}/data-access", records, purpose: "2.000488", officer: GatewayFixture.Officer);
        using var badId = await fixture.GetAsync("/api/v1/citizens/12345/data-access", records, officer: GatewayFixture.Officer);
        using var noScope = await fixture.GetAsync($"/api/v1/citizens/{citizen.Login}/data-access", audit, officer: GatewayFixture.Officer);

        var problem = await GatewayAssertions.ProblemAsync(noPurpose, HttpStatusCode.BadRequest, "client.validation_failed", "client");
        Assert.Equal(["X-Lgsp-Purpose", "X-Lgsp-Officer-Id"], problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
        await GatewayAssertions.ProblemAsync(wrongPurpose, HttpStatusCode.Forbidden, "client.purpose_not_allowed", "client");
        await GatewayAssertions.ProblemAsync(badId, HttpStatusCode.BadRequest, "client.invalid_personal_id", "client");
        await GatewayAssertions.ProblemAsync(noScope, HttpStatusCode.Forbidden, "client.forbidden", "client");
        Assert.Equal(0, (await fixture.ReportAsync(token)).GetProperty("total").GetInt32());
    }

    private async Task<(string Exchange, int Status)> LookUpAsync(string token, string personalId)
    {
        using var response = await fixture.GetAsync("/api/v1/population/citizens/" + personalId, token, purpose: DataAccessFixture.Purpose, officer: GatewayFixture.Officer);
        return (response.Headers.GetValues("X-Lgsp-Exchange-Id").Single(), (int)response.StatusCode);
    }

    private static void AssertRead(JsonElement item, string client, string agency, string agencyName, int status)
    {
        Assert.Equal("population", item.GetProperty("source").GetString());
        Assert.Equal(client, item.GetProperty("clientId").GetString());
        Assert.Equal(agency, item.GetProperty("agencyCode").GetString());
        Assert.Equal(agencyName, item.GetProperty("agencyName").GetString());
        Assert.Equal(GatewayFixture.Officer, item.GetProperty("officerId").GetString());
        Assert.Equal(DataAccessFixture.Purpose, item.GetProperty("procedureCode").GetString());
        Assert.Equal(DataAccessFixture.PurposeName, item.GetProperty("procedureName").GetString());
        Assert.Equal(status, item.GetProperty("httpStatus").GetInt32());
        Assert.Equal(status == 200 ? "ok" : item.GetProperty("outcome").GetString(), item.GetProperty("outcome").GetString());
    }
}
