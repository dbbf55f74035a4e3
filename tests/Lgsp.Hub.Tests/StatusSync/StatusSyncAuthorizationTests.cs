using System.Net;
using System.Text.Json;
using Lgsp.Testing;
using static Lgsp.Hub.Tests.StatusSync.DossierValidationTests;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.StatusSync;

/// <summary>
/// Every status-sync endpoint needs a hub access token with <c>lgsp.dossier.sync</c> (obtained here from the hub by
/// client credentials, as the real systems do); each side may only send its own changes; both sides read.
/// A refused caller writes nothing.
/// </summary>
public abstract class StatusSyncAuthorizationTests
{
    private protected abstract Task<StatusSyncHub> HubAsync();

    public static TheoryData<string, string> Endpoints() => new()
    {
        { "POST", "/api/v1/dossiers" },
        { "POST", "/api/v1/dossiers/H56.14-250812-0035/steps" },
        { "POST", "/api/v1/dossiers:batch" },
        { "POST", "/api/v1/national/dossiers" },
        { "GET", "/api/v1/dossiers/H56.14-250812-0035" },
        { "GET", "/api/v1/dossiers/changes" },
        { "GET", "/api/v1/reconciliation?agency=H56&from=2025-08-01&to=2025-08-31" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_WithoutAToken_Is401AndWritesNothing(string method, string path)
    {
        var hub = await HubAsync();
        var before = await hub.CountAsync();

        using var response = await SendAsync(hub.Anonymous, method, path);

        var problem = await ProblemOfAsync(response, HttpStatusCode.Unauthorized, "client.unauthenticated");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("client", problem.GetProperty("faultOrigin").GetString());
        Assert.Equal(before, await hub.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_TokenWithoutTheSyncScope_Is403InsufficientScope(string method, string path)
    {
        var hub = await HubAsync();
        using var lookupsOnly = hub.AuthorizedClient(StatusSyncHub.ProvincialClient, "lgsp.population.read");
        var before = await hub.CountAsync();

        using var response = await SendAsync(lookupsOnly, method, path);

        await ProblemOfAsync(response, HttpStatusCode.Forbidden, "client.forbidden");
        Assert.Contains("insufficient_scope", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains("lgsp.dossier.sync", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await hub.CountAsync());
    }

    [Fact]
    public async Task PostNationalDossier_AsTheProvincialSystem_IsForbiddenAndWritesNothing()
    {
        // Otherwise a province could claim its dossiers "came from DVCQG" and count them as synced (766 sync rate).
        var hub = await HubAsync();

        await AssertRefusedAsync(hub, () => hub.Client.PostAsync(new Uri("/api/v1/national/dossiers", UriKind.Relative), Json(Accepted(NewCode()))),
            HttpStatusCode.Forbidden, "client.forbidden", "", "sync_side.not_national");
    }

    [Theory]
    [InlineData("/api/v1/dossiers")]
    [InlineData("/api/v1/dossiers:batch")]
    public async Task PostProvincialChange_AsTheNationalPortal_IsForbiddenAndWritesNothing(string path)
    {
        var hub = await HubAsync();
        var body = path.EndsWith(":batch", StringComparison.Ordinal) ? Batch(DossierItem(Accepted(NewCode()))) : Accepted(NewCode());

        await AssertRefusedAsync(hub, () => hub.National.PostAsync(new Uri(path, UriKind.Relative), Json(body)),
            HttpStatusCode.Forbidden, "client.forbidden", "", "sync_side.not_provincial");
    }

    [Fact]
    public async Task NationalPortal_SendsItsDossiersAndPullsTheFeedAndAnyDossier()
    {
        var hub = await HubAsync();
        var fromProvince = NewCode();
        var fromPortal = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Accepted(fromProvince)));

        using var sent = await hub.National.PostAsync(new Uri("/api/v1/national/dossiers", UriKind.Relative), Json(Registered(fromPortal)));
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);

        using var dossier = await hub.National.GetAsync(new Uri($"/api/v1/dossiers/{fromProvince}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, dossier.StatusCode);
        using var feed = await hub.National.GetAsync(new Uri("/api/v1/dossiers/changes?after=0&limit=1000", UriKind.Relative));
        var keys = JsonDocument.Parse(await feed.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("event").GetProperty("idempotencyKey").GetString()).ToList();
        Assert.Contains(fromProvince + "@1", keys);
        Assert.Contains(fromPortal + "@1", keys);
    }

    [Fact]
    public async Task IdempotencyKeys_OfTwoClients_DoNotCollide()
    {
        var hub = await HubAsync();
        var key = "k-" + Guid.NewGuid();

        using var provincial = await hub.PostDossierAsync(Accepted(NewCode()), key);
        using var national = await hub.PostAsync("/api/v1/national/dossiers", Registered(NewCode()), key);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (provincial.StatusCode, national.StatusCode));
        Assert.False(national.Headers.Contains("Idempotent-Replayed"));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method == "POST")
        {
            request.Content = Json(path.EndsWith(":batch", StringComparison.Ordinal) ? Batch(DossierItem(Accepted(NewCode())))
                : path.EndsWith("/steps", StringComparison.Ordinal) ? Steps(Step(1, 2))
                : Accepted(NewCode()));
        }

        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> ProblemOfAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }
}

public sealed class StatusSyncAuthorizationOnSqliteTests(SharedHub shared) : StatusSyncAuthorizationTests, IClassFixture<SharedHub>
{
    private protected override Task<StatusSyncHub> HubAsync() => shared.GetAsync(() => StatusSyncHub.OnSqliteAsync(relay: false));
}

[Collection(PostgresCollection.Name)]
public sealed class StatusSyncAuthorizationOnPostgresTests(PostgresFixture postgres, SharedHub shared) : StatusSyncAuthorizationTests, IClassFixture<SharedHub>
{
    private protected override Task<StatusSyncHub> HubAsync() => shared.GetAsync(() => StatusSyncHub.OnPostgresAsync(postgres.Server, relay: false));
}
