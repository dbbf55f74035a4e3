using System.Collections.Frozen;

namespace Lgsp.Adapters.Sdk.Options;

/// <summary>How a reason's text follows the setting it is about.</summary>
public enum SettingReasonForm
{
    /// <summary>"AttemptTimeout must be …": the text goes on from the setting's name.</summary>
    AboutKey,

    /// <summary>"Purposes: 'abc' is not …": the text is about one entry of the list or map the key names.</summary>
    AboutEntry,

    /// <summary>The text is a whole sentence of its own (it names what it is about).</summary>
    Sentence,
}

/// <summary>One reason: its id, the stable code the control API answers with (<c>setting.invalid</c>, …) and its texts.</summary>
/// <param name="En">English, with <c>{0}</c>, <c>{1}</c> for the failure's arguments.</param>
/// <param name="Vi">Vietnamese, the same placeholders.</param>
public sealed record SettingReason(string Id, string Code, SettingReasonForm Form, string En, string Vi);

/// <summary>
/// Every reason a setting can be refused for, with its English and Vietnamese text: the one table validators'
/// <see cref="SettingFailure"/>s are rendered from, at start (English) and in the control API (both). A reason is
/// added here with both texts (a test enumerates the ids below and fails on one without them); ids never change once
/// published; texts may be reworded freely.
/// </summary>
public static class SettingReasons
{
    public const string Vietnamese = "vi";
    public const string English = "en";

    // The control API's stable codes (FieldError.Reason) the reasons fall under.
    public const string InvalidCode = "setting.invalid";
    public const string HostNotAllowedCode = "setting.host_not_allowed";
    public const string UnknownCode = "setting.unknown";
    public const string TypeCode = "setting.type";

    public const string AbsoluteHttpUrl = "url.absolute_http";
    public const string DurationRange = "duration.range";
    public const string DurationNotOver = "duration.not_over";
    public const string DurationAtLeastKey = "duration.at_least_key";
    public const string DurationUnderKey = "duration.under_key";
    public const string NumberRange = "number.range";
    public const string PointsTotal = "points.total";
    public const string BytesRange = "bytes.range";
    public const string OneOf = "value.one_of";
    public const string Required = "value.required";
    public const string SecretName = "secret.name";
    public const string RelativePath = "path.relative";
    public const string Token = "text.token";
    public const string HostNotAllowed = "host.not_allowed";
    public const string HostInternal = "host.internal";
    public const string MappingMissing = "mapping.missing";
    public const string MappingUnknownName = "mapping.unknown_name";
    public const string AgencyCode = "code.agency";
    public const string AgencyCodeExpected = "code.agency_expected";
    public const string AgencyCodeProvince = "code.agency_province";
    public const string ProvinceCode = "code.province";
    public const string ProcedureCode = "code.procedure";
    public const string NationalProcedureCode = "code.national_procedure";
    public const string LocalProcedureCode = "code.procedure_local";
    public const string NotInCatalogue = "procedure.not_in_catalogue";
    public const string PurposesEmpty = "purposes.empty";
    public const string AnyPurposeAlone = "purposes.any_alone";
    public const string UnknownField = "field.unknown";
    public const string UnknownSource = "source.unknown";
    public const string UnknownClient = "client.unknown";
    public const string ClientAgencyRequired = "agency.client_required";
    public const string HubAgencyRequired = "agency.hub_required";
    public const string MessageLogKeySecret = "message_log.key_secret";
    public const string CheckpointsFile = "message_log.checkpoints_file";
    public const string IntegrationCode = "population.integration_code";
    public const string AdminLevelOutsideDevelopment = "identity.admin_level";
    public const string TrustedCertificateRequired = "population.trusted_certificate";
    public const string DstCodeRequired = "dvcqg.dst_code_required";
    public const string UnitCodeRequired = "dvcqg.unit_code_required";
    public const string UnknownSetting = "setting.unknown";
    public const string GroupNotValue = "setting.group";
    public const string WrongType = "setting.type";
    public const string Unreadable = "setting.unreadable";

