using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using static Lgsp.Core.Tests.Dossiers.SampleDossiers;

namespace Lgsp.Core.Tests.Dossiers;

public sealed class DossierRulesTests
{
    [Fact]
    public void Validate_SampleDossier_HasNoErrors()
    {
        Assert.Empty(DossierRules.Validate(Processing()));
    }

    public static TheoryData<string, string, string> BrokenDossiers() => new()
    {
        { "summary-long", "/summary", "text.too_long" },
        { "note-blank", "/note", "text.blank" },
        { "alias-same", "/codeAlias", "dossier_code.alias_same" },
        { "procedure-local", "/procedure/nationalCode", "procedure_code.not_national" },
        { "procedure-mismatch", "/procedure/localCode", "procedure_code.local_mismatch" },
        { "channel", "/channel", "channel.range" },
        { "owner-kind", "/owner/kind", "party_kind.range" },
        { "owner-name", "/owner/name", "text.missing" },
        { "owner-personal-id", "/owner/identifiers/0/value", "personal_id.length" },
        { "owner-passport", "/owner/identifiers/0/value", "passport.format" },
        { "owner-email", "/owner/email", "email.format" },
        { "received-missing", "/receivedAt", "received_at.missing" },
        { "due-before-received", "/dueAt", "due_at.before_received" },
        { "submitted-after-received", "/submittedAt", "submitted_at.after_received" },
        { "ended-missing", "/processingEndedAt", "processing_ended_at.missing" },
        { "returned-missing", "/resultReturnedAt", "result_returned_at.missing" },
        { "returned-unexpected", "/resultReturnedAt", "result_returned_at.unexpected" },
        { "rejected-unexpected", "/rejectedAt", "rejected_at.unexpected" },
        { "component-url", "/components/0/fileUrl", "url.format" },
        { "component-replaced-missing", "/components/0/replacedByResultCode", "component.replaced_by_missing" },
        { "fee-negative", "/fees/0/amount", "fee.amount_negative" },
        { "supplement-received", "/supplements/0/receivedAt", "supplement.received_before_requested" },
        { "supplement-duplicate", "/supplements/1/id", "supplement.id_duplicate" },
        { "connected-db-blank", "/connectedDatabases/0", "text.missing" },
    };

    [Theory]
    [MemberData(nameof(BrokenDossiers))]
    public void Validate_OneBrokenRule_ReportsExactlyThatField(string broken, string field, string reason)
    {
        var errors = DossierRules.Validate(Break(Processing(), broken), "");

        var error = Assert.Single(errors);
        Assert.Equal((field, reason), (error.Field, error.Reason));
        Assert.False(string.IsNullOrWhiteSpace(error.MessageVi));
        Assert.False(string.IsNullOrWhiteSpace(error.MessageEn));
    }

