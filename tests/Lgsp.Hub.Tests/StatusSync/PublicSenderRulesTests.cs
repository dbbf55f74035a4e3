using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lgsp.Adapters.Contract;
using Lgsp.Core.Codes;
using static Lgsp.Hub.Tests.StatusSync.DossierValidationTests;
using static Lgsp.Hub.Tests.StatusSync.PortalDeliveryTests;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.StatusSync;

/// <summary>
/// Issue #13 items 4–7, end to end: the hub with its own DVCQG adapter, the relay, and the sandbox's DVCQG stand-in
/// over real HTTP. Rules as public senders apply them (TD-DVC's <c>SyncLocalDataToDVCQGService</c>, its 766 statistics).
/// </summary>
public sealed class PublicSenderRulesTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    // ---- item 4: DVCQG's limits applied towards DVCQG, with a warning on the dossier ----

    [Fact]
    public async Task Relay_SummaryAndActorsOverDvcqgsLimits_ArriveCutOrFilledAndTheDossierCarriesWarnings()
    {
        await using var hub = StatusSyncHub.WithPortalAdapters(AdapterSettings(sandbox));
        var code = NewCode();
        var summary = "Đăng ký khai sinh " + new string('x', 1482);
        var dossier = Accepted(code);
        dossier["summary"] = summary;
        var blankActor = Step(1, 4);
        blankActor["actor"] = "";
        var longActor = Step(2, 5, 10);
        longActor["actor"] = "Nguyễn Văn Bình, Phó Trưởng phòng Tư pháp huyện Tân Phú";

        await PostOkAsync(hub.PostBatchAsync(Batch(DossierItem(dossier), ProgressItem(code, blankActor, longActor))));
        await WaitSyncedAsync(hub, code, "dvcqg");

        var received = await sandbox.Control.GetFromJsonAsync<JsonElement>($"/_sandbox/dvcqg/received?dossier={Uri.EscapeDataString(code)}");
        var sent = received.GetProperty("hoSo").GetProperty("TrichYeuHoSo").GetString()!;
        Assert.Equal(1000, sent.Length);
        Assert.Equal(summary[..997] + "...", sent);
        var actors = received.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("row").GetProperty("NguoiXuLy").GetString()).ToList();
        Assert.Equal(["Chuyên viên", "Nguyễn Văn Bình, Phó Trưởng phòng Tư pháp huyện..."], actors);
        Assert.Equal(50, actors[1]!.Length);

        // The hub keeps what it was sent, and says what DVCQG got altered.
        var view = await hub.GetJsonAsync($"/api/v1/dossiers/{code}");
        Assert.Equal(summary, view.GetProperty("dossier").GetProperty("summary").GetString());
        var warnings = view.GetProperty("warnings").EnumerateArray().ToList();
        Assert.Equal(
            [("/dossier/summary", "dvcqg.truncated"), ("/steps/0/actor", "dvcqg.placeholder"), ("/steps/1/actor", "dvcqg.truncated")],
            warnings.Select(w => (w.GetProperty("field").GetString(), w.GetProperty("code").GetString())));
        Assert.All(warnings, w => Assert.False(string.IsNullOrEmpty(w.GetProperty("messageVi").GetString()) || string.IsNullOrEmpty(w.GetProperty("messageEn").GetString())));
    }

    [Fact]
    public async Task Post_SummaryOverTheHubsOwnCap_IsRefusedAndNothingIsStored()
    {
        await using var hub = StatusSyncHub.WithPortalAdapters(AdapterSettings(sandbox));
        var code = NewCode();
        var dossier = Accepted(code);
        dossier["summary"] = new string('x', 10_001);

        using var response = await hub.PostDossierAsync(dossier);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "client.validation_failed");
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(("/summary", "text.too_long"), (error.GetProperty("field").GetString(), error.GetProperty("reason").GetString()));
        using var absent = await hub.Client.GetAsync(new Uri($"/api/v1/dossiers/{code}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
    }

    // ---- item 5: MaHoSoKhac stored and unique per agency ----

    /// <summary>
    /// Two codes without the province prefix whose 5-digit hashes are equal (SHA-256, first four bytes mod 100000 =
    /// 04895): with the hashed alias both named the same DVCQG dossier and the second overwrote the first.
    /// </summary>
    [Fact]
    public async Task Relay_TwoCodesWhoseHashedAliasesCollided_ArriveAsTwoDossiers()
    {
        await using var hub = StatusSyncHub.WithPortalAdapters(AdapterSettings(sandbox));
        string[] codes = ["G09.20-20250812-0000128", "G09.20-20250812-0000624"];
        var aliases = new List<string>();
        foreach (var code in codes)
        {
            var dossier = Accepted(code);
            dossier["summary"] = "Hồ sơ " + code;
            await PostOkAsync(hub.PostDossierAsync(dossier));
        }

        foreach (var code in codes)
        {
            await WaitSyncedAsync(hub, code, "dvcqg");
            var stored = (await hub.GetJsonAsync($"/api/v1/dossiers/{code}")).GetProperty("dossier");
            var alias = stored.GetProperty("codeAlias").GetString()!;
            Assert.Equal(DossierCodeKind.Alias, DossierCode.Parse(alias).Kind);
            Assert.StartsWith("H56.14-250812-", alias, StringComparison.Ordinal);
            aliases.Add(alias);

            var received = await sandbox.Control.GetFromJsonAsync<JsonElement>($"/_sandbox/dvcqg/received?dossier={Uri.EscapeDataString(alias)}");
            Assert.Equal("Hồ sơ " + code, received.GetProperty("hoSo").GetProperty("TrichYeuHoSo").GetString());
            Assert.Equal(["ThemMoi"], received.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("op").GetString()));
            Assert.Equal(code, (await hub.GetJsonAsync($"/api/v1/dossiers/{alias}")).GetProperty("dossier").GetProperty("code").GetString());
        }

        Assert.NotEqual(aliases[0], aliases[1]);

        // Assigned once: a repeat of the same content is the same version, under the same alias.
        var again = Accepted(codes[0]);
        again["summary"] = "Hồ sơ " + codes[0];
        using var repeat = await hub.PostDossierAsync(again);
        var answer = await repeat.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((HttpStatusCode.Created, 1), (repeat.StatusCode, answer.GetProperty("version").GetInt32())); // the answer of version 1
        Assert.Equal(aliases[0], (await hub.GetJsonAsync($"/api/v1/dossiers/{codes[0]}")).GetProperty("dossier").GetProperty("codeAlias").GetString());
    }

    [Fact]
    public async Task Post_AliasAlreadyNamingAnotherDossier_IsRefusedAndNothingIsWritten()
    {
        await using var hub = StatusSyncHub.WithPortalAdapters(AdapterSettings(sandbox));
        var first = Accepted(NewCode());
        first["codeAlias"] = "H56.14-250812-77001";
        await PostOkAsync(hub.PostDossierAsync(first));
        var second = Accepted(NewCode());
        second["codeAlias"] = "H56.14-250812-77001";
        var before = await hub.CountAsync();

        using var response = await hub.PostDossierAsync(second);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "client.validation_failed");
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(("/codeAlias", "dossier_code.alias_taken"), (error.GetProperty("field").GetString(), error.GetProperty("reason").GetString()));
        Assert.Equal(before, await hub.CountAsync());
    }

    // ---- item 6: on time by calendar day in Vietnam, paused by the request date ----

    [Fact]
    public async Task Get_DossierFinishedAfterHoursOnItsDueDay_IsOnTime()
    {
        await using var hub = StatusSyncHub.WithPortalAdapters(AdapterSettings(sandbox));
        var code = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Accepted(code)));
        await PostOkAsync(hub.PostDossierAsync(Dossier(code, 4)));
        var resolved = Dossier(code, 9);
        resolved["processingEndedAt"] = "2025-08-15T17:30:00+07:00"; // due 17:00 the same day

        await PostOkAsync(hub.PostDossierAsync(resolved));

        Assert.Equal("onTime", (await hub.GetJsonAsync($"/api/v1/dossiers/{code}")).GetProperty("timeliness").GetString());
    }

    [Fact]
    public async Task Get_PausedDossierWhoseRequestCameBeforeTheDueDay_IsPausedOnTime()
    {
        await using var hub = StatusSyncHub.WithPortalAdapters(AdapterSettings(sandbox));
        var code = NewCode();
        await PostOkAsync(hub.PostDossierAsync(Accepted(code)));

        // The sample's supplement was requested on 12 August, the due day is the 15th.
        await PostOkAsync(hub.PostDossierAsync(Dossier(code, 5)));

        Assert.Equal("pausedOnTime", (await hub.GetJsonAsync($"/api/v1/dossiers/{code}")).GetProperty("timeliness").GetString());
    }

    // ---- item 7: identifiers ----

    [Fact]
    public async Task Post_CitizenRegisteredAbroadWithPersonalIdAsTaxCode_IsAcceptedAndDelivered()
    {
        await using var hub = StatusSyncHub.WithPortalAdapters(AdapterSettings(sandbox));
        var code = NewCode();
        var dossier = Accepted(code);
        var owner = dossier["owner"]!.AsObject();
        owner["identifiers"] = new JsonArray(
            new JsonObject { ["type"] = "personalId", ["value"] = "392203001234" },
            new JsonObject { ["type"] = "taxCode", ["value"] = "392203001234" });

        using var response = await hub.PostDossierAsync(dossier);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        await WaitSyncedAsync(hub, code, "dvcqg");
        var received = await sandbox.Control.GetFromJsonAsync<JsonElement>($"/_sandbox/dvcqg/received?dossier={Uri.EscapeDataString(code)}");
        Assert.Equal("392203001234", received.GetProperty("hoSo").GetProperty("DinhDanhCHS")[0].GetProperty("SoDinhDanh").GetString());
    }
}
