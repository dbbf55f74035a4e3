using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Lgsp.Bench.Sync;

/// <summary>
/// Request bodies as the provincial one-stop system sends them (the shapes of tests/…/StatusSyncSamples.cs): dossiers
/// accepted at the desk (status 2), then processing steps in status 4 (4 → 4 is a legal self-move, so a dossier can
/// take any number of them). Step <c>seq</c> s happens at 09:00 + s seconds: its DVCQG row (<c>ThoiDiemXuLy</c>,
/// to the second) names the step, so what the stand-in received can be matched to what was sent.
/// </summary>
internal static class SyncBodies
{
    private static readonly DateTimeOffset FirstStep = new(2025, 8, 12, 9, 0, 0, TimeSpan.FromHours(7));

    /// <summary>The n-th distinct valid dossier code (agency H56.14, a day in August 2025, a sequence), n &lt; 169,983.</summary>
    public static string Code(int n) =>
        string.Create(CultureInfo.InvariantCulture, $"H56.14-2508{12 + (n / 9999):D2}-{(n % 9999) + 1:D4}");

    public static JsonObject Dossier(string code) => new()
    {
        ["code"] = code,
        ["procedure"] = new JsonObject
        {
            ["nationalCode"] = "1.001193",
            ["localCode"] = "1.001193.000.00.14.H56",
            ["name"] = "Đăng ký khai sinh",
            ["fieldName"] = "Hộ tịch",
        },
        ["receivingAgencyCode"] = "H56.14",
        ["processingAgencyName"] = "UBND xã Tân Phú",
        ["channel"] = 2,
        ["owner"] = new JsonObject
        {
            ["kind"] = 1,
            ["name"] = "Nguyễn Văn An",
            ["identifiers"] = new JsonArray(new JsonObject { ["type"] = "personalId", ["value"] = "079203001234" }),
            ["phone"] = "0912345678",
        },
        ["summary"] = "Đăng ký khai sinh cho con",
        ["submittedAt"] = "2025-08-12T07:45:00+07:00",
        ["receivedAt"] = "2025-08-12T08:00:00+07:00",
        ["dueAt"] = "2025-08-15T17:00:00+07:00",
        ["status"] = 2,
        ["returnMethod"] = 0,
        ["hasDigitizedComponents"] = true,
        ["ownerVneidVerified"] = true,
        ["paidOnline"] = 0,
        ["components"] = new JsonArray(new JsonObject
        {
            ["fileId"] = "f-1",
            ["componentCode"] = "TP1",
            ["name"] = "Giấy chứng sinh",
            ["copyType"] = 2,
            ["fileUrl"] = "https://files.example.vn/f-1.pdf",
            ["digitized"] = true,
        }),
    };

    public static JsonObject Step(int seq) => new()
    {
        ["seq"] = seq,
        ["status"] = 4,
        ["actor"] = "Nguyễn Văn Bình",
        ["actorTitle"] = "Chuyên viên",
        ["department"] = "Phòng Hộ tịch",
        ["note"] = "Xử lý hồ sơ",
        ["occurredAt"] = FirstStep.AddSeconds(seq).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        ["stepStartAt"] = "2025-08-12T08:00:00+07:00",
        ["stepDueAt"] = "2025-08-14T17:00:00+07:00",
    };

    /// <summary>The step a DVCQG progress row is for, from its <c>ThoiDiemXuLy</c> (yyyyMMddHHmmss, Vietnam time).</summary>
    public static int? SeqOf(string? thoiDiemXuLy) =>
        DateTime.TryParseExact(thoiDiemXuLy, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? (int)(new DateTimeOffset(local, TimeSpan.FromHours(7)) - FirstStep).TotalSeconds
            : null;

    public static JsonObject Steps(params JsonObject[] steps) => new() { ["steps"] = new JsonArray([.. steps]) };

    public static JsonObject DossierItem(string code) => new() { ["dossier"] = Dossier(code) };

    public static JsonObject ProgressItem(string code, int seq) => new()
    {
        ["progress"] = new JsonObject { ["dossierCode"] = code, ["steps"] = new JsonArray(Step(seq)) },
    };

    public static JsonObject Batch(IEnumerable<JsonObject> items) => new() { ["items"] = new JsonArray([.. items]) };

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