    [Fact]
    public void Validate_SeveralBrokenRules_ReportsEveryOneUnderThePrefix()
    {
        var dossier = Processing() with { Summary = new string('x', DossierRules.MaxStoredSummaryLength + 1), Channel = (DossierChannel)9, DueAt = At("20250801000000") };

        var errors = DossierRules.Validate(dossier, "/items/2/dossier");

        Assert.Equal(
            ["/items/2/dossier/channel", "/items/2/dossier/dueAt", "/items/2/dossier/summary"],
            errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(0, "step.seq_range", "/seq")]
    [InlineData(1, "text.too_long", "/actor")]
    [InlineData(2, "step.due_before_start", "/stepDueAt")]
    [InlineData(3, "status.unknown", "/status")]
    public void ValidateStep_BrokenStep_ReportsTheField(int which, string reason, string field)
    {
        var step = Step(1, DossierStatus.Processing);
        step = which switch
        {
            0 => step with { Seq = 0 },
            1 => step with { Actor = new string('a', DossierRules.MaxStoredActorLength + 1) },
            2 => step with { StepDueAt = step.StepStartAt!.Value.AddSeconds(-1) },
            _ => step with { Status = 0 },
        };

        var error = Assert.Single(DossierRules.ValidateStep(step));
        Assert.Equal((field, reason), (error.Field, error.Reason));
    }

    [Theory]
    [InlineData(DossierStatus.Processing)]
    [InlineData(DossierStatus.ResultReturned)]
    public void CheckStatusChange_NewDossierPastItsStart_IsABackfill(DossierStatus status)
    {
        // Issue #13 item 2 (was: status.initial for a new dossier in 4).
        Assert.Null(DossierRules.CheckStatusChange(null, status));
    }

    [Fact]
    public void CheckStatusChange_ReopeningWithAndWithoutReason()
    {
        Assert.Null(DossierRules.CheckStatusChange(DossierStatus.ResultReturned, DossierStatus.Accepted, "", "Sai ngày sinh"));
        var error = DossierRules.CheckStatusChange(DossierStatus.ResultReturned, DossierStatus.Accepted, "", " ");
        Assert.Equal(("/note", "status.reopen_reason_missing"), (error?.Field, error?.Reason));
        Assert.Equal("status.terminal", DossierRules.CheckStatusChange(DossierStatus.ResultReturned, DossierStatus.Processing, "", "Sai ngày sinh")?.Reason);
    }

    [Fact]
    public void CheckStatusChange_UnchangedPausedStatus_IsNoMove()
    {
        // 5 → 5 is not a legal step, but an update that keeps the status is not a move at all.
        Assert.Null(DossierRules.CheckStatusChange(DossierStatus.SupplementRequested, DossierStatus.SupplementRequested));
    }

    [Fact]
    public void CheckStatusChange_PausedReportedAsResolved_IsRefusedNotRewritten()
    {
        var error = DossierRules.CheckStatusChange(DossierStatus.SupplementRequested, DossierStatus.Resolved, "/items/0/dossier");

        Assert.Equal(("/items/0/dossier/status", "status.transition"), (error?.Field, error?.Reason));
    }

    [Fact]
    public void CheckStepOrder_FirstStepRecordingTheInitialStatus_IsAllowed()
    {
        Assert.Empty(DossierRules.CheckStepOrder(null, DossierStatus.Accepted, Step(1, DossierStatus.Accepted)));
    }

    [Fact]
    public void CheckStepOrder_SeqNotIncreasingEarlierAndIllegal_ReportsAllThree()
    {
        var previous = Step(7, DossierStatus.SupplementRequested, "20250812100000");
        var next = Step(7, DossierStatus.Resolved, "20250812090000");

        var errors = DossierRules.CheckStepOrder(previous, DossierStatus.Accepted, next, "/steps/0");

        Assert.Equal(
            [("/steps/0/occurredAt", "step.occurred_before_previous"), ("/steps/0/seq", "step.seq_order"), ("/steps/0/status", "status.transition")],
            errors.Select(e => (e.Field, e.Reason)).Order());
    }

    // Item 4 of issue #13: DVCQG's limits are applied towards DVCQG (cut, placeholder, warning), not at the hub's door.
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("x")]
    public void Validate_SummaryBlankOrOverDvcqgsLimit_IsAccepted(string kind)
    {
        var summary = kind == "x" ? new string('x', DvcqgLimits.SummaryLength + 1) : kind;

        Assert.Empty(DossierRules.Validate(Processing() with { Summary = summary }));
    }

    [Fact]
    public void ValidateStep_ActorBlankOrOverDvcqgsLimit_IsAccepted()
    {
        Assert.Empty(DossierRules.ValidateStep(Step(1, DossierStatus.Processing) with { Actor = "" }));
        Assert.Empty(DossierRules.ValidateStep(Step(1, DossierStatus.Processing) with { Actor = new string('a', DvcqgLimits.ActorLength + 1) }));
    }

    // Item 7: from 1 July 2025 the personal id is the tax code of individuals and household businesses
    // (Luật Quản lý thuế 38/2019 Điều 30 as applied by Thông tư 86/2024/TT-BTC Điều 5).
    [Theory]
    [InlineData(PartyKind.Citizen, "079203001234")]
    [InlineData(PartyKind.HouseholdBusiness, "079203001234")]
    [InlineData(PartyKind.Citizen, "250185000001")]
    [InlineData(PartyKind.Business, "0306182043")]
    [InlineData(PartyKind.HouseholdBusiness, "0306182043")]
    public void Validate_TaxCodeOfAnIndividualOrHousehold_AcceptsTheTwelveDigitPersonalId(PartyKind kind, string taxCode)
    {
        var dossier = Processing() with { Owner = Processing().Owner with { Kind = kind, Identifiers = [new PartyIdentifier { Type = PartyIdentifierType.TaxCode, Value = taxCode }] } };

        Assert.Empty(DossierRules.Validate(dossier));
    }