    private static readonly FrozenDictionary<string, SettingReason> Table = new SettingReason[]
    {
        new(AbsoluteHttpUrl, InvalidCode, SettingReasonForm.AboutKey,
            "must be an absolute http or https URL.",
            "phải là một địa chỉ http hoặc https tuyệt đối (không có truy vấn hay phân đoạn)."),
        new(DurationRange, InvalidCode, SettingReasonForm.AboutKey,
            "must be between {0} and {1}.",
            "phải nằm trong khoảng từ {0} đến {1}."),
        new(DurationNotOver, InvalidCode, SettingReasonForm.AboutKey,
            "must not exceed {0}.",
            "không được dài hơn {0}."),
        new(DurationAtLeastKey, InvalidCode, SettingReasonForm.AboutKey,
            "must be at least {0} and at most {1}.",
            "phải từ {0} trở lên và không quá {1}."),
        new(DurationUnderKey, InvalidCode, SettingReasonForm.AboutKey,
            "must be at least 0 and shorter than {0}.",
            "phải từ 0 trở lên và ngắn hơn {0}."),
        new(NumberRange, InvalidCode, SettingReasonForm.AboutKey,
            "must be between {0} and {1}.",
            "phải nằm trong khoảng từ {0} đến {1}."),
        new(PointsTotal, InvalidCode, SettingReasonForm.AboutKey,
            "add up to {0} points; the Bộ chỉ số 766 has 100 in all.",
            "cộng lại được {0} điểm; Bộ chỉ số 766 có tổng cộng 100 điểm."),
        new(BytesRange, InvalidCode, SettingReasonForm.AboutKey,
            "must be between {0} and {1} bytes.",
            "phải nằm trong khoảng từ {0} đến {1} byte."),
        new(OneOf, InvalidCode, SettingReasonForm.AboutKey,
            "must be one of {0}.",
            "phải là một trong các giá trị: {0}."),
        new(Required, InvalidCode, SettingReasonForm.AboutKey,
            "is required.",
            "không được để trống."),
        new(SecretName, InvalidCode, SettingReasonForm.AboutKey,
            "must be the name of an environment variable or secret (letters, digits, underscores), never the credentials themselves.",
            "phải là tên của biến môi trường hoặc bí mật chứa thông tin xác thực (chữ, số, dấu gạch dưới), không bao giờ là chính thông tin xác thực."),
        new(RelativePath, InvalidCode, SettingReasonForm.AboutKey,
            "must be a path relative to BaseUrl (letters, digits, '/', '.', '-', '_'), without a leading '/', '..', a query or a scheme, e.g. {0}.",
            "phải là đường dẫn tương đối so với địa chỉ gốc (chữ, số, '/', '.', '-', '_'), không bắt đầu bằng '/', không có '..', truy vấn hay giao thức, ví dụ {0}."),
        new(Token, InvalidCode, SettingReasonForm.AboutKey,
            "must be 1-{0} letters, digits, '.', '-' or '_'.",
            "phải gồm 1–{0} ký tự là chữ, số, '.', '-' hoặc '_'."),
        new(HostNotAllowed, HostNotAllowedCode, SettingReasonForm.AboutKey,
            "host '{0}' is not in Operations:AllowedUpstreamHosts.",
            "có máy chủ '{0}' không nằm trong danh sách máy chủ được phép (Operations:AllowedUpstreamHosts)."),
        new(HostInternal, HostNotAllowedCode, SettingReasonForm.AboutKey,
            "host '{0}' resolves to {1}, a loopback, link-local or private address not in Operations:AllowedUpstreamHosts (list its range, e.g. 127.0.0.0/8, to allow it).",
            "có máy chủ '{0}' trỏ tới {1}, một địa chỉ loopback, link-local hoặc nội bộ không nằm trong danh sách được phép (Operations:AllowedUpstreamHosts); muốn dùng phải liệt kê dải địa chỉ đó (ví dụ 127.0.0.0/8)."),
        new(MappingMissing, InvalidCode, SettingReasonForm.AboutKey,
            "is missing.",
            "còn thiếu: cần ánh xạ cho mọi giá trị."),
        new(MappingUnknownName, InvalidCode, SettingReasonForm.AboutEntry,
            "'{0}' is not one of {1}.",
            "'{0}' không phải là một trong các giá trị: {1}."),
        new(AgencyCode, InvalidCode, SettingReasonForm.AboutKey,
            "'{0}' is not an agency code: {1}",
            "'{0}' không phải là mã định danh cơ quan: {1}"),
        new(AgencyCodeExpected, InvalidCode, SettingReasonForm.AboutKey,
            "must be an agency code (QCVN 102).",
            "phải là mã định danh cơ quan (QCVN 102)."),
        new(AgencyCodeProvince, InvalidCode, SettingReasonForm.AboutKey,
            "must carry the province code {0}.",
            "phải chứa mã tỉnh {0}."),
        new(ProvinceCode, InvalidCode, SettingReasonForm.AboutKey,
            "must be a level-1 code such as H56.",
            "phải là mã đơn vị cấp 1, ví dụ H56."),
        new(ProcedureCode, InvalidCode, SettingReasonForm.AboutEntry,
            "'{0}' is not a procedure code. {1}",
            "'{0}' không phải là mã thủ tục hành chính. {1}"),
        new(NationalProcedureCode, InvalidCode, SettingReasonForm.AboutKey,
            "must be a national procedure code such as 1.001193.",
            "phải là mã thủ tục hành chính quốc gia, ví dụ 1.001193."),
        new(LocalProcedureCode, InvalidCode, SettingReasonForm.AboutEntry,
            "'{0}' is a local code; list the national code {1} (local codes match their national code).",
            "'{0}' là mã thủ tục của địa phương; hãy ghi mã quốc gia {1} (mã địa phương khớp với mã quốc gia của nó)."),
        new(NotInCatalogue, InvalidCode, SettingReasonForm.AboutEntry,
            "'{0}' is not in the national procedure catalogue.",
            "'{0}' không có trong danh mục thủ tục hành chính quốc gia."),
        new(PurposesEmpty, InvalidCode, SettingReasonForm.AboutKey,
            "is empty: list the national procedure codes allowed, or [\"*\"] for any.",
            "đang trống: hãy liệt kê các mã thủ tục quốc gia được phép, hoặc [\"*\"] cho mọi thủ tục."),
        new(AnyPurposeAlone, InvalidCode, SettingReasonForm.AboutEntry,
            "\"*\" stands alone (any purpose); remove the other entries or the \"*\".",
            "\"*\" (mọi thủ tục) phải đứng một mình; hãy bỏ các mã khác hoặc bỏ \"*\"."),
        new(UnknownField, InvalidCode, SettingReasonForm.AboutEntry,
            "'{0}' is not a field of the {1} records.",
            "'{0}' không phải là trường dữ liệu của nguồn {1}."),
        new(UnknownSource, InvalidCode, SettingReasonForm.AboutEntry,
            "unknown source '{0}' (known: {1}).",
            "không có nguồn '{0}' (các nguồn: {1})."),
        new(UnknownClient, InvalidCode, SettingReasonForm.AboutEntry,
            "no client '{0}' in Identity:Clients.",
            "không có ứng dụng khách '{0}' trong Identity:Clients."),
        new(ClientAgencyRequired, InvalidCode, SettingReasonForm.AboutKey,
            "is not set: the client's agency is the receiver of its answers.",
            "chưa có: cơ quan của ứng dụng khách là nơi nhận các gói tin trả lời."),
        new(HubAgencyRequired, InvalidCode, SettingReasonForm.AboutKey,
            "is not set: the hub's agency code (e.g. 000.00.00.H56) is the sender of every answer.",
            "chưa có: mã cơ quan của LGSP (ví dụ 000.00.00.H56) là nơi gửi mọi gói tin trả lời."),
        new(MessageLogKeySecret, InvalidCode, SettingReasonForm.AboutKey,
            "must name the environment variable holding the subjects' hash key.",
            "phải là tên biến môi trường chứa khóa băm mã định danh chủ thể."),
        new(CheckpointsFile, InvalidCode, SettingReasonForm.AboutKey,
            "must name the file the signed checkpoints are appended to.",
            "phải là tên tệp ghi nối các điểm kiểm tra đã ký."),
        new(AdminLevelOutsideDevelopment, InvalidCode, SettingReasonForm.AboutKey,
            "must be at least {0} outside the Development environment (this hub runs as '{1}'): a password is level 1, so operators sign in through the national login at level {0}.",
            "phải từ {0} trở lên ngoài môi trường Development (trục này chạy ở '{1}'): mật khẩu chỉ đạt mức 1, người vận hành phải đăng nhập bằng định danh điện tử quốc gia mức {0}."),
        new(IntegrationCode, InvalidCode, SettingReasonForm.AboutKey,
            "is required: the MaTichHop issued to this LGSP (at most 64 characters, no spaces).",
            "là bắt buộc: mã tích hợp (MaTichHop) cấp cho LGSP này (tối đa 64 ký tự, không có khoảng trắng)."),
        new(TrustedCertificateRequired, InvalidCode, SettingReasonForm.AboutKey,
            "is required unless {0} is Absent: the source's signing certificate (PEM or DER) its answers are verified against.",
            "là bắt buộc trừ khi {0} là Absent: chứng thư ký (PEM hoặc DER) của nguồn, dùng để kiểm tra chữ ký các câu trả lời."),
        new(DstCodeRequired, InvalidCode, SettingReasonForm.AboutKey,
            "is required with session login (sent with the login and every call).",
            "là bắt buộc khi đăng nhập theo phiên (gửi kèm lần đăng nhập và mọi lời gọi)."),
        new(UnitCodeRequired, InvalidCode, SettingReasonForm.AboutKey,
            "(madonvi) is required by the Service profile: 1-100 letters, digits, '.', '-' or '_'.",
            "(madonvi) là bắt buộc với cách kết nối Service: 1–100 ký tự là chữ, số, '.', '-' hoặc '_'."),
        new(UnknownSetting, UnknownCode, SettingReasonForm.Sentence,
            "'{0}' has no setting '{1}'.",
            "'{0}' không có thiết lập '{1}'."),
        new(GroupNotValue, TypeCode, SettingReasonForm.AboutKey,
            "is a group of settings, not a value.",
            "là một nhóm thiết lập, không phải một giá trị."),
        new(WrongType, TypeCode, SettingReasonForm.AboutKey,
            "must be {0}.",
            "phải là {0}."),
        new(Unreadable, InvalidCode, SettingReasonForm.AboutKey,
            "cannot be read: {0}",
            "không đọc được: {0}"),
    }.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal);

    /// <summary>Every reason, by id.</summary>
    public static IReadOnlyDictionary<string, SettingReason> All => Table;

    public static SettingReason Get(string id) =>
        Table.TryGetValue(id, out var reason) ? reason : throw new KeyNotFoundException($"'{id}' is not a setting reason of SettingReasons.");
}

/// <summary>A value whose wording depends on the language (a type's name in a failure's text).</summary>
public sealed record SettingText(string Vi, string En);
