using System.Globalization;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Packets;

namespace Lgsp.Core.Dossiers;

/// <summary>
/// Every rule a canonical <see cref="Dossier"/> and <see cref="ProcessingStep"/> must satisfy on its own and against
/// what came before. Validation collects all errors (never only the first); each names its field as a JSON pointer
/// into the hub's JSON form (<c>/owner/identifiers/0/value</c>) under the caller's <c>prefix</c>
/// (<c>/items/3/dossier</c>). Rules that read several fields (the timeline) are <see cref="DossierTimeline.Validate"/>
/// plus the dates it does not know. Reason codes never change once published; messages never quote values
/// (identifiers are personal data).
/// </summary>
public static partial class DossierRules
{
    /// <summary>TrichYeuHoSo on DVCQG.</summary>
    public const int MaxSummaryLength = 1000;

    /// <summary>NguoiXuLy on DVCQG.</summary>
    public const int MaxActorLength = 50;

    /// <summary>
    /// The hub's own cap on a summary, against abuse. DVCQG's <see cref="MaxSummaryLength"/> is applied towards DVCQG,
    /// as public senders do (<see cref="DvcqgLimits"/>: cut with "...", a warning on the dossier), not at the hub's door.
    /// </summary>
    public const int MaxStoredSummaryLength = 10_000;

    /// <summary>The hub's own cap on a step's actor (DVCQG's <see cref="MaxActorLength"/>: see <see cref="DvcqgLimits"/>).</summary>
    public const int MaxStoredActorLength = 255;

    public const int MaxNameLength = 500;
    public const int MaxTextLength = 2000;
    public const int MaxShortTextLength = 255;
    public const int MaxCodeLength = 100;
    public const int MaxUrlLength = 2000;

    /// <summary>Every inconsistency of a dossier on its own (empty when valid).</summary>
    public static IReadOnlyList<FieldError> Validate(Dossier dossier, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(dossier);
        var errors = new List<FieldError>();
        var p = prefix;

        if (dossier.Code.Value.Length == 0)
        {
            errors.Add(CodeErrors.Dossier.Empty.WithField(p + "/code"));
        }
        else if (dossier.CodeAlias is { } alias && string.Equals(alias.Value, dossier.Code.Value, StringComparison.Ordinal))
        {
            errors.Add(Errors.AliasSame.WithField(p + "/codeAlias"));
        }

        Text(errors, p + "/receiptNo", dossier.ReceiptNo, 50);
        Procedure(errors, p + "/procedure", dossier.Procedure);
        if (dossier.ReceivingAgencyCode.Value.Length == 0)
        {
            errors.Add(CodeErrors.Agency.Empty.WithField(p + "/receivingAgencyCode"));
        }

        Text(errors, p + "/processingAgencyName", dossier.ProcessingAgencyName, MaxNameLength);
        Enum(errors, p + "/channel", dossier.Channel, Errors.ChannelRange);
        Text(errors, p + "/submittedVia", dossier.SubmittedVia, MaxShortTextLength);
        PartyRules(errors, p + "/owner", dossier.Owner);
        if (dossier.Submitter is { } submitter)
        {
            PartyRules(errors, p + "/submitter", submitter);
        }

        // Blank gets DVCQG's placeholder and a warning (DvcqgLimits), as public senders send it.
        Capped(errors, p + "/summary", dossier.Summary, MaxStoredSummaryLength);
        Timeline(errors, p, dossier);
        if (dossier.ReturnMethod is { } method)
        {
            Enum(errors, p + "/returnMethod", method, Errors.ReturnMethodRange);
        }

        Text(errors, p + "/returnInfo", dossier.ReturnInfo, MaxTextLength);
        Text(errors, p + "/note", dossier.Note, MaxTextLength);
        Enum(errors, p + "/paidOnline", dossier.PaidOnline, Errors.PaidOnlineRange);
        for (var i = 0; i < dossier.ConnectedDatabases.Count; i++)
        {
            RequiredText(errors, Item(p + "/connectedDatabases", i), dossier.ConnectedDatabases[i], 20);
        }

        for (var i = 0; i < dossier.Components.Count; i++)
        {
            Component(errors, Item(p + "/components", i), dossier.Components[i]);
        }

        for (var i = 0; i < dossier.Fees.Count; i++)
        {
            Fee(errors, Item(p + "/fees", i), dossier.Fees[i]);
        }

        var supplementIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < dossier.Supplements.Count; i++)
        {
            var supplement = dossier.Supplements[i];
            Supplement(errors, Item(p + "/supplements", i), supplement);
            if (supplement.Id is { Length: > 0 } && !supplementIds.Add(supplement.Id))
            {
                errors.Add(Errors.SupplementIdDuplicate.WithField(Item(p + "/supplements", i) + "/id"));
            }
        }

        for (var i = 0; i < dossier.Results.Count; i++)
        {
            Result(errors, Item(p + "/results", i), dossier.Results[i]);
        }