    [Theory]
    [InlineData(PartyKind.Business, "079203001234", "enterprise_code.length")]
    [InlineData(PartyKind.Organization, "079203001234", "enterprise_code.length")]
    [InlineData(PartyKind.Citizen, "003203001234", "personal_id.province")]
    public void Validate_TaxCodeOfAnotherKindOrAMalformedPersonalId_IsRefused(PartyKind kind, string taxCode, string reason)
    {
        var dossier = Processing() with { Owner = Processing().Owner with { Kind = kind, Identifiers = [new PartyIdentifier { Type = PartyIdentifierType.TaxCode, Value = taxCode }] } };

        var error = Assert.Single(DossierRules.Validate(dossier));
        Assert.Equal(("/owner/identifiers/0/value", reason), (error.Field, error.Reason));
    }

    [Fact]
    public void Validate_PersonalIdOfACitizenRegisteredAbroad_IsValid()
    {
        var dossier = Processing() with { Owner = Processing().Owner with { Identifiers = [new PartyIdentifier { Type = PartyIdentifierType.PersonalId, Value = "392203001234" }] } };

        Assert.Empty(DossierRules.Validate(dossier));
    }

    private static Dossier Break(Dossier d, string broken) => broken switch
    {
        "summary-long" => d with { Summary = new string('x', DossierRules.MaxStoredSummaryLength + 1) },
        "note-blank" => d with { Note = "" },
        "alias-same" => d with { CodeAlias = d.Code },
        "procedure-local" => d with { Procedure = d.Procedure with { NationalCode = ProcedureCode.Parse("1.001193.H56") } },
        "procedure-mismatch" => d with { Procedure = d.Procedure with { LocalCode = ProcedureCode.Parse("1.000001.H56") } },
        "channel" => d with { Channel = (DossierChannel)4 },
        "owner-kind" => d with { Owner = d.Owner with { Kind = 0 } },
        "owner-name" => d with { Owner = d.Owner with { Name = "" } },
        "owner-personal-id" => d with { Owner = d.Owner with { Identifiers = [new PartyIdentifier { Type = PartyIdentifierType.PersonalId, Value = "0792030012" }] } },
        "owner-passport" => d with { Owner = d.Owner with { Identifiers = [new PartyIdentifier { Type = PartyIdentifierType.Passport, Value = "B-12" }] } },
        "owner-email" => d with { Owner = d.Owner with { Email = "an.example.vn" } },
        "received-missing" => d with { ReceivedAt = null, SubmittedAt = null, DueAt = null },
        "due-before-received" => d with { DueAt = d.ReceivedAt!.Value.AddMinutes(-1) },
        "submitted-after-received" => d with { SubmittedAt = d.ReceivedAt!.Value.AddMinutes(1) },
        "ended-missing" => d with { Status = DossierStatus.Resolved },
        "returned-missing" => d with { Status = DossierStatus.ResultReturned, ProcessingEndedAt = At("20250815100000") },
        "returned-unexpected" => d with { ResultReturnedAt = At("20250815100000") },
        "rejected-unexpected" => d with { RejectedAt = At("20250812080000") },
        "component-url" => d with { Components = [d.Components[0] with { FileUrl = new Uri("ftp://files.example.vn/f") }] },
        "component-replaced-missing" => d with { Components = [d.Components[0] with { ReplacedByResultCode = null }] },
        "fee-negative" => d with { Fees = [d.Fees[0] with { Amount = -1 }] },
        "supplement-received" => d with { Supplements = [d.Supplements[0] with { ReceivedAt = d.Supplements[0].RequestedAt.AddSeconds(-1) }] },
        "supplement-duplicate" => d with { Supplements = [d.Supplements[0], d.Supplements[0]] },
        "connected-db-blank" => d with { ConnectedDatabases = [" "] },
        _ => throw new ArgumentOutOfRangeException(nameof(broken), broken, null),
    };
}
