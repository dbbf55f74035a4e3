using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lgsp.Testing;
using NJsonSchema;
using static Lgsp.Hub.Tests.StatusSync.DossierValidationTests;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.StatusSync;

/// <summary>
/// The contracts in <c>schemas/dossiers/v1</c> and <c>schemas/events</c> are the source of truth: what the hub
/// accepts validates against them, what it refuses for a structural reason fails them too, and everything it emits
/// (answers, events, the dossier view, feed pages, reconciliation) validates against the files on disk.
/// </summary>
public sealed class StatusSyncSchemaTests
{
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new();

    [Fact]
    public void Requests_SampleBodies_ValidateAgainstTheRequestSchemas()
    {
        var code = NewCode();
        AssertValid("dossiers/v1/dossier.schema.json", Accepted(code));
        AssertValid("dossiers/v1/dossier.schema.json", Registered(code));
        AssertValid("dossiers/v1/dossier.schema.json", Dossier(code, 5));
        AssertValid("dossiers/v1/steps.schema.json", Steps(Step(1, 2), Step(2, 4, 10)));
        AssertValid("dossiers/v1/batch.schema.json", Batch(DossierItem(Accepted(code)), ProgressItem(code, Step(1, 2))));
    }

    public static TheoryData<string> StructuralBreaks() =>
    [
        "code-segments", "procedure-missing", "procedure-format", "agency-malformed", "channel-missing", "channel-range",
        "owner-missing", "owner-kind", "owner-name", "owner-name-long", "owner-identifier-type", "owner-email",
        "summary-long", "note-blank", "status-missing", "status-zero", "status-range", "status-string",
        "received-no-offset", "return-method", "paid-online", "connected-db-blank", "component-name", "component-url",
        "component-copy-type", "component-reuse", "component-replaced-malformed", "fee-amount-missing", "fee-amount-negative",
        "fee-kind", "fee-collect-at", "supplement-requested-missing", "result-code", "result-url", "unknown-member",
    ];

    [Theory]
    [MemberData(nameof(StructuralBreaks))]
    public void Requests_StructurallyBrokenDossier_FailsTheSchemaAsTheHubRefusesIt(string rule)
    {
        var body = DossierValidationTestsAccess.Break(Accepted(NewCode()), rule);

        Assert.NotEmpty(Schema("dossiers/v1/dossier.schema.json").Validate(body.ToJsonString()));
    }