        return errors;
    }

    /// <summary>Every inconsistency of one processing step on its own (empty when valid).</summary>
    public static IReadOnlyList<FieldError> ValidateStep(ProcessingStep step, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(step);
        var errors = new List<FieldError>();
        if (step.Seq < 1)
        {
            errors.Add(Errors.SeqRange.WithField(prefix + "/seq"));
        }

        if (DossierStatuses.CheckRange((int)step.Status) is { } status)
        {
            errors.Add(status.WithField(prefix + "/status"));
        }

        Capped(errors, prefix + "/actor", step.Actor, MaxStoredActorLength);
        Text(errors, prefix + "/actorTitle", step.ActorTitle, MaxShortTextLength);
        Text(errors, prefix + "/department", step.Department, MaxShortTextLength);
        Text(errors, prefix + "/note", step.Note, MaxTextLength);
        if (step is { StepStartAt: { } start, StepDueAt: { } due } && due < start)
        {
            errors.Add(Errors.StepDueBeforeStart.WithField(prefix + "/stepDueAt"));
        }

        return errors;
    }

    /// <summary>
    /// The status move of a create (<paramref name="stored"/> null) or an update (an unchanged status is no move; a
    /// changed one must be legal). A create may come at any status: the first sync of a dossier is often a backfill of
    /// one already under way or finished (TD-DVC's <c>ThemMoi</c> of every dossier not yet synced, OpenCPS's
    /// <c>isUpdating=False</c>), so where a dossier's life started is not the hub's to check. A reopening (10 → 2,
    /// <see cref="DossierStatusTransitions.IsReopening"/>) needs its reason in <paramref name="reason"/> (the dossier's
    /// <c>note</c>, GhiChu). Null when allowed. A transition error's catalogue entry is
    /// <see cref="ErrorCatalogue.IllegalStatusTransition"/>; a missing reason is <see cref="ErrorCatalogue.ValidationFailed"/>.
    /// </summary>
    public static FieldError? CheckStatusChange(DossierStatus? stored, DossierStatus next, string prefix = "", string? reason = null)
    {
        var field = prefix + "/status";
        if (stored is not { } from)
        {
            return DossierStatuses.CheckRange((int)next)?.WithField(field);
        }

        if (from == next)
        {
            return null;
        }

        if (DossierStatusTransitions.IsReopening(from, next))
        {
            return string.IsNullOrWhiteSpace(reason) ? Errors.ReopenReasonMissing.WithField(prefix + "/note") : null;
        }

        return DossierStatusTransitions.Check(from, next, field);
    }

    /// <summary>
    /// A new step against the one before it: <c>seq</c> strictly increasing, not earlier in time, and a legal status
    /// move (a reopening, 10 → 2, with its reason in the step's <c>note</c>, NoiDungXuLy). The first step of a dossier
    /// (<paramref name="previous"/> null) moves from the status the dossier was created in, or records that status
    /// itself; when the dossier was created past a valid start (a backfill), its first step may be any status: the
    /// steps then replay a history that began before the hub knew the dossier (TD-DVC sends "Tiếp nhận hồ sơ", 2,
    /// first). Status errors belong to <see cref="ErrorCatalogue.IllegalStatusTransition"/>; the others to
    /// <see cref="ErrorCatalogue.ValidationFailed"/>.
    /// </summary>
    public static IReadOnlyList<FieldError> CheckStepOrder(ProcessingStep? previous, DossierStatus initialStatus, ProcessingStep next, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(next);
        var errors = new List<FieldError>();
        if (previous is null)
        {
            if (next.Status != initialStatus && DossierStatusTransitions.IsValidInitial(initialStatus)
                && DossierStatusTransitions.Check(initialStatus, next.Status, prefix + "/status") is { } first)
            {
                errors.Add(first);
            }

            return errors;
        }

        if (next.Seq <= previous.Seq)
        {
            errors.Add(new FieldError(prefix + "/seq", "step.seq_order",
                F($"Số thứ tự bước xử lý phải lớn hơn bước trước đó ({previous.Seq})."),
                F($"The step's seq must be greater than the previous step's ({previous.Seq}).")));
        }

        if (next.OccurredAt < previous.OccurredAt)
        {
            errors.Add(Errors.StepBeforePrevious.WithField(prefix + "/occurredAt"));
        }

        if (DossierStatusTransitions.IsReopening(previous.Status, next.Status))
        {
            if (string.IsNullOrWhiteSpace(next.Note))
            {
                errors.Add(Errors.ReopenReasonMissing.WithField(prefix + "/note"));
            }
        }
        else if (DossierStatusTransitions.Check(previous.Status, next.Status, prefix + "/status") is { } move)
        {
            errors.Add(move);
        }

        return errors;
    }

    /// <summary>True for the reasons <see cref="DossierStatusTransitions"/> reports (catalogue entry: illegal transition).</summary>
    public static bool IsTransitionReason(string reason) => reason is "status.transition" or "status.terminal" or "status.initial";
}
