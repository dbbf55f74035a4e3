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
public static class DossierRules
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

    private static void Procedure(List<FieldError> errors, string p, DossierProcedure procedure)
    {
        if (procedure.NationalCode.Value.Length == 0)
        {
            errors.Add(CodeErrors.Procedure.Empty.WithField(p + "/nationalCode"));
        }
        else if (procedure.NationalCode.IsLocal)
        {
            errors.Add(Errors.ProcedureNotNational.WithField(p + "/nationalCode"));
        }
        else if (procedure.LocalCode is { } local && local.NationalCode != procedure.NationalCode.NationalCode)
        {
            errors.Add(Errors.ProcedureLocalMismatch.WithField(p + "/localCode"));
        }

        Text(errors, p + "/name", procedure.Name, MaxSummaryLength);
        Text(errors, p + "/fieldCode", procedure.FieldCode, 50);
        Text(errors, p + "/fieldName", procedure.FieldName, MaxNameLength);
    }

    private static void PartyRules(List<FieldError> errors, string p, Party party)
    {
        Enum(errors, p + "/kind", party.Kind, Errors.PartyKindRange);
        RequiredText(errors, p + "/name", party.Name, MaxShortTextLength);
        for (var i = 0; i < party.Identifiers.Count; i++)
        {
            Identifier(errors, Item(p + "/identifiers", i), party.Identifiers[i], party.Kind);
        }

        Text(errors, p + "/phone", party.Phone, 20);
        Text(errors, p + "/email", party.Email, 254);
        if (party.Email is { Length: > 0 } email && (email.IndexOf('@', StringComparison.Ordinal) is var at && (at <= 0 || at == email.Length - 1)))
        {
            errors.Add(Errors.EmailFormat.WithField(p + "/email"));
        }

        Text(errors, p + "/fax", party.Fax, 20);
        Text(errors, p + "/address", party.Address, MaxSummaryLength);
    }

    private static void Identifier(List<FieldError> errors, string p, PartyIdentifier identifier, PartyKind kind)
    {
        var field = p + "/value";
        FieldError? error = null;
        switch (identifier.Type)
        {
            case PartyIdentifierType.PersonalId:
                PersonalId.TryParse(identifier.Value, out _, out error);
                break;
            // Individuals and household businesses use their 12-digit personal id as tax code (Thông tư 86/2024/TT-BTC Điều 5).
            case PartyIdentifierType.TaxCode when kind is PartyKind.Citizen or PartyKind.HouseholdBusiness && IsTwelveDigits(identifier.Value):
                PersonalId.TryParse(identifier.Value, out _, out error);
                break;
            case PartyIdentifierType.TaxCode or PartyIdentifierType.EnterpriseCode:
                EnterpriseCode.TryParse(identifier.Value, out _, out error);
                break;
            case PartyIdentifierType.SocialInsuranceCode:
                SocialInsuranceCode.TryParse(identifier.Value, out _, out error);
                break;
            case PartyIdentifierType.Passport:
                var value = identifier.Value ?? "";
                error = value.Length is >= 6 and <= 20 && !value.AsSpan().ContainsAnyExcept(PassportChars) ? null : Errors.PassportFormat;
                break;
            case PartyIdentifierType.TechId:
                RequiredText(errors, field, identifier.Value, MaxCodeLength);
                break;
            default:
                errors.Add(Errors.IdentifierTypeRange.WithField(p + "/type"));
                break;
        }

        if (error is not null)
        {
            errors.Add(error.WithField(field));
        }
    }

    private static void Timeline(List<FieldError> errors, string p, Dossier d)
    {
        foreach (var error in DossierTimeline.Validate(d.Status, d.ReceivedAt, d.DueAt, d.ProcessingEndedAt))
        {
            errors.Add(error.WithField(p + "/" + error.Field));
        }

        if (!d.Status.IsDefined())
        {
            return;
        }

        if (d is { SubmittedAt: { } submitted, ReceivedAt: { } received } && submitted > received)
        {
            errors.Add(Errors.SubmittedAfterReceived.WithField(p + "/submittedAt"));
        }

        var returned = d.Status == DossierStatus.ResultReturned;
        if (returned && d.ResultReturnedAt is null)
        {
            errors.Add(Errors.ResultReturnedMissing.WithField(p + "/resultReturnedAt"));
        }
        else if (!returned && d.ResultReturnedAt is not null)
        {
            errors.Add(Errors.ResultReturnedUnexpected.WithField(p + "/resultReturnedAt"));
        }
        else if (d is { ResultReturnedAt: { } handedOver, ProcessingEndedAt: { } ended } && handedOver < ended)
        {
            errors.Add(Errors.ResultReturnedBeforeEnded.WithField(p + "/resultReturnedAt"));
        }

        if (d.RejectedAt is { } rejected)
        {
            if (d.Status != DossierStatus.Refused)
            {
                errors.Add(Errors.RejectedUnexpected.WithField(p + "/rejectedAt"));
            }
            else if (d.SubmittedAt is { } submittedAt && rejected < submittedAt)
            {
                errors.Add(Errors.RejectedBeforeSubmitted.WithField(p + "/rejectedAt"));
            }
        }
    }

    private static void Component(List<FieldError> errors, string p, DossierComponent c)
    {
        Text(errors, p + "/fileId", c.FileId, MaxCodeLength);
        Text(errors, p + "/componentCode", c.ComponentCode, MaxCodeLength);
        RequiredText(errors, p + "/name", c.Name, MaxNameLength);
        if (c.CopyType is { } copy)
        {
            Enum(errors, p + "/copyType", copy, Errors.CopyTypeRange);
        }

        Url(errors, p + "/fileUrl", c.FileUrl);
        Enum(errors, p + "/reuse", c.Reuse, Errors.ReuseRange);
        if (c.Reuse == ComponentReuse.ReusedAsResult && c.ReplacedByResultCode is null)
        {
            errors.Add(Errors.ReplacedByMissing.WithField(p + "/replacedByResultCode"));
        }
        else if (c.Reuse != ComponentReuse.ReusedAsResult && c.ReplacedByResultCode is not null)
        {
            errors.Add(Errors.ReplacedByUnexpected.WithField(p + "/replacedByResultCode"));
        }
    }

    private static void Fee(List<FieldError> errors, string p, DossierFee f)
    {
        Text(errors, p + "/code", f.Code, MaxCodeLength);
        RequiredText(errors, p + "/name", f.Name, MaxNameLength);
        if (f.Kind is { } kind)
        {
            Enum(errors, p + "/kind", kind, Errors.FeeKindRange);
        }

        if (f.CollectAt is { } collect)
        {
            Enum(errors, p + "/collectAt", collect, Errors.FeeCollectionRange);
        }

        if (f.Amount < 0)
        {
            errors.Add(Errors.FeeAmountNegative.WithField(p + "/amount"));
        }
    }

    private static void Supplement(List<FieldError> errors, string p, DossierSupplement s)
    {
        RequiredText(errors, p + "/id", s.Id, MaxCodeLength);
        Text(errors, p + "/requestedBy", s.RequestedBy, MaxShortTextLength);
        RequiredText(errors, p + "/content", s.Content, MaxTextLength);
        Text(errors, p + "/receivedBy", s.ReceivedBy, MaxShortTextLength);
        Text(errors, p + "/receiptInfo", s.ReceiptInfo, MaxTextLength);
        if (s.ReceivedAt is { } received && received < s.RequestedAt)
        {
            errors.Add(Errors.SupplementReceivedBeforeRequested.WithField(p + "/receivedAt"));
        }

        if (s is { PreviousDueAt: { } before, NewDueAt: { } after } && after < before)
        {
            errors.Add(Errors.SupplementNewDueBeforePrevious.WithField(p + "/newDueAt"));
        }

        for (var i = 0; i < s.Documents.Count; i++)
        {
            RequiredText(errors, Item(p + "/documents", i), s.Documents[i], MaxNameLength);
        }

        for (var i = 0; i < s.Fees.Count; i++)
        {
            Fee(errors, Item(p + "/fees", i), s.Fees[i]);
        }
    }

    private static void Result(List<FieldError> errors, string p, ResultDocument r)
    {
        Text(errors, p + "/numberNotation", r.NumberNotation, MaxCodeLength);
        RequiredText(errors, p + "/name", r.Name, MaxNameLength);
        Text(errors, p + "/componentCode", r.ComponentCode, MaxCodeLength);
        Text(errors, p + "/documentId", r.DocumentId, MaxCodeLength);
        Url(errors, p + "/fileUrl", r.FileUrl);
        Text(errors, p + "/issuer", r.Issuer, MaxNameLength);
    }

    private static void RequiredText(List<FieldError> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(Errors.TextMissing.WithField(field));
            return;
        }

        Text(errors, field, value, max);
    }

    /// <summary>Text that may be blank (a destination puts its placeholder) but has the hub's cap.</summary>
    private static void Capped(List<FieldError> errors, string field, string? value, int max)
    {
        if (value is { Length: > 0 } && value.Length > max)
        {
            errors.Add(TooLong(field, max));
        }
    }

    private static bool IsTwelveDigits(string? value) =>
        value?.Trim() is { Length: 12 } digits && digits.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>Optional text: absent is fine, blank is not (send null instead), and it has a length limit.</summary>
    private static void Text(List<FieldError> errors, string field, string? value, int max)
    {
        if (value is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(Errors.TextBlank.WithField(field));
        }
        else if (value.Length > max)
        {
            errors.Add(TooLong(field, max));
        }
    }

    private static void Url(List<FieldError> errors, string field, Uri? url)
    {
        if (url is null)
        {
            return;
        }

        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp) || url.OriginalString.Length > MaxUrlLength)
        {
            errors.Add(Errors.UrlFormat.WithField(field));
        }
    }

    private static void Enum<T>(List<FieldError> errors, string field, T value, FieldError error)
        where T : struct, System.Enum
    {
        if (!System.Enum.IsDefined(value))
        {
            errors.Add(error.WithField(field));
        }
    }

    private static FieldError TooLong(string field, int max) => new(field, "text.too_long",
        F($"Nội dung dài quá {max} ký tự."), F($"The text is longer than {max} characters."));

    private static string Item(string list, int index) => list + "/" + index.ToString(CultureInfo.InvariantCulture);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static readonly System.Buffers.SearchValues<char> PassportChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    /// <summary>
    /// The rules' reasons, shared instances with an empty field (name it with <see cref="FieldError.WithField"/>);
    /// public so that readers of other forms (the hub's JSON, an adapter's wire format) report the same reasons.
    /// </summary>
    public static class Errors
    {
        public static readonly FieldError FieldMissing = E("field.missing",
            "Thiếu trường bắt buộc.", "A required field is missing.");

        public static readonly FieldError InstantFormat = E("instant.format",
            "Thời điểm phải theo ISO 8601, có múi giờ (ví dụ 2025-08-12T09:41:07+07:00).",
            "An instant is an ISO 8601 date-time with its offset (e.g. 2025-08-12T09:41:07+07:00).");

        public static readonly FieldError TextMissing = E("text.missing",
            "Trường này là bắt buộc và không được để trống.", "This field is required and must not be blank.");

        public static readonly FieldError TextBlank = E("text.blank",
            "Trường không bắt buộc thì bỏ hẳn (null) thay vì gửi chuỗi rỗng.", "Leave an optional field out (null) rather than sending blank text.");

        public static readonly FieldError AliasSame = E("dossier_code.alias_same",
            "Mã hồ sơ thay thế (MaHoSoKhac) phải khác mã hồ sơ.", "The alias (MaHoSoKhac) must differ from the dossier code.");

        public static readonly FieldError ProcedureNotNational = E("procedure_code.not_national",
            "Mã thủ tục gửi Cổng DVCQG phải là mã quốc gia (ví dụ 1.001193), không kèm mã cơ quan; mã địa phương đặt ở localCode.",
            "The procedure code for DVCQG is the national code (e.g. 1.001193) without an agency suffix; put the local code in localCode.");

        public static readonly FieldError ProcedureLocalMismatch = E("procedure_code.local_mismatch",
            "Mã thủ tục địa phương không tương ứng với mã thủ tục quốc gia.", "The local procedure code does not extend the national procedure code.");

        public static readonly FieldError ChannelRange = E("channel.range",
            "Kênh thực hiện chỉ nhận 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (bưu chính công ích).",
            "The channel is 1 (direct), 2 (online) or 3 (public postal service).");

        public static readonly FieldError ReturnMethodRange = E("return_method.range",
            "Hình thức trả kết quả chỉ nhận 0 (trực tiếp) hoặc 1 (qua bưu chính).", "The return method is 0 (at the desk) or 1 (by post).");

        public static readonly FieldError PaidOnlineRange = E("paid_online.range",
            "Trạng thái thanh toán trực tuyến chỉ nhận 0, 1 (đã thanh toán trực tuyến) hoặc 3 (không thanh toán trực tuyến).",
            "The online payment flag is 0, 1 (paid online) or 3 (not paid online).");

        public static readonly FieldError PartyKindRange = E("party_kind.range",
            "Loại đối tượng chỉ nhận 1 (công dân), 2 (doanh nghiệp), 3 (cơ quan nhà nước), 4 (tổ chức khác) hoặc 5 (hộ kinh doanh).",
            "The party kind is 1 (citizen), 2 (business), 3 (state agency), 4 (other organisation) or 5 (household business).");

        public static readonly FieldError IdentifierTypeRange = E("identifier_type.range",
            "Loại giấy tờ định danh chỉ nhận personalId, passport, taxCode, enterpriseCode, socialInsuranceCode hoặc techId.",
            "The identifier type is personalId, passport, taxCode, enterpriseCode, socialInsuranceCode or techId.");

        public static readonly FieldError PassportFormat = E("passport.format",
            "Số hộ chiếu gồm 6–20 chữ cái Latin hoặc chữ số.", "A passport number is 6 to 20 Latin letters or digits.");

        public static readonly FieldError EmailFormat = E("email.format",
            "Địa chỉ thư điện tử không đúng dạng.", "The e-mail address is malformed.");

        public static readonly FieldError UrlFormat = E("url.format",
            "Đường dẫn tệp phải là địa chỉ tuyệt đối http hoặc https (tối đa 2000 ký tự); tệp được gửi bằng đường dẫn, không gửi kèm nội dung.",
            "A file link is an absolute http or https URL (at most 2000 characters); files travel by link, never inline.");

        public static readonly FieldError CopyTypeRange = E("copy_type.range",
            "Loại bản chỉ nhận 0 (bản chính), 1 (bản sao) hoặc 2 (bản điện tử).", "The copy type is 0 (original), 1 (copy) or 2 (electronic).");

        public static readonly FieldError ReuseRange = E("reuse.range",
            "Tái sử dụng chỉ nhận 0 (không), 1 (tái sử dụng dữ liệu số hóa) hoặc 2 (thay bằng kết quả đã có).",
            "Re-use is 0 (none), 1 (re-used digitised data) or 2 (replaced by an earlier result).");

        public static readonly FieldError ReplacedByMissing = E("component.replaced_by_missing",
            "Thành phần được thay bằng kết quả đã có (tái sử dụng = 2) phải có mã kết quả thay thế.",
            "A component replaced by an earlier result (re-use 2) needs the replacing result code.");

        public static readonly FieldError ReplacedByUnexpected = E("component.replaced_by_unexpected",
            "Chỉ thành phần có tái sử dụng = 2 mới có mã kết quả thay thế.", "Only a component with re-use 2 has a replacing result code.");

        public static readonly FieldError FeeKindRange = E("fee_kind.range",
            "Loại phí, lệ phí chỉ nhận 1 (thông thường), 2 (thẩm định) hoặc 3 (gia hạn).", "The fee kind is 1 (normal), 2 (appraisal) or 3 (extension).");

        public static readonly FieldError FeeCollectionRange = E("fee_collection.range",
            "Hình thức thu chỉ nhận 1 (khi tiếp nhận), 2 (khi bổ sung) hoặc 4 (khi trả kết quả).",
            "The collection point is 1 (at intake), 2 (with a supplement) or 4 (with the result).");

        public static readonly FieldError FeeAmountNegative = E("fee.amount_negative",
            "Số tiền phí, lệ phí không được âm.", "A fee amount cannot be negative.");

        public static readonly FieldError SupplementIdDuplicate = E("supplement.id_duplicate",
            "Mã yêu cầu bổ sung bị trùng trong cùng hồ sơ.", "The supplement id appears twice in the dossier.");

        public static readonly FieldError SupplementReceivedBeforeRequested = E("supplement.received_before_requested",
            "Ngày tiếp nhận bổ sung trước ngày yêu cầu bổ sung.", "The supplement was received before it was requested.");

        public static readonly FieldError SupplementNewDueBeforePrevious = E("supplement.new_due_before_previous",
            "Ngày hẹn trả mới trước ngày hẹn trả cũ.", "The new due date is before the previous one.");

        public static readonly FieldError SubmittedAfterReceived = E("submitted_at.after_received",
            "Ngày nộp hồ sơ sau ngày tiếp nhận.", "The submission date is after the receipt date.");

        public static readonly FieldError ResultReturnedMissing = E("result_returned_at.missing",
            "Hồ sơ ở trạng thái 10 (Đã trả kết quả) phải có ngày trả kết quả.", "A dossier in status 10 (Result returned) must have the hand-over date.");

        public static readonly FieldError ResultReturnedUnexpected = E("result_returned_at.unexpected",
            "Chỉ hồ sơ ở trạng thái 10 (Đã trả kết quả) mới có ngày trả kết quả.", "Only a dossier in status 10 (Result returned) has a hand-over date.");

        public static readonly FieldError ResultReturnedBeforeEnded = E("result_returned_at.before_processing_ended",
            "Ngày trả kết quả trước ngày kết thúc xử lý.", "The hand-over date is before the processing end date.");

        public static readonly FieldError RejectedUnexpected = E("rejected_at.unexpected",
            "Chỉ hồ sơ ở trạng thái 3 (Không được tiếp nhận) mới có ngày từ chối.", "Only a dossier in status 3 (Refused at intake) has a refusal date.");

        public static readonly FieldError RejectedBeforeSubmitted = E("rejected_at.before_submitted",
            "Ngày từ chối tiếp nhận trước ngày nộp hồ sơ.", "The refusal date is before the submission date.");

        public static readonly FieldError SeqRange = E("step.seq_range",
            "Số thứ tự bước xử lý là số nguyên từ 1 trở lên.", "A step's seq is an integer from 1 up.");

        public static readonly FieldError StepDueBeforeStart = E("step.due_before_start",
            "Hạn xử lý của bước trước ngày bắt đầu bước.", "The step's due date is before its start.");

        public static readonly FieldError StepBeforePrevious = E("step.occurred_before_previous",
            "Thời điểm xử lý sớm hơn bước xử lý trước đó.", "The step happened before the previous step.");

        public static readonly FieldError ReopenReasonMissing = E("status.reopen_reason_missing",
            "Mở lại hồ sơ đã trả kết quả (10 → 2) phải ghi lý do (ghi chú của hồ sơ, nội dung xử lý của bước).",
            "Reopening a dossier whose result was returned (10 → 2) needs a reason (the dossier's note, the step's note).");

        private static FieldError E(string reason, string vi, string en) => new(string.Empty, reason, vi, en);
    }
}
