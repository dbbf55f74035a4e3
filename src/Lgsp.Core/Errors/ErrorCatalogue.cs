using System.Collections.Frozen;
using System.Reflection;

namespace Lgsp.Core.Errors;

/// <summary>
/// The single catalogue of stable error codes: <c>client.*</c> (the caller's fault), <c>hub.*</c> (ours),
/// <c>upstream.&lt;source&gt;.*</c> (a national system's). Upstream errors are built per source by
/// <see cref="Upstream"/> so every source gets the same family of codes.
/// </summary>
public static class ErrorCatalogue
{
    // ---- client.* ----
    public static readonly ErrorDescriptor ValidationFailed = Client("client.validation_failed", 400,
        "Dữ liệu gửi lên không hợp lệ.", "The request is invalid.");

    public static readonly ErrorDescriptor InvalidAgencyCode = Client("client.invalid_agency_code", 400,
        "Mã định danh cơ quan không hợp lệ.", "The agency code is invalid.");

    public static readonly ErrorDescriptor InvalidDossierCode = Client("client.invalid_dossier_code", 400,
        "Mã hồ sơ không hợp lệ.", "The dossier code is invalid.");

    public static readonly ErrorDescriptor InvalidProcedureCode = Client("client.invalid_procedure_code", 400,
        "Mã thủ tục hành chính không hợp lệ.", "The procedure code is invalid.");

    public static readonly ErrorDescriptor InvalidResultCode = Client("client.invalid_result_code", 400,
        "Mã kết quả không hợp lệ.", "The result code is invalid.");

    public static readonly ErrorDescriptor InvalidPersonalId = Client("client.invalid_personal_id", 400,
        "Số định danh cá nhân / CMND không hợp lệ.", "The personal identification number is invalid.");

    public static readonly ErrorDescriptor InvalidEnterpriseCode = Client("client.invalid_enterprise_code", 400,
        "Mã số doanh nghiệp không hợp lệ.", "The enterprise code is invalid.");

    public static readonly ErrorDescriptor InvalidSocialInsuranceCode = Client("client.invalid_social_insurance_code", 400,
        "Mã số BHXH không hợp lệ.", "The social insurance code is invalid.");

    public static readonly ErrorDescriptor InvalidStatus = Client("client.invalid_status", 400,
        "Mã trạng thái hồ sơ không hợp lệ (chỉ nhận 1–10).", "The dossier status code is invalid (1–10 only).");

    public static readonly ErrorDescriptor IllegalStatusTransition = Client("client.illegal_status_transition", 409,
        "Chuyển trạng thái hồ sơ không hợp lệ.", "The dossier status transition is not allowed.");

    public static readonly ErrorDescriptor InvalidPacket = Client("client.invalid_packet", 400,
        "Gói tin không đúng cấu trúc chuẩn.", "The packet does not match the standard envelope.");

    public static readonly ErrorDescriptor UnsafeXml = Client("client.unsafe_xml", 400,
        "Tài liệu XML chứa cấu trúc không được phép (DTD, thực thể ngoài) hoặc vượt giới hạn kích thước/độ sâu.",
        "The XML document contains forbidden constructs (DTD, external entities) or exceeds size/depth limits.");

    public static readonly ErrorDescriptor SignatureMissing = Client("client.signature_missing", 400,
        "Gói tin thiếu chữ ký số.", "The packet is not signed.");

    public static readonly ErrorDescriptor SignatureInvalid = Client("client.signature_invalid", 400,
        "Chữ ký số của gói tin không hợp lệ.", "The packet signature is invalid.");

    public static readonly ErrorDescriptor SignatureUntrusted = Client("client.signature_untrusted", 400,
        "Chữ ký số không thuộc chứng thư được tin cậy.", "The packet is signed with an untrusted certificate.");

    public static readonly ErrorDescriptor SignatureWeakAlgorithm = Client("client.signature_weak_algorithm", 400,
        "Chữ ký số dùng thuật toán yếu không được chấp nhận.", "The packet signature uses a weak algorithm.");

