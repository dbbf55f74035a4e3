using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lgsp.Testing;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.StatusSync;

/// <summary>
/// One case per validation rule: the request is refused with a ProblemDetails naming the offending field and its
/// precise reason, and nothing is written (no dossier, step, outbox event, sync state or idempotency record, even
/// though every request here carries an Idempotency-Key). The same suite runs on SQLite and on PostgreSQL.
/// </summary>
public abstract class DossierValidationTests
{
    private protected abstract Task<StatusSyncHub> HubAsync();

    public static TheoryData<string, string, string> DossierRules() => new()
    {
        // rule name,                field,                                   reason
        { "code-missing", "/code", "dossier_code.empty" },
        { "code-segments", "/code", "dossier_code.segment_count" },
        { "code-agency", "/code", "agency_code.level1_kind" },
        { "code-date", "/code", "dossier_code.date" },
        { "alias-same", "/codeAlias", "dossier_code.alias_same" },
        { "alias-malformed", "/codeAlias", "dossier_code.sequence_format" },
        { "procedure-missing", "/procedure", "field.missing" },
        { "procedure-local", "/procedure/nationalCode", "procedure_code.not_national" },
        { "procedure-format", "/procedure/nationalCode", "procedure_code.format" },
        { "procedure-local-mismatch", "/procedure/localCode", "procedure_code.local_mismatch" },
        { "agency-malformed", "/receivingAgencyCode", "agency_code.group_count" },
        { "agency-missing", "/receivingAgencyCode", "agency_code.empty" },
        { "channel-missing", "/channel", "field.missing" },
        { "channel-range", "/channel", "channel.range" },
        { "owner-missing", "/owner", "field.missing" },
        { "owner-kind", "/owner/kind", "party_kind.range" },
        { "owner-name", "/owner/name", "text.missing" },
        { "owner-name-long", "/owner/name", "text.too_long" },
        { "owner-personal-id", "/owner/identifiers/0/value", "personal_id.length" },
        { "owner-personal-id-province", "/owner/identifiers/0/value", "personal_id.province" },
        { "owner-enterprise-check-digit", "/owner/identifiers/0/value", "enterprise_code.check_digit" },
        { "owner-bhxh", "/owner/identifiers/0/value", "social_insurance_code.length" },
        { "owner-passport", "/owner/identifiers/0/value", "passport.format" },
        { "owner-identifier-type", "/owner/identifiers/0/type", "identifier_type.range" },
        { "owner-email", "/owner/email", "email.format" },
        { "submitter-name", "/submitter/name", "text.missing" },
        { "summary-long", "/summary", "text.too_long" },
        { "note-blank", "/note", "text.blank" },
        { "status-missing", "/status", "status.missing" },
        { "status-zero", "/status", "status.unknown" },
        { "status-range", "/status", "status.range" },
        { "status-string", "/status", "json.invalid" },
        { "received-missing", "/receivedAt", "received_at.missing" },
        { "received-no-offset", "/receivedAt", "instant.format" },
        { "received-unexpected", "/receivedAt", "received_at.unexpected" },
        { "due-before-received", "/dueAt", "due_at.before_received" },
        { "submitted-after-received", "/submittedAt", "submitted_at.after_received" },
        { "ended-unexpected", "/processingEndedAt", "processing_ended_at.unexpected" },
        { "returned-unexpected", "/resultReturnedAt", "result_returned_at.unexpected" },
        { "rejected-unexpected", "/rejectedAt", "rejected_at.unexpected" },
        { "return-method", "/returnMethod", "return_method.range" },
        { "paid-online", "/paidOnline", "paid_online.range" },
        { "connected-db-blank", "/connectedDatabases/0", "text.missing" },
        { "component-name", "/components/0/name", "text.missing" },
        { "component-url", "/components/0/fileUrl", "url.format" },
        { "component-copy-type", "/components/0/copyType", "copy_type.range" },
        { "component-reuse", "/components/0/reuse", "reuse.range" },
        { "component-replaced-missing", "/components/0/replacedByResultCode", "component.replaced_by_missing" },
        { "component-replaced-malformed", "/components/0/replacedByResultCode", "result_code.prefix" },
        { "fee-amount-missing", "/fees/0/amount", "field.missing" },
        { "fee-amount-negative", "/fees/0/amount", "fee.amount_negative" },
        { "fee-kind", "/fees/0/kind", "fee_kind.range" },
        { "fee-collect-at", "/fees/0/collectAt", "fee_collection.range" },
        { "supplement-requested-missing", "/supplements/0/requestedAt", "field.missing" },
        { "supplement-received-before", "/supplements/0/receivedAt", "supplement.received_before_requested" },
        { "supplement-new-due", "/supplements/0/newDueAt", "supplement.new_due_before_previous" },
        { "supplement-duplicate-id", "/supplements/1/id", "supplement.id_duplicate" },
        { "result-code", "/results/0/resultCode", "result_code.number" },
        { "result-url", "/results/0/fileUrl", "url.format" },
        { "unknown-member", "/trangThai", "json.invalid" },
        { "list-item-null", "/components/0", "field.missing" },
    };

