using System.Net;
using System.Text.Json;
using Lgsp.Core.StatusSync;
using Lgsp.Testing;
using static Lgsp.Hub.Tests.StatusSync.DossierValidationTests;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncHub;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.StatusSync;

/// <summary>What the national portal and operators read: one dossier with its history and sync state, and the 766 reconciliation.</summary>
public abstract class DossierQueryTests
{
    private protected abstract Task<StatusSyncHub> HubAsync(IDictionary<string, string?>? extra = null);

    [Fact]
    public async Task GetDossier_AfterStepsAndUpdates_ShowsCurrentStatusHistoryAndSyncState()
    {
        await using var hub = await HubAsync();
        var code = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Accepted(code)));
        await PostOkAsync(hub.PostStepsAsync(code, Steps(Step(1, 2), Step(2, 4, 10), Step(3, 5, 20))));
        await PostOkAsync(hub.PostDossierAsync(Dossier(code, 5)));
        await EventuallyAsync(() => hub.Dvcqg.KeysOf(code).Count == 5, "delivered");
        await EventuallyAsync(() => hub.GetJsonAsync($"/api/v1/dossiers/{code}").Result.GetProperty("sync")[0].GetProperty("state").GetString() == "synced", "synced");

        var view = await hub.GetJsonAsync($"/api/v1/dossiers/{code}");

        Assert.Equal(code, view.GetProperty("dossier").GetProperty("code").GetString());
        Assert.Equal((5, "Yêu cầu bổ sung giấy tờ", "paused", 2, "provincial"), (
            view.GetProperty("status").GetInt32(), view.GetProperty("statusName").GetString(), view.GetProperty("group766").GetString(),
            view.GetProperty("version").GetInt32(), view.GetProperty("origin").GetString()));
        Assert.Equal([(1, 2), (2, 4), (3, 5)], view.GetProperty("steps").EnumerateArray().Select(s => (s.GetProperty("seq").GetInt32(), s.GetProperty("status").GetInt32())));
        var sync = Assert.Single(view.GetProperty("sync").EnumerateArray());
        Assert.Equal(("dvcqg", "synced"), (sync.GetProperty("destination").GetString(), sync.GetProperty("state").GetString()));
        Assert.False(sync.TryGetProperty("lastError", out _));
    }

    [Fact]
    public async Task GetDossier_ByItsMaHoSoKhacAlias_FindsIt()
    {
        await using var hub = await HubAsync();
        var code = NewCode();
        var body = Accepted(code);
        body["codeAlias"] = "H56.14-250812-48213";
        await PostOkAsync(hub.PostDossierAsync(body));

        var view = await hub.GetJsonAsync("/api/v1/dossiers/H56.14-250812-48213");

        Assert.Equal(code, view.GetProperty("dossier").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("H56.14-250812-9998", HttpStatusCode.NotFound, "client.not_found", "dossier.not_found")]
    [InlineData("H56.14-250812", HttpStatusCode.BadRequest, "client.invalid_dossier_code", "dossier_code.segment_count")]
    public async Task GetDossier_UnknownOrMalformedCode_IsRefusedNamingTheCode(string code, HttpStatusCode status, string catalogue, string reason)
    {
        await using var hub = await HubAsync();

        using var response = await hub.Client.GetAsync(new Uri($"/api/v1/dossiers/{code}", UriKind.Relative));

        var problem = await ProblemAsync(response, status, catalogue);
        Assert.Equal(("code", reason), (problem.GetProperty("errors")[0].GetProperty("field").GetString(), problem.GetProperty("errors")[0].GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task GetReconciliation_AgencyAndPeriod_CountsReceivedSyncedPendingFailedAndListsTheOnesNotOnDvcqg()
    {
        // Transient failures keep retrying (pending); a refusal parks the dossier (failed).
        await using var hub = await HubAsync(new Dictionary<string, string?> { ["StatusSync:MaxAttempts"] = "1000", ["StatusSync:RetryBaseDelay"] = "00:01:00" });
        var synced = NewCode();
        var pending = NewCode();
        var failed = NewCode();
        var national = NewCode();
        hub.Dvcqg.Failing[pending] = new HttpRequestException("DVCQG answered 503");
        hub.Dvcqg.Failing[failed] = new DossierDeliveryRejectedException("DVCQG error_code 3");

        await PostOkAsync(hub.PostDossierAsync(Accepted(synced)));
        var subUnit = Accepted(pending);
        subUnit["receivingAgencyCode"] = "H56.14.03";
        await PostOkAsync(hub.PostDossierAsync(subUnit));
        await PostOkAsync(hub.PostDossierAsync(Accepted(failed)));
        await PostOkAsync(hub.PostAsync("/api/v1/national/dossiers", Accepted(national)));
        // Not counted: another agency, received before the period, and one never received.
        var otherAgency = Accepted(NewCode());
        otherAgency["receivingAgencyCode"] = "H56.15";
        await PostOkAsync(hub.PostDossierAsync(otherAgency));
        var earlier = Accepted(NewCode());
        earlier["receivedAt"] = "2025-07-31T16:59:59Z";
        earlier.Remove("submittedAt");
        await PostOkAsync(hub.PostDossierAsync(earlier));
        await PostOkAsync(hub.PostAsync("/api/v1/national/dossiers", Registered(NewCode())));

        await EventuallyAsync(() => hub.Dvcqg.KeysOf(synced).Count == 1 && hub.Dvcqg.Attempts.Any(a => a.Key.StartsWith(failed, StringComparison.Ordinal)), "delivery attempted");
        await EventuallyAsync(() => Settled(Reconcile(hub, "H56.14")), "states settled");

        var report = Reconcile(hub, "H56.14");
        Assert.Equal(("000.00.14.H56", "2025-08-01", "2025-08-31"), (report.GetProperty("agency").GetString(), report.GetProperty("from").GetString(), report.GetProperty("to").GetString()));
        Assert.Equal((4, 2, 1, 1, 50.0), (report.GetProperty("received").GetInt32(), report.GetProperty("synced").GetInt32(),
            report.GetProperty("pending").GetInt32(), report.GetProperty("failed").GetInt32(), report.GetProperty("syncRate").GetDouble()));
        var notSynced = report.GetProperty("notSynced").EnumerateArray().ToDictionary(d => d.GetProperty("dossierCode").GetString()!, d => d);
        Assert.Equal(new[] { failed, pending }.Order(StringComparer.Ordinal), notSynced.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("pending", notSynced[pending].GetProperty("state").GetString());
        Assert.Contains("503", notSynced[pending].GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal("failed", notSynced[failed].GetProperty("state").GetString());
        Assert.False(report.GetProperty("truncated").GetBoolean());

        Assert.Equal(5, Reconcile(hub, "H56").GetProperty("received").GetInt32());
        Assert.Equal(1, Reconcile(hub, "H56.14.03").GetProperty("received").GetInt32());
        // 16:59:59Z on 31 July is 23:59:59 in Vietnam: periods are Vietnam days, so it belongs to July.
        Assert.Equal(6, Reconcile(hub, "H56", from: "2025-07-31").GetProperty("received").GetInt32());
    }

    [Theory]
    [InlineData("agency=X56&from=2025-08-01&to=2025-08-31", "agency", "agency_code.level1_kind", "client.invalid_agency_code")]
    [InlineData("agency=H56&to=2025-08-31", "from", "query.date", "client.validation_failed")]
    [InlineData("agency=H56&from=2025-08-31&to=2025-08-01", "to", "period.order", "client.validation_failed")]
    public async Task GetReconciliation_BadParameters_AreRefusedNamingThem(string query, string field, string reason, string code)
    {
        await using var hub = await HubAsync();

        using var response = await hub.Client.GetAsync(new Uri("/api/v1/reconciliation?" + query, UriKind.Relative));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, code);
        Assert.Contains((field, reason), problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("field").GetString(), e.GetProperty("reason").GetString())));
    }

    // Settled: the refusal parked one, two are on DVCQG, and the transient failure has been recorded against the pending one.
    private static bool Settled(JsonElement report) =>
        report.GetProperty("failed").GetInt32() == 1 && report.GetProperty("synced").GetInt32() == 2
        && report.GetProperty("notSynced").EnumerateArray().Any(d => d.GetProperty("state").GetString() == "pending" && d.TryGetProperty("lastError", out _));

    private static JsonElement Reconcile(StatusSyncHub hub, string agency, string from = "2025-08-01") =>
        hub.GetJsonAsync($"/api/v1/reconciliation?agency={agency}&from={from}&to=2025-08-31").Result;
}

public sealed class DossierQueryOnSqliteTests : DossierQueryTests
{
    private protected override Task<StatusSyncHub> HubAsync(IDictionary<string, string?>? extra = null) => StatusSyncHub.OnSqliteAsync(extra: extra);
}

[Collection(PostgresCollection.Name)]
public sealed class DossierQueryOnPostgresTests(PostgresFixture postgres) : DossierQueryTests
{
    private protected override Task<StatusSyncHub> HubAsync(IDictionary<string, string?>? extra = null) => StatusSyncHub.OnPostgresAsync(postgres.Server, extra: extra);
}
