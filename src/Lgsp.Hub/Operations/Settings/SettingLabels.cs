using System.Collections.Frozen;
using System.Globalization;
using Lgsp.Core.Lookups;
using Lgsp.Core.StatusSync;

namespace Lgsp.Hub.Operations.Settings;

/// <summary>A name shown to operators, in Vietnamese and English.</summary>
internal sealed record SettingLabel(string Vi, string En);

/// <summary>
/// What operators call each source and each setting: the one table the control API serves (an adapter's <c>name</c>,
/// a document's <c>labels</c>, a history change's <c>label</c>) and names fields by in its errors, so the console and the
/// CLI show "Thời gian chờ mỗi lần gọi", not <c>AttemptTimeout</c>. Settings are keyed by their API path with <c>*</c> for
/// a dictionary's key or a list's index (a list or map is labelled once, by its own path); a test checks that every
/// setting of every document has one.
/// </summary>
internal static class SettingLabels
{
    private static readonly FrozenDictionary<string, SettingLabel> Sources = new Dictionary<string, SettingLabel>(StringComparer.OrdinalIgnoreCase)
    {
        [SourceNames.Business] = new("CSDL quốc gia về đăng ký doanh nghiệp", "National business registration database"),
        [SourceNames.Population] = new("CSDL quốc gia về dân cư", "National population database"),
        [SourceNames.Land] = new("CSDL quốc gia về đất đai", "National land database"),
        [SourceNames.Insurance] = new("CSDL quốc gia về bảo hiểm xã hội", "National social insurance database"),
        [SourceNames.CivilRegistry] = new("CSDL hộ tịch điện tử", "Electronic civil registry database"),
        [SyncSides.Dvcqg] = new("Cổng Dịch vụ công quốc gia", "National public-service portal (DVCQG)"),
        [SyncSides.Provincial] = new("Hệ thống giải quyết thủ tục hành chính (một cửa) của tỉnh", "Provincial one-stop system"),
        ["dvclt"] = new("Dịch vụ công liên thông (khai sinh, khai tử)", "Linked public services (births, deaths)"),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, SettingLabel> Adapter = new Dictionary<string, SettingLabel>(StringComparer.OrdinalIgnoreCase)
    {
        ["baseUrl"] = new("Địa chỉ gốc", "Base URL"),
        ["enabled"] = new("Trạng thái bật", "Enabled"),
        ["attemptTimeout"] = new("Thời gian chờ mỗi lần gọi", "Attempt timeout"),
        ["totalTimeout"] = new("Thời gian chờ tổng", "Total timeout"),
        ["retry.maxRetryAttempts"] = new("Số lần thử lại", "Retries"),
        ["retry.baseDelay"] = new("Độ trễ thử lại ban đầu", "Base retry delay"),
        ["retry.maxDelay"] = new("Độ trễ thử lại tối đa", "Longest retry delay"),
        ["retry.backoffType"] = new("Cách tăng độ trễ thử lại", "Retry backoff"),
        ["retry.useJitter"] = new("Độ trễ thử lại ngẫu nhiên", "Retry jitter"),
        ["retry.maxRetryAfter"] = new("Thời gian chờ Retry-After tối đa", "Longest Retry-After waited for"),
        ["circuitBreaker.failureRatio"] = new("Tỷ lệ lỗi để tạm ngừng gọi (mạch ngắt)", "Failure ratio that stops calls (circuit breaker)"),
        ["circuitBreaker.minimumThroughput"] = new("Số lượt gọi tối thiểu trước khi xét tạm ngừng", "Calls before the failure ratio counts"),
        ["circuitBreaker.samplingDuration"] = new("Khoảng thời gian xét tỷ lệ lỗi", "Failure sampling window"),
        ["circuitBreaker.breakDuration"] = new("Thời gian tạm ngừng gọi", "How long calls stop (break duration)"),
        ["concurrency.permitLimit"] = new("Số lời gọi đồng thời tối đa", "Concurrent calls (permits)"),
        ["concurrency.queueLimit"] = new("Hàng đợi tối đa", "Queue limit"),
        ["rateLimit.permitLimit"] = new("Số lời gọi mỗi cửa sổ", "Calls per window"),
        ["rateLimit.window"] = new("Cửa sổ giới hạn tần suất", "Rate-limit window"),
        ["rateLimit.queueLimit"] = new("Hàng đợi khi vượt tần suất", "Rate-limit queue"),
        ["credentialsSecret"] = new("Tên biến bí mật chứa thông tin xác thực", "Credentials secret name"),
        ["maxAnswerBytes"] = new("Kích thước câu trả lời tối đa", "Largest answer"),
        ["integrationCode"] = new("Mã tích hợp (MaTichHop)", "Integration code (MaTichHop)"),
        ["credentials"] = new("Thông tin xác thực gửi kèm", "Credentials sent"),
        ["answerSignatures"] = new("Chữ ký trên câu trả lời", "Answer signatures"),
        ["trustedCertificatePath"] = new("Tệp chứng thư ký được tin cậy", "Trusted signing certificate file"),
        ["servicePath"] = new("Đường dẫn dịch vụ", "Service path"),
        ["answerProfile"] = new("Cách đọc câu trả lời", "Answer profile"),
        ["tenant"] = new("Đơn vị thuê bao (tenant)", "Tenant"),
        ["mappings.loaiDoiTuong"] = new("Ánh xạ loại đối tượng", "Party kind mapping"),
        ["mappings.kenhThucHien"] = new("Ánh xạ kênh thực hiện", "Channel mapping"),
        ["mappings.danhSachThuTucDongBoDVC"] = new("Ánh xạ mã thủ tục đồng bộ DVCQG", "Procedure codes mapped for DVCQG"),
        ["provinceCode"] = new("Mã tỉnh", "Province code"),
        ["aliasAgencyCode"] = new("Mã cơ quan của mã hồ sơ thay thế", "Agency of alias dossier codes"),
        ["progressChunkSize"] = new("Số dòng tiến trình mỗi lần gửi", "Progress rows per call"),
        ["profile"] = new("Cách kết nối DVCQG", "DVCQG profile"),
        ["auth"] = new("Cách xác thực với DVCQG", "DVCQG authentication"),
        ["paths.token"] = new("Đường dẫn lấy mã truy cập", "Token path"),
        ["paths.login"] = new("Đường dẫn đăng nhập", "Login path"),
        ["paths.service"] = new("Đường dẫn dịch vụ tích hợp", "Integration service path"),
        ["paths.lookup"] = new("Đường dẫn tra cứu hồ sơ", "Lookup path"),
        ["paths.create"] = new("Đường dẫn thêm mới hồ sơ", "Create path"),
        ["paths.update"] = new("Đường dẫn cập nhật hồ sơ", "Update path"),
        ["paths.progress"] = new("Đường dẫn đồng bộ tiến trình", "Progress path"),
        ["dstCode"] = new("Mã nơi nhận (dstcode)", "Destination code (dstcode)"),
        ["unitCode"] = new("Mã đơn vị (madonvi)", "Unit code (madonvi)"),
        ["sessionLifetime"] = new("Thời hạn phiên đăng nhập", "Session lifetime"),
        ["keepProcedureSuffix"] = new("Giữ phần đuôi mã thủ tục địa phương", "Keep the local procedure suffix"),
        ["cataloguePath"] = new("Đường dẫn lấy danh mục", "Catalogue path"),
        ["tokenPath"] = new("Đường dẫn lấy mã truy cập", "Token path"),
        ["listPath"] = new("Đường dẫn danh sách hồ sơ", "List path"),
        ["fetchPath"] = new("Đường dẫn lấy hồ sơ", "Fetch path"),
        ["acknowledgePath"] = new("Đường dẫn xác nhận đã nhận", "Acknowledge path"),
        ["statusPath"] = new("Đường dẫn cập nhật trạng thái", "Status path"),
        ["processingBody"] = new("Cơ quan xử lý (coQuanXuLy)", "Processing body (coQuanXuLy)"),
        ["tokenLifetime"] = new("Thời hạn mã truy cập", "Token lifetime"),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, SettingLabel> AccessRights = new Dictionary<string, SettingLabel>(StringComparer.OrdinalIgnoreCase)
    {
        ["agencyCode"] = new("Mã cơ quan", "Agency code"),
        ["dossierAgencies"] = new("Được đọc hồ sơ của cơ quan", "Reads the dossiers of"),
        ["services"] = new("Quyền tra cứu", "Lookup rights"),
        ["services.*"] = new("Quyền tra cứu nguồn", "Right to look up"),
        ["services.*.purposes"] = new("Mục đích (mã thủ tục)", "Purposes (procedure codes)"),
        ["services.*.fields"] = new("Trường dữ liệu", "Fields"),
        ["services.*.officialAgencies"] = new("Cán bộ của cơ quan được tra cứu mọi người", "Officials of these agencies look up anyone"),
        ["services.*.rateLimit"] = new("Giới hạn tốc độ", "Rate limit"),
        ["services.*.rateLimit.permitsPerSecond"] = new("Số yêu cầu mỗi giây", "Requests per second"),
        ["services.*.rateLimit.burst"] = new("Số yêu cầu dồn tối đa", "Burst"),
        ["services.*.dailyQuota"] = new("Hạn mức yêu cầu mỗi ngày", "Daily quota (requests per day)"),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, SettingLabel> Maintenance = new Dictionary<string, SettingLabel>(StringComparer.OrdinalIgnoreCase)
    {
        ["on"] = new("Đang bảo trì", "Under maintenance"),
        ["messageVi"] = new("Thông báo bảo trì (tiếng Việt)", "Maintenance message (Vietnamese)"),
        ["messageEn"] = new("Thông báo bảo trì (tiếng Anh)", "Maintenance message (English)"),
        ["until"] = new("Thời điểm kết thúc bảo trì", "Maintenance ends at"),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every source's name, by its id (<c>business</c> → "CSDL quốc gia về đăng ký doanh nghiệp").</summary>
    public static IReadOnlyDictionary<string, SettingLabel> SourceNamesTable => Sources;

    /// <summary>A source's name; its id when the table has none.</summary>
    public static SettingLabel Source(string source) => Sources.GetValueOrDefault(source) ?? new SettingLabel(source, source);

    /// <summary>The label the table has for exactly this pattern (<c>retry.maxDelay</c>, <c>mappings.loaiDoiTuong</c>).</summary>
    public static SettingLabel? Find(string kind, string pattern) =>
        (kind switch { SettingsKinds.AccessRights => AccessRights, SettingsKinds.Maintenance => Maintenance, _ => Adapter }).GetValueOrDefault(pattern);

    /// <summary>The label of a setting by its pattern; a list's item or a map's entry named after it; the path itself when unknown.</summary>
    /// <param name="field">The same path with the real keys (<c>mappings.loaiDoiTuong.Robot</c>), to name an entry.</param>
    public static SettingLabel For(string kind, string pattern, string? field = null)
    {
        var parts = pattern.Split('.');
        var names = (field ?? pattern).Split('.');
        for (var length = parts.Length; length > 0; length--)
        {
            if (Find(kind, string.Join('.', parts[..length])) is not { } label)
            {
                continue;
            }

            label = Within(kind, names, label);
            var rest = names.Length > length ? names[length..] : [];
            if (rest.Length == 0 || (rest.Length == 1 && parts.Length == length + 1 && field is null))
            {
                return label;
            }

            var entry = string.Join('.', rest);
            return int.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                ? new SettingLabel($"{label.Vi} (mục {index + 1})", $"{label.En} (item {index + 1})")
                : new SettingLabel($"{label.Vi} ({entry})", $"{label.En} ({entry})");
        }

        return new SettingLabel(field ?? pattern, field ?? pattern);
    }

    /// <summary>An access right's setting names its source: "CSDL quốc gia về đất đai – Mục đích (mã thủ tục)".</summary>
    private static SettingLabel Within(string kind, string[] names, SettingLabel label) =>
        kind == SettingsKinds.AccessRights && names.Length > 1 && names[0].Equals("services", StringComparison.OrdinalIgnoreCase) && names[1] != "*"
            ? new SettingLabel($"{Source(names[1]).Vi} – {label.Vi}", $"{Source(names[1]).En} – {label.En}")
            : label;
}