    [Theory]
    [MemberData(nameof(DossierRules))]
    public async Task PostDossier_BreakingOneRule_IsRefusedNamingTheFieldAndWritesNothing(string rule, string field, string reason)
    {
        var hub = await HubAsync();
        var body = Break(Accepted(NewCode()), rule);

        await AssertRefusedAsync(hub, () => hub.PostDossierAsync(body, "key-" + rule), HttpStatusCode.BadRequest, "client.validation_failed", field, reason);
    }

    [Theory]
    [MemberData(nameof(DossierRules))]
    public async Task PostNationalDossier_BreakingOneRule_IsRefusedNamingTheFieldAndWritesNothing(string rule, string field, string reason)
    {
        // The reverse direction: dossiers submitted on DVCQG pass the very same rules.
        var hub = await HubAsync();
        var body = Break(Accepted(NewCode()), rule);

        await AssertRefusedAsync(hub, () => hub.PostAsync("/api/v1/national/dossiers", body, "key-national-" + rule),
            HttpStatusCode.BadRequest, "client.validation_failed", field, reason);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(9)]
    [InlineData(10)]
    public async Task PostDossier_FirstSyncAtAnyStatus_IsABackfillAndIsStored(int status)
    {
        // Issue #13 item 2 (was: a new dossier in 4 was refused as status.initial). The public senders' first sync of
        // a dossier carries whatever status it has (TD-DVC's ThemMoi of every unsynced dossier, OpenCPS's isUpdating=False).
        var hub = await HubAsync();
        var code = NewCode();
        var body = status == 10 ? Finished(code) : Dossier(code, status);
        if (status == 9)
        {
            body["processingEndedAt"] = "2025-08-15T10:00:00+07:00";
        }

        using var response = await hub.PostDossierAsync(body, "key-backfill-" + status);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var view = await hub.GetJsonAsync($"/api/v1/dossiers/{code}");
        Assert.Equal((1, status), (view.GetProperty("version").GetInt32(), view.GetProperty("status").GetInt32()));
    }