    public static readonly ErrorDescriptor SignatureReferenceMismatch = Client("client.signature_reference_mismatch", 400,
        "Phần được ký không phải là phần dữ liệu được xử lý (nghi tấn công bao gói chữ ký).",
        "The signed element is not the element being processed (possible signature wrapping).");

    // The procedure code is well formed but the national catalogue (the hub's copy of DVCQG's, refreshed on a schedule)
    // has no such procedure: a purpose or a dossier's procedure that does not exist.
    public static readonly ErrorDescriptor UnknownProcedure = Client("client.unknown_procedure", 400,
        "Mã thủ tục hành chính không có trong danh mục thủ tục hành chính quốc gia.",
        "The procedure code is not in the national catalogue of administrative procedures.");

    public static readonly ErrorDescriptor Unauthenticated = Client("client.unauthenticated", 401,
        "Chưa xác thực hoặc mã truy cập không hợp lệ.", "Authentication is required or the access token is invalid.");

    public static readonly ErrorDescriptor Forbidden = Client("client.forbidden", 403,
        "Không có quyền thực hiện thao tác này.", "You are not allowed to perform this operation.");

    // X-Road's access rights: the client is known and its token has the scope, but the hub's access rights
    // (config/access-rights.json) do not let it call this service, or not for this purpose.
    public static readonly ErrorDescriptor ServiceNotAllowed = Client("client.service_not_allowed", 403,
        "Hệ thống của bạn chưa được cấp quyền khai thác dịch vụ dữ liệu này.", "Your system is not allowed to use this data service.");

    public static readonly ErrorDescriptor PurposeNotAllowed = Client("client.purpose_not_allowed", 403,
        "Hệ thống của bạn không được khai thác dịch vụ dữ liệu này cho thủ tục hành chính đã nêu.",
        "Your system is not allowed to use this data service for the stated procedure.");

    // A sign-in whose level of assurance (acr) is below what the step needs: linking a national identity to an
    // official's account, or a person's lgsp.admin.
    public static readonly ErrorDescriptor AssuranceTooLow = Client("client.assurance_too_low", 403,
        "Mức độ xác thực của lần đăng nhập này chưa đủ cho thao tác yêu cầu.",
        "This sign-in's level of assurance is too low for the requested operation.");

    // Subject binding: a token issued to a person (not a system's client credentials) reaches only that person's own
    // records, unless the person is an official of an agency the client's right grants the source to.
    public static readonly ErrorDescriptor SubjectNotPermitted = Client("client.subject_not_permitted", 403,
        "Tài khoản của bạn chỉ được tra cứu thông tin của chính mình.", "Your account may look up only its own records.");

    public static readonly ErrorDescriptor OfficerMismatch = Client("client.officer_mismatch", 403,
        "Mã cán bộ trong yêu cầu không phải mã của cán bộ đã đăng nhập.", "The officer id in the request is not the signed-in official's.");

    public static readonly ErrorDescriptor NotFound = Client("client.not_found", 404,
        "Không tìm thấy tài nguyên yêu cầu.", "The requested resource was not found.");

    public static readonly ErrorDescriptor Conflict = Client("client.conflict", 409,
        "Xung đột phiên bản dữ liệu.", "The resource was changed by someone else.");

    public static readonly ErrorDescriptor PreconditionRequired = Client("client.precondition_required", 428,
        "Thiếu phiên bản đang sửa (tiêu đề If-Match): hãy đọc lại cấu hình rồi gửi thay đổi kèm phiên bản đó.",
        "The version being edited is missing (If-Match header): read the settings again and send the change with that version.");

    public static readonly ErrorDescriptor IdempotencyKeyReused = Client("client.idempotency_key_reused", 422,
        "Khóa Idempotency-Key đã được dùng cho một yêu cầu khác.", "The Idempotency-Key was already used for a different request.");

    public static readonly ErrorDescriptor DossierStepConflict = Client("client.dossier_step_conflict", 409,
        "Bước xử lý đã được ghi nhận với nội dung khác.", "The processing step was already recorded with different content.");

