using Lgsp.Core.Errors;

namespace Lgsp.Core.Dossiers;

public static partial class DossierRules
{
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