    [Fact]
    public async Task Emitted_AnswersEventsViewFeedAndReport_MatchTheirSchemas()
    {
        await using var hub = await StatusSyncHub.OnSqliteAsync(relay: false);
        var a = NewCode();
        var b = NewCode();
        var c = NewCode();
        var aliased = Accepted(a);
        aliased["codeAlias"] = "H56.14-250812-48213";

        AssertValid("dossiers/v1/ingestion-result.schema.json", await AnswerAsync(hub.PostDossierAsync(aliased)));
        AssertValid("dossiers/v1/ingestion-result.schema.json", await AnswerAsync(hub.PostStepsAsync(a, Steps(Step(1, 2), Step(2, 4, 10)))));
        AssertValid("dossiers/v1/ingestion-result.schema.json", await AnswerAsync(hub.PostDossierAsync(Dossier(a, 4))));
        AssertValid("dossiers/v1/ingestion-result.schema.json", await AnswerAsync(hub.PostBatchAsync(Batch(DossierItem(Accepted(b)), ProgressItem(b, Step(1, 2))))));
        AssertValid("dossiers/v1/ingestion-result.schema.json", await AnswerAsync(hub.PostAsync("/api/v1/national/dossiers", Registered(c))));
        // A batch whose items fail (a problem each, one of them a dependency) writes no event.
        var broken = Accepted(NewCode());
        broken["owner"]!["kind"] = 0;
        AssertValid("dossiers/v1/ingestion-result.schema.json", await AnswerAsync(hub.PostBatchAsync(Batch(
            DossierItem(broken), ProgressItem(broken["code"]!.GetValue<string>(), Step(1, 2)), ProgressItem(c, Step(1, 10))))));

        AssertValid("dossiers/v1/dossier-view.schema.json", await hub.GetJsonAsync($"/api/v1/dossiers/{a}"));
        AssertValid("dossiers/v1/dossier-view.schema.json", await hub.GetJsonAsync($"/api/v1/dossiers/{c}"));
        var page = await hub.GetJsonAsync("/api/v1/dossiers/changes?after=0");
        AssertValid("dossiers/v1/changes.schema.json", page);
        var events = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("event")).ToList();
        Assert.Equal(7, events.Count);
        Assert.All(events, e => AssertValid("events/dossier-changed.v1.schema.json", e));
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "dossier.status-changed.v1" && e.GetProperty("payload").TryGetProperty("dossierCodeAlias", out _));
        AssertValid("dossiers/v1/reconciliation.schema.json", await hub.GetJsonAsync("/api/v1/reconciliation?agency=H56&from=2025-08-01&to=2025-08-31"));

        // The event schema bites: a step event with a status out of range, an update event whose dossier lacks its
        // owner, an instant outside Vietnam time.
        var step = JsonNode.Parse(events.First(e => e.GetProperty("type").GetString() == "dossier.status-changed.v1").GetRawText())!;
        step["payload"]!["status"] = 11;
        Assert.NotEmpty(Schema("events/dossier-changed.v1.schema.json").Validate(step.ToJsonString()));
        var update = JsonNode.Parse(events.First(e => e.GetProperty("type").GetString() == "dossier.updated.v1").GetRawText())!;
        update["payload"]!["dossier"]!.AsObject().Remove("owner");
        Assert.NotEmpty(Schema("events/dossier-changed.v1.schema.json").Validate(update.ToJsonString()));
        var utc = JsonNode.Parse(events[0].GetRawText())!;
        utc["recordedAt"] = "2025-08-12T01:00:00Z";
        Assert.NotEmpty(Schema("events/dossier-changed.v1.schema.json").Validate(utc.ToJsonString()));
    }

    [Fact]
    public async Task CanonicalDossier_AsServed_IsAcceptedBackAsTheSameContent()
    {
        await using var hub = await StatusSyncHub.OnSqliteAsync(relay: false);
        var code = NewCode();
        var sent = Accepted(code);
        sent["receivingAgencyCode"] = "H56.14";
        sent["receivedAt"] = "2025-08-12T01:00:00Z";
        using var first = await hub.PostDossierAsync(sent);
        var served = (await hub.GetJsonAsync($"/api/v1/dossiers/{code}")).GetProperty("dossier");
        Assert.Equal(("000.00.14.H56", "2025-08-12T08:00:00+07:00"), (served.GetProperty("receivingAgencyCode").GetString(), served.GetProperty("receivedAt").GetString()));
        var before = await hub.CountAsync();

        using var again = await hub.PostDossierAsync(JsonNode.Parse(served.GetRawText())!);

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(before, await hub.CountAsync());
    }

    private static async Task<JsonElement> AnswerAsync(Task<HttpResponseMessage> send)
    {
        using var response = await send;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static void AssertValid(string schema, JsonNode body) => AssertValid(schema, body.ToJsonString());

    private static void AssertValid(string schema, JsonElement body) => AssertValid(schema, body.GetRawText());

    private static void AssertValid(string schema, string json) =>
        Assert.Empty(Schema(schema).Validate(json).Select(e => $"{schema}: {e.Path}: {e.Kind}"));

    private static JsonSchema Schema(string relative) => Schemas.GetOrAdd(relative, r => new Lazy<JsonSchema>(() =>
        JsonSchema.FromFileAsync(RepoPaths.Combine(["schemas", .. r.Split('/')])).GetAwaiter().GetResult())).Value;
}
