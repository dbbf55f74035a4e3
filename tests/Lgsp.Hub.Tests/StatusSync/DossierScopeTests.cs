using System.Net;
using System.Text.Json;
using static Lgsp.Hub.Tests.StatusSync.DossierValidationTests;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.StatusSync;

/// <summary>
/// Reads are scoped to the client's agencies (its access rights' <c>DossierAgencies</c>, a code covering its units):
/// here the national portal may read only H56.14's dossiers, the province all of H56. A dossier out of scope is
/// absent: 404 exactly as an unknown code, and not on the feed or in the reconciliation. Writes check the origin: the
/// national portal never overwrites a dossier the province received; the province still steps and updates.
/// </summary>
public sealed class DossierScopeTests(SharedHub shared) : IClassFixture<SharedHub>
{
    private const string OtherAgency = "H56.15";

    private Task<StatusSyncHub> HubAsync() => shared.GetAsync(() => StatusSyncHub.OnSqliteAsync(relay: false, new Dictionary<string, string?>
    {
        ["Gateway:AccessRights:national-portal:DossierAgencies:0"] = "H56.14",
    }));

    [Fact]
    public async Task GetDossier_OfAnotherAgency_Is404AsAnUnknownCode()
    {
        var hub = await HubAsync();
        var outside = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Of(Accepted(outside), OtherAgency)));

        using var hidden = await hub.National.GetAsync(new Uri($"/api/v1/dossiers/{outside}", UriKind.Relative));
        using var unknown = await hub.National.GetAsync(new Uri($"/api/v1/dossiers/{NewCode()}", UriKind.Relative));

        var problem = await ProblemAsync(hidden, HttpStatusCode.NotFound, "client.not_found");
        var absent = await ProblemAsync(unknown, HttpStatusCode.NotFound, "client.not_found");
        Assert.Equal(absent.GetProperty("errors").GetRawText(), problem.GetProperty("errors").GetRawText());
        Assert.Equal(absent.GetProperty("title").GetString(), problem.GetProperty("title").GetString());
        Assert.DoesNotContain("079203001234", await hidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var ownersSide = await hub.Client.GetAsync(new Uri($"/api/v1/dossiers/{outside}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ownersSide.StatusCode);
    }

    [Fact]
    public async Task GetDossier_OfTheAgencyOrAUnitUnderIt_IsServed()
    {
        var hub = await HubAsync();
        var agency = NewCode();
        var unit = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Accepted(agency)));
        await PostOkAsync(hub.PostDossierAsync(Of(Accepted(unit), "H56.14.03")));

        foreach (var code in new[] { agency, unit })
        {
            using var response = await hub.National.GetAsync(new Uri($"/api/v1/dossiers/{code}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Changes_OfAnotherAgency_AreNotOnTheFeedNorInTheReconciliation()
    {
        var hub = await HubAsync();
        var inside = NewCode();
        var outside = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Accepted(inside)));
        await PostOkAsync(hub.PostDossierAsync(Of(Accepted(outside), OtherAgency)));

        var national = await FeedKeysAsync(hub.National);
        var provincial = await FeedKeysAsync(hub.Client);

        Assert.Contains(inside + "@1", national);
        Assert.DoesNotContain(outside + "@1", national);
        Assert.All(national, k => Assert.DoesNotContain(outside, k, StringComparison.Ordinal));
        Assert.Contains(outside + "@1", provincial);

        var report = await ReconcileAsync(hub.National, "H56");
        var listed = report.GetProperty("notSynced").EnumerateArray().Select(d => d.GetProperty("dossierCode").GetString()).ToList();
        Assert.Contains(inside, listed);
        Assert.DoesNotContain(outside, listed);
        Assert.Equal(0, (await ReconcileAsync(hub.National, OtherAgency)).GetProperty("received").GetInt32());
        Assert.True((await ReconcileAsync(hub.Client, OtherAgency)).GetProperty("received").GetInt32() >= 1);
    }

    [Fact]
    public async Task PostNationalDossier_OverAProvincialDossier_Is409AndChangesNothing()
    {
        var hub = await HubAsync();
        var code = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Accepted(code)));
        var overwrite = Accepted(code);
        overwrite["summary"] = "Nội dung do Cổng DVCQG ghi đè";

        var problem = await AssertRefusedAsync(hub, () => hub.PostAsync("/api/v1/national/dossiers", overwrite),
            HttpStatusCode.Conflict, "client.dossier_origin_conflict", "/code", "dossier.origin");
        // The same content as stored is refused too: an answer would tell the other side what the province holds.
        await AssertRefusedAsync(hub, () => hub.PostAsync("/api/v1/national/dossiers", Accepted(code)),
            HttpStatusCode.Conflict, "client.dossier_origin_conflict", "/code", "dossier.origin");

        Assert.Equal("client", problem.GetProperty("faultOrigin").GetString());
        var stored = await hub.GetJsonAsync($"/api/v1/dossiers/{code}");
        Assert.Equal((1, "provincial"), (stored.GetProperty("version").GetInt32(), stored.GetProperty("origin").GetString()));
        Assert.Equal("Đăng ký khai sinh cho con", stored.GetProperty("dossier").GetProperty("summary").GetString());
    }

    [Fact]
    public async Task ProvincialSystem_StepsAndUpdatesItsOwnAndNationalDossiers_NationalUpdatesItsOwn()
    {
        var hub = await HubAsync();
        var provincial = NewCode();
        var national = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Accepted(provincial)));
        await PostOkAsync(hub.PostAsync("/api/v1/national/dossiers", Registered(national)));

        await PostOkAsync(hub.PostStepsAsync(provincial, Steps(Step(1, 2))));
        await PostOkAsync(hub.PostDossierAsync(Dossier(provincial, 4)));
        await PostOkAsync(hub.PostAsync("/api/v1/national/dossiers", Accepted(national)));
        await PostOkAsync(hub.PostStepsAsync(national, Steps(Step(1, 2))));
        await PostOkAsync(hub.PostDossierAsync(Dossier(national, 4)));

        var own = await hub.GetJsonAsync($"/api/v1/dossiers/{provincial}");
        var theirs = await hub.GetJsonAsync($"/api/v1/dossiers/{national}");
        Assert.Equal((2, 4, 1), (own.GetProperty("version").GetInt32(), own.GetProperty("status").GetInt32(), own.GetProperty("steps").GetArrayLength()));
        Assert.Equal((3, 4, "dvcqg"), (theirs.GetProperty("version").GetInt32(), theirs.GetProperty("status").GetInt32(), theirs.GetProperty("origin").GetString()));
    }

    private static System.Text.Json.Nodes.JsonObject Of(System.Text.Json.Nodes.JsonObject dossier, string agency)
    {
        dossier["receivingAgencyCode"] = agency;
        return dossier;
    }

    private static async Task<List<string>> FeedKeysAsync(HttpClient client)
    {
        var keys = new List<string>();
        long after = 0;
        while (true)
        {
            using var response = await client.GetAsync(new Uri($"/api/v1/dossiers/changes?after={after}&limit=1000", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var items = page.GetProperty("items").EnumerateArray().ToList();
            if (items.Count == 0)
            {
                return keys;
            }

            keys.AddRange(items.Select(i => i.GetProperty("event").GetProperty("idempotencyKey").GetString()!));
            after = page.GetProperty("next").GetInt64();
        }
    }

    private static async Task<JsonElement> ReconcileAsync(HttpClient client, string agency)
    {
        using var response = await client.GetAsync(new Uri($"/api/v1/reconciliation?agency={agency}&from=2025-08-01&to=2025-08-31", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