    public static readonly ErrorDescriptor DossierOriginConflict = Client("client.dossier_origin_conflict", 409,
        "Hồ sơ được tiếp nhận ở phía bên kia; phía này không được ghi đè hồ sơ.", "The dossier came from the other side; this side may not overwrite it.");
    public static readonly ErrorDescriptor BatchItemDependencyFailed = Client("client.batch_item_dependency_failed", 424,
        "Mục của lô phụ thuộc một mục trước đó của cùng hồ sơ không ghi được; mục này không được ghi.",
        "The batch item depends on an earlier item of the same dossier that failed; this item was not applied.");

    public static readonly ErrorDescriptor BodyTooLarge = Client("client.body_too_large", 413,
        "Nội dung yêu cầu quá lớn; phần vượt giới hạn không được đọc.", "The request body is too large; nothing beyond the limit was read.");

    public static readonly ErrorDescriptor RateLimited = Client("client.rate_limited", 429,
        "Quá nhiều yêu cầu, vui lòng thử lại sau.", "Too many requests; retry later.");

    // ---- hub.* ----
    public static readonly ErrorDescriptor Internal = Hub("hub.internal", 500,
        "Lỗi nội bộ của nền tảng LGSP.", "Internal error in the LGSP hub.");

    public static readonly ErrorDescriptor StorageUnavailable = Hub("hub.storage_unavailable", 503,
        "Cơ sở dữ liệu của nền tảng tạm thời không sẵn sàng.", "The hub's database is temporarily unavailable.");

    public static readonly ErrorDescriptor SigningUnavailable = Hub("hub.signing_unavailable", 500,
        "Không ký được gói tin (chứng thư số của nền tảng chưa sẵn sàng).", "The hub could not sign the packet (signing certificate unavailable).");

    public static readonly ErrorDescriptor SequenceExhausted = Hub("hub.dossier_sequence_exhausted", 503,
        "Đã hết số thứ tự hồ sơ trong ngày cho cơ quan này.", "The daily dossier sequence for this agency is exhausted.");

    public static readonly ErrorDescriptor Maintenance = Hub("hub.maintenance", 503,
        "Dịch vụ đang bảo trì.", "The service is under maintenance.");

    // The hub's own protection of an upstream, not the upstream's fault: the detail names the source.
    public static readonly ErrorDescriptor UpstreamCapacityExceeded = Hub("hub.upstream_capacity_exceeded", 503,
        "Nền tảng đang có quá nhiều yêu cầu tới hệ thống nguồn; vui lòng thử lại sau.",
        "The hub has too many requests in progress to the upstream system; retry later.");

    public static readonly ErrorDescriptor SourceDisabled = Hub("hub.source_disabled", 503,
        "Kết nối tới hệ thống nguồn đang bảo trì: quản trị viên đã tạm ngừng kết nối, vui lòng thử lại sau.",
        "The connection to the upstream system is under maintenance: the operators have switched it off; retry later.");

    /// <summary>Errors of one upstream source, e.g. <c>upstream.population.timeout</c>.</summary>
    public static UpstreamErrors Upstream(string source) => UpstreamErrors.For(source);

    private static readonly Lazy<FrozenDictionary<string, ErrorDescriptor>> ByCode = new(() =>
        typeof(ErrorCatalogue).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(ErrorDescriptor))
            .Select(f => (ErrorDescriptor)f.GetValue(null)!)
            .ToFrozenDictionary(e => e.Code, StringComparer.Ordinal));

    /// <summary>Every fixed (non-upstream) entry, for documentation and tests.</summary>
    public static IReadOnlyCollection<ErrorDescriptor> All => ByCode.Value.Values;

    public static bool TryFind(string code, out ErrorDescriptor? error)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (ByCode.Value.TryGetValue(code, out var found))
        {
            error = found;
            return true;
        }

        error = UpstreamErrors.TryFindByCode(code);
        return error is not null;
    }

    private static ErrorDescriptor Client(string code, int status, string vi, string en) => new(code, FaultOrigin.Client, status, vi, en);

    private static ErrorDescriptor Hub(string code, int status, string vi, string en) => new(code, FaultOrigin.Hub, status, vi, en);
}