    [Fact]
    public async Task PostDossier_ReopeningWithoutAReason_IsRefusedAndTheFinishedVersionStays()
    {
        var hub = await HubAsync();
        var code = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Finished(code)));
        var reopened = Reopened(code);
        reopened.Remove("note");

        await AssertRefusedAsync(hub, () => hub.PostDossierAsync(reopened, "key-reopen"),
            HttpStatusCode.BadRequest, "client.validation_failed", "/note", "status.reopen_reason_missing");
        var view = await hub.GetJsonAsync($"/api/v1/dossiers/{code}");
        Assert.Equal((1, 10), (view.GetProperty("version").GetInt32(), view.GetProperty("status").GetInt32()));
    }

    [Fact]
    public async Task PostSteps_ReopeningStepWithoutAReason_IsRefused()
    {
        var hub = await HubAsync();
        var code = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Finished(code)));
        await PostOkAsync(hub.PostStepsAsync(code, Steps(Step(1, 10))));
        var step = Reopening(2, 10);
        step.Remove("note");

        await AssertRefusedAsync(hub, () => hub.PostStepsAsync(code, Steps(step), "key-reopen-step"),
            HttpStatusCode.BadRequest, "client.validation_failed", "/steps/0/note", "status.reopen_reason_missing");
    }

    [Fact]
    public async Task PostDossier_ReopeningWithAReason_IsStoredAsANewVersion()
    {
        var hub = await HubAsync();
        var code = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Finished(code)));

        await PostOkAsync(hub.PostDossierAsync(Reopened(code)));

        var view = await hub.GetJsonAsync($"/api/v1/dossiers/{code}");
        Assert.Equal((2, 2), (view.GetProperty("version").GetInt32(), view.GetProperty("status").GetInt32()));
    }

    [Fact]
    public async Task PostDossier_PausedReportedAsResolved_IsRefusedAndTheStoredVersionStays()
    {
        var hub = await HubAsync();
        var code = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Accepted(code)));
        await PostOkAsync(hub.PostDossierAsync(Dossier(code, 5)));
        var resolved = Dossier(code, 9);
        resolved["processingEndedAt"] = "2025-08-15T10:00:00+07:00";

        await AssertRefusedAsync(hub, () => hub.PostDossierAsync(resolved, "key-5-9"),
            HttpStatusCode.Conflict, "client.illegal_status_transition", "/status", "status.transition");
        var view = await hub.GetJsonAsync($"/api/v1/dossiers/{code}");
        Assert.Equal((2, 5), (view.GetProperty("version").GetInt32(), view.GetProperty("status").GetInt32()));
    }

    [Fact]
    public async Task PostDossier_ChangeAfterResultReturned_IsRefusedAsTerminal()
    {
        var hub = await HubAsync();
        var code = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Accepted(code)));
        var resolved = Dossier(code, 9);
        resolved["processingEndedAt"] = "2025-08-15T10:00:00+07:00";
        await PostOkAsync(hub.PostDossierAsync(resolved));
        var returned = Dossier(code, 10);
        returned["processingEndedAt"] = "2025-08-15T10:00:00+07:00";
        returned["resultReturnedAt"] = "2025-08-15T15:00:00+07:00";
        await PostOkAsync(hub.PostDossierAsync(returned));

        await AssertRefusedAsync(hub, () => hub.PostDossierAsync(Dossier(code, 4), "key-terminal"),
            HttpStatusCode.Conflict, "client.illegal_status_transition", "/status", "status.terminal");
    }

    [Fact]
    public async Task PostDossier_SeveralBrokenFields_ReportsEveryOneInOneAnswer()
    {
        var hub = await HubAsync();
        var body = Accepted(NewCode());
        body["channel"] = 7;
        body["summary"] = new string('x', 10_001); // changed on purpose: a blank summary is accepted now (issue #13 item 4)
        ((JsonObject)body["owner"]!)["identifiers"]![0]!["value"] = "123";
        body["dueAt"] = "2025-08-01T00:00:00+07:00";
        body["components"]![0]!["fileUrl"] = "files/f-1.pdf";

        var problem = await AssertRefusedAsync(hub, () => hub.PostDossierAsync(body), HttpStatusCode.BadRequest, "client.validation_failed", "/channel", "channel.range");

        Assert.Equal(
            ["/channel", "/components/0/fileUrl", "/dueAt", "/owner/identifiers/0/value", "/summary"],
            problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("{", "json.invalid")]
    [InlineData("[]", "json.invalid")]
    [InlineData("", "body.missing")]
    [InlineData("null", "body.missing")]
    public async Task PostDossier_BodyNotADossier_IsRefusedAndWritesNothing(string body, string reason)
    {
        var hub = await HubAsync();
        var before = await hub.CountAsync();

        using var response = await hub.Client.PostAsync(new Uri("/api/v1/dossiers", UriKind.Relative), Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("reason").GetString() == reason);
        Assert.Equal(before, await hub.CountAsync());
    }

    public static TheoryData<string, string, string, int, string> StepRules() => new()
    {
        // rule,                   field,                         reason,                         HTTP, catalogue code
        { "empty", "/steps", "steps.empty", 400, "client.validation_failed" },
        { "seq-missing", "/steps/0/seq", "field.missing", 400, "client.validation_failed" },
        { "seq-zero", "/steps/0/seq", "step.seq_range", 400, "client.validation_failed" },
        { "seq-repeated-in-request", "/steps/1/seq", "step.seq_duplicate", 400, "client.validation_failed" },
        { "status-range", "/steps/0/status", "status.range", 400, "client.validation_failed" },
        { "actor-long", "/steps/0/actor", "text.too_long", 400, "client.validation_failed" },
        { "occurred-missing", "/steps/0/occurredAt", "field.missing", 400, "client.validation_failed" },
        { "occurred-format", "/steps/0/occurredAt", "instant.format", 400, "client.validation_failed" },
        { "due-before-start", "/steps/0/stepDueAt", "step.due_before_start", 400, "client.validation_failed" },
        { "seq-not-increasing", "/steps/0/seq", "step.seq_order", 400, "client.validation_failed" },
        { "earlier-than-previous", "/steps/0/occurredAt", "step.occurred_before_previous", 400, "client.validation_failed" },
        { "illegal-move", "/steps/0/status", "status.transition", 409, "client.illegal_status_transition" },
        { "first-step-not-from-initial", "/steps/0/status", "status.transition", 409, "client.illegal_status_transition" },
        { "conflicting-repeat", "/steps/0/seq", "step.conflict", 409, "client.dossier_step_conflict" },
        { "unknown-dossier", "code", "dossier.not_found", 404, "client.not_found" },
        { "malformed-code", "code", "dossier_code.segment_count", 400, "client.invalid_dossier_code" },
    };

    [Theory]
    [MemberData(nameof(StepRules))]
    public async Task PostSteps_BreakingOneRule_IsRefusedNamingTheFieldAndWritesNothing(string rule, string field, string reason, int status, string code)
    {
        var hub = await HubAsync();
        var dossier = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Accepted(dossier)));
        // Stored history (seqs may have gaps): seq 1 (2, accepted) at 09:00 and seq 5 (4, processing) at 09:10.
        await PostOkAsync(hub.PostStepsAsync(dossier, Steps(Step(1, 2), Renumber(Step(2, 4, 10), 5))));

        var step = Step(6, 5, 20);
        var target = dossier;
        JsonObject body = Steps(step);
        switch (rule)
        {
            case "empty": body = Steps(); break;
            case "seq-missing": step.Remove("seq"); break;
            case "seq-zero": step["seq"] = 0; break;
            case "seq-repeated-in-request": body = Steps(Step(6, 5, 20), Step(6, 4, 30)); break;
            case "status-range": step["status"] = 11; break;
            // Issue #13 item 4, changed on purpose: a missing actor is accepted (DVCQG gets "Chuyên viên"); only the hub's cap refuses.
            case "actor-long": step["actor"] = new string('a', 256); break;
            case "occurred-missing": step.Remove("occurredAt"); break;
            case "occurred-format": step["occurredAt"] = "2025-08-12 09:20:00"; break;
            case "due-before-start": step["stepDueAt"] = "2025-08-12T07:00:00+07:00"; break;
            case "seq-not-increasing": step["seq"] = 3; break;
            case "earlier-than-previous": step["occurredAt"] = "2025-08-12T09:05:00+07:00"; break;
            case "illegal-move": step["status"] = 1; break;
            case "first-step-not-from-initial":
                target = NewCode();
                await PostOkAsync(hub.PostDossierAsync(Accepted(target)));
                body = Steps(Step(1, 10));
                break;
            case "conflicting-repeat": body = Steps(Renumber(Step(2, 4, 11), 5)); break;
            case "unknown-dossier": target = NewCode(); break;
            case "malformed-code": target = "H56.14-250812"; break;
        }

        await AssertRefusedAsync(hub, () => hub.PostStepsAsync(target, body, "key-step-" + rule), (HttpStatusCode)status, code, field, reason);
    }

    public static TheoryData<string, string, string, string> BatchRules() => new()
    {
        // Only what concerns the batch as a whole refuses it whole.
        { "empty", "/items", "batch.empty", "client.validation_failed" },
        { "too-many", "/items", "batch.too_many_items", "client.validation_failed" },
    };

    [Theory]
    [MemberData(nameof(BatchRules))]
    public async Task PostBatch_BreakingOneRule_IsRefusedWholeAndWritesNothing(string rule, string field, string reason, string code)
    {
        var hub = await HubAsync();
        var body = rule switch
        {
            "empty" => Batch(),
            _ => Batch([.. Enumerable.Range(0, 6).Select(_ => DossierItem(Accepted(NewCode())))]),
        };

        await AssertRefusedAsync(hub, () => hub.PostBatchAsync(body, "key-batch-" + rule), HttpStatusCode.BadRequest, code, field, reason);
    }

    public static TheoryData<string, int, string, string, string> BatchItemRules() => new()
    {
        // rule,                          bad item, field,                                  reason,             code
        { "both-kinds", 1, "/items/1", "batch.item_kind", "client.validation_failed" },
        { "neither-kind", 1, "/items/1", "batch.item_kind", "client.validation_failed" },
        { "invalid-dossier-among-valid", 2, "/items/2/dossier/owner/kind", "party_kind.range", "client.validation_failed" },
        { "invalid-step-among-valid", 1, "/items/1/progress/steps/0/actor", "text.too_long", "client.validation_failed" },
        // A lone code error keeps the code's own catalogue entry.
        { "invalid-progress-code", 1, "/items/1/progress/dossierCode", "dossier_code.empty", "client.invalid_dossier_code" },
    };

    [Theory]
    [MemberData(nameof(BatchItemRules))]
    public async Task PostBatch_OneBrokenItem_GetsItsOwnProblemAndTheOthersAreWritten(string rule, int bad, string field, string reason, string code)
    {
        // Issue #13 item 3 (was: the whole batch refused, nothing written). Each item answers for itself.
        var hub = await HubAsync();
        var a = NewCode();
        var b = NewCode();
        var brokenOwner = Accepted(NewCode());
        brokenOwner["owner"]!["kind"] = 0;
        var brokenStep = Step(1, 2);
        brokenStep["actor"] = new string('a', 256); // changed on purpose: a missing actor is accepted now (issue #13 item 4)
        var body = rule switch
        {
            "both-kinds" => Batch(DossierItem(Accepted(a)), new JsonObject { ["dossier"] = Accepted(b), ["progress"] = ProgressItem(a, Step(1, 2))["progress"]!.DeepClone() }),
            "neither-kind" => Batch(DossierItem(Accepted(a)), new JsonObject()),
            "invalid-dossier-among-valid" => Batch(DossierItem(Accepted(a)), ProgressItem(a, Step(1, 2)), DossierItem(brokenOwner)),
            "invalid-step-among-valid" => Batch(DossierItem(Accepted(a)), ProgressItem(a, brokenStep)),
            _ => Batch(DossierItem(Accepted(a)), ProgressItem("", Step(1, 2))),
        };

        using var response = await hub.PostBatchAsync(body, "key-batch-" + rule);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray().ToList();
        var problem = items[bad].GetProperty("problem");
        Assert.Equal((400, code), (items[bad].GetProperty("status").GetInt32(), problem.GetProperty("code").GetString()));
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains((field, reason), problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("field").GetString(), e.GetProperty("reason").GetString())));
        Assert.All(items.Where((_, i) => i != bad), i => Assert.Equal(201, i.GetProperty("status").GetInt32()));
        var view = await hub.GetJsonAsync($"/api/v1/dossiers/{a}");
        Assert.Equal(1, view.GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("schlüssel")]
    public async Task Post_MalformedIdempotencyKey_IsRefusedAndWritesNothing(string key)
    {
        var hub = await HubAsync();
        var before = await hub.CountAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/dossiers", UriKind.Relative)) { Content = Json(Accepted(NewCode())) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        using var response = await hub.Client.SendAsync(request);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "client.validation_failed");
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e =>
            e.GetProperty("field").GetString() == "header:Idempotency-Key" && e.GetProperty("reason").GetString() == "idempotency_key.format");
        Assert.Equal(before, await hub.CountAsync());
    }

    internal static async Task<JsonElement> AssertRefusedAsync(StatusSyncHub hub, Func<Task<HttpResponseMessage>> send, HttpStatusCode status, string code, string field, string reason)
    {
        var before = await hub.CountAsync();

        using var response = await send();

        var problem = await ProblemAsync(response, status, code);
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("field").GetString(), e.GetProperty("reason").GetString())).ToList();
        Assert.Contains((field, reason), errors);
        Assert.All(problem.GetProperty("errors").EnumerateArray(), e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("messageVi").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("messageEn").GetString()));
        });
        Assert.Equal(before, await hub.CountAsync());
        return problem;
    }

    internal static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal("client", problem.GetProperty("faultOrigin").GetString());
        return problem;
    }

    /// <summary>The request succeeded; for a batch, every item did (a batch answers 200 even when items fail).</summary>
    internal static async Task PostOkAsync(Task<HttpResponseMessage> send)
    {
        using var response = await send;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        if (JsonDocument.Parse(text).RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("items", out var items))
        {
            Assert.All(items.EnumerateArray(), item => Assert.True(item.GetProperty("status").GetInt32() < 300, $"batch item failed: {item}"));
        }
    }

    private static JsonObject Renumber(JsonObject step, int seq)
    {
        step["seq"] = seq;
        return step;
    }

    internal static JsonObject Break(JsonObject d, string rule)
    {
        var owner = (JsonObject)d["owner"]!;
        var identifier = (JsonObject)owner["identifiers"]![0]!;
        var component = (JsonObject)d["components"]![0]!;
        var fee = (JsonObject)d["fees"]![0]!;
        var supplement = (JsonObject)d["supplements"]![0]!;
        var result = (JsonObject)d["results"]![0]!;
        switch (rule)
        {
            case "code-missing": d.Remove("code"); break;
            case "code-segments": d["code"] = "H56.14-2508120035"; break;
            case "code-agency": d["code"] = "X56.14-250812-0035"; break;
            case "code-date": d["code"] = "H56.14-250231-0035"; break;
            case "alias-same": d["codeAlias"] = d["code"]!.GetValue<string>(); break;
            case "alias-malformed": d["codeAlias"] = "H56.14-250812-12"; break;
            case "procedure-missing": d.Remove("procedure"); break;
            case "procedure-local": d["procedure"]!["nationalCode"] = "1.001193.H56"; break;
            case "procedure-format": d["procedure"]!["nationalCode"] = "1001193"; break;
            case "procedure-local-mismatch": d["procedure"]!["localCode"] = "1.000001.H56"; break;
            case "agency-malformed": d["receivingAgencyCode"] = "000.00.14.00.H56"; break;
            case "agency-missing": d.Remove("receivingAgencyCode"); break;
            case "channel-missing": d.Remove("channel"); break;
            case "channel-range": d["channel"] = 4; break;
            case "owner-missing": d.Remove("owner"); break;
            case "owner-kind": owner["kind"] = 9; break;
            case "owner-name": owner["name"] = "  "; break;
            case "owner-name-long": owner["name"] = new string('N', 256); break;
            case "owner-personal-id": identifier["value"] = "07920300123"; break;
            case "owner-personal-id-province": identifier["value"] = "999203001234"; break;
            case "owner-enterprise-check-digit": identifier["type"] = "enterpriseCode"; identifier["value"] = "0306182044"; break;
            case "owner-bhxh": identifier["type"] = "socialInsuranceCode"; identifier["value"] = "79373680"; break;
            case "owner-passport": identifier["type"] = "passport"; identifier["value"] = "B-12"; break;
            case "owner-identifier-type": identifier["type"] = "cmt"; break;
            case "owner-email": owner["email"] = "an.example.vn"; break;
            case "submitter-name": d["submitter"] = new JsonObject { ["kind"] = 1 }; break;
            // Issue #13 item 4, changed on purpose: a missing summary is accepted (DVCQG gets "Dinhkem"), and only the
            // hub's own cap refuses (DVCQG's 1000 is cut towards DVCQG).
            case "summary-long": d["summary"] = new string('x', 10_001); break;
            case "note-blank": d["note"] = ""; break;
            case "status-missing": d.Remove("status"); break;
            case "status-zero": d["status"] = 0; break;
            case "status-range": d["status"] = 11; break;
            case "status-string": d["status"] = "2"; break;
            case "received-missing": d.Remove("receivedAt"); break;
            case "received-no-offset": d["receivedAt"] = "2025-08-12T08:00:00"; break;
            case "received-unexpected": d["status"] = 1; d.Remove("supplements"); d["supplements"] = new JsonArray(); break;
            case "due-before-received": d["dueAt"] = "2025-08-12T07:59:59+07:00"; break;
            case "submitted-after-received": d["submittedAt"] = "2025-08-12T08:00:01+07:00"; break;
            case "ended-unexpected": d["processingEndedAt"] = "2025-08-14T10:00:00+07:00"; break;
            case "returned-unexpected": d["resultReturnedAt"] = "2025-08-14T10:00:00+07:00"; break;
            case "rejected-unexpected": d["rejectedAt"] = "2025-08-12T08:00:00+07:00"; break;
            case "return-method": d["returnMethod"] = 2; break;
            case "paid-online": d["paidOnline"] = 2; break;
            case "connected-db-blank": d["connectedDatabases"] = new JsonArray(" "); break;
            case "component-name": component.Remove("name"); break;
            case "component-url": component["fileUrl"] = "files/f-1.pdf"; break;
            case "component-copy-type": component["copyType"] = 3; break;
            case "component-reuse": component["reuse"] = 3; break;
            case "component-replaced-missing": component.Remove("replacedByResultCode"); break;
            case "component-replaced-malformed": component["replacedByResultCode"] = "G15.000031"; break;
            case "fee-amount-missing": fee.Remove("amount"); break;
            case "fee-amount-negative": fee["amount"] = -1; break;
            case "fee-kind": fee["kind"] = 5; break;
            case "fee-collect-at": fee["collectAt"] = 3; break;
            case "supplement-requested-missing": supplement.Remove("requestedAt"); break;
            case "supplement-received-before": supplement["receivedAt"] = "2025-08-12T09:41:06+07:00"; break;
            case "supplement-new-due": supplement["newDueAt"] = "2025-08-13T17:00:00+07:00"; break;
            case "supplement-duplicate-id": d["supplements"] = new JsonArray(supplement.DeepClone(), supplement.DeepClone()); break;
            case "result-code": result["resultCode"] = "KQ.G15.31"; break;
            case "result-url": result["fileUrl"] = "javascript:alert(1)"; break;
            case "unknown-member": d["trangThai"] = 2; break;
            case "list-item-null": d["components"] = new JsonArray((JsonNode?)null); break;
            default: throw new ArgumentOutOfRangeException(nameof(rule), rule, null);
        }

        return d;
    }
}

public sealed class DossierValidationOnSqliteTests(SharedHub shared) : DossierValidationTests, IClassFixture<SharedHub>
{
    private protected override Task<StatusSyncHub> HubAsync() =>
        shared.GetAsync(() => StatusSyncHub.OnSqliteAsync(relay: false, extra: new Dictionary<string, string?> { ["StatusSync:MaxBatchItems"] = "5" }));
}

[Collection(PostgresCollection.Name)]
public sealed class DossierValidationOnPostgresTests(PostgresFixture postgres, SharedHub shared) : DossierValidationTests, IClassFixture<SharedHub>
{
    private protected override Task<StatusSyncHub> HubAsync() =>
        shared.GetAsync(() => StatusSyncHub.OnPostgresAsync(postgres.Server, relay: false, extra: new Dictionary<string, string?> { ["StatusSync:MaxBatchItems"] = "5" }));
}

/// <summary>The validation suite's rule breakers, for the schema tests (the suite class itself is abstract).</summary>
internal static class DossierValidationTestsAccess
{
    public static JsonObject Break(JsonObject dossier, string rule) => DossierValidationTests.Break(dossier, rule);
}
