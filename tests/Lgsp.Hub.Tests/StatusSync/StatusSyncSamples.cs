using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Lgsp.Hub.Tests.StatusSync;

/// <summary>Request bodies as a provincial one-stop system sends them; tests change one field at a time.</summary>
internal static class StatusSyncSamples
{
    /// <summary>A distinct valid dossier code per call (agency H56.14, a day in 2025, a sequence).</summary>
    public static string NewCode()
    {
        var n = Interlocked.Increment(ref _counter);
        return string.Create(CultureInfo.InvariantCulture, $"H56.14-2508{12 + (n / 9999 % 15):D2}-{(n % 9999) + 1:D4}");
    }

    private static int _counter = Random.Shared.Next(0, 50_000);

    /// <summary>A dossier received at the desk and in processing (status 4), with every list filled.</summary>
    public static JsonObject Dossier(string code, int status = 4) => new()
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
            ["identifiers"] = new JsonArray(
                new JsonObject { ["type"] = "personalId", ["value"] = "079203001234" },
                new JsonObject { ["type"] = "techId", ["value"] = "a1b2c3d4-techid" }),
            ["phone"] = "0912345678",
            ["email"] = "an@example.vn",
        },
        ["summary"] = "Đăng ký khai sinh cho con",
        ["submittedAt"] = "2025-08-12T07:45:00+07:00",
        ["receivedAt"] = "2025-08-12T08:00:00+07:00",
        ["dueAt"] = "2025-08-15T17:00:00+07:00",
        ["status"] = status,
        ["returnMethod"] = 0,
        ["hasDigitizedComponents"] = true,
        ["ownerVneidVerified"] = true,
        ["paidOnline"] = 0,
        ["connectedDatabases"] = new JsonArray("1"),
        ["components"] = new JsonArray(new JsonObject
        {
            ["fileId"] = "f-1",
            ["componentCode"] = "TP1",
            ["name"] = "Giấy chứng sinh",
            ["copyType"] = 2,
            ["fileUrl"] = "https://files.example.vn/f-1.pdf",
            ["digitized"] = true,
            ["reuse"] = 2,
            ["replacedByResultCode"] = "KQ.G15.000031",
        }),
        ["fees"] = new JsonArray(new JsonObject { ["code"] = "LP1", ["name"] = "Lệ phí hộ tịch", ["kind"] = 1, ["collectAt"] = 1, ["amount"] = 8000, ["paid"] = true }),
        ["supplements"] = new JsonArray(new JsonObject
        {
            ["id"] = "bs-1",
            ["content"] = "Bổ sung bản sao giấy chứng sinh",
            ["requestedAt"] = "2025-08-12T09:41:07+07:00",
            ["receivedAt"] = "2025-08-13T09:00:00+07:00",
            ["completed"] = true,
            ["previousDueAt"] = "2025-08-14T17:00:00+07:00",
            ["newDueAt"] = "2025-08-15T17:00:00+07:00",
            ["documents"] = new JsonArray("Bản sao giấy chứng sinh"),
        }),
        ["results"] = new JsonArray(new JsonObject
        {
            ["resultCode"] = "KQ.G15.000031",
            ["numberNotation"] = "123/2025",
            ["name"] = "Giấy khai sinh",
            ["fileUrl"] = "https://files.example.vn/kq-1.pdf",
        }),
    };

    /// <summary>A dossier just accepted at the desk (status 2): the usual way a dossier starts.</summary>
    public static JsonObject Accepted(string code) => Dossier(code, 2);

    /// <summary>A dossier submitted online on DVCQG, not yet received (status 1).</summary>
    public static JsonObject Registered(string code)
    {
        var dossier = Dossier(code, 1);
        dossier.Remove("receivedAt");
        dossier.Remove("dueAt");
        dossier.Remove("supplements");
        return dossier;
    }

    /// <summary>
    /// A dossier refused at the desk (status 3) with its refusal date; with or without the receipt date, as the public
    /// senders send it (TD-DVC: the desk's receipt date; OpenCPS: blank when never received).
    /// </summary>
    public static JsonObject Refused(string code, bool withReceiptDate)
    {
        var dossier = Dossier(code, 3);
        dossier.Remove("dueAt");
        dossier.Remove("supplements");
        if (!withReceiptDate)
        {
            dossier.Remove("receivedAt");
        }

        dossier["rejectedAt"] = "2025-08-12T08:30:00+07:00";
        return dossier;
    }

    /// <summary>A dossier whose result was handed over (status 10), with its end and hand-over dates: what a backfill sends.</summary>
    public static JsonObject Finished(string code)
    {
        var dossier = Dossier(code, 10);
        dossier["processingEndedAt"] = "2025-08-15T10:00:00+07:00";
        dossier["resultReturnedAt"] = "2025-08-15T15:00:00+07:00";
        return dossier;
    }

    public const string ReopenReason = "Mở lại hồ sơ theo yêu cầu của Chủ tịch UBND xã: kết quả ghi sai ngày sinh";

    /// <summary>A finished dossier reopened (10 → 2): back at the desk, its reason in <c>note</c>.</summary>
    public static JsonObject Reopened(string code)
    {
        var dossier = Dossier(code, 2);
        dossier["note"] = ReopenReason;
        return dossier;
    }

    /// <summary>The step that records a reopening (10 → 2), its reason in <c>note</c>.</summary>
    public static JsonObject Reopening(int seq, int minute)
    {
        var step = Step(seq, 2, minute);
        step["note"] = ReopenReason;
        return step;
    }

    public static JsonObject Step(int seq, int status, int minute = 0) => new()
    {
        ["seq"] = seq,
        ["status"] = status,
        ["actor"] = "Nguyễn Văn Bình",
        ["actorTitle"] = "Chuyên viên",
        ["department"] = "Phòng Hộ tịch",
        ["note"] = "Xử lý hồ sơ",
        ["occurredAt"] = string.Create(CultureInfo.InvariantCulture, $"2025-08-12T{9 + (minute / 60):D2}:{minute % 60:D2}:00+07:00"),
        ["stepStartAt"] = "2025-08-12T08:00:00+07:00",
        ["stepDueAt"] = "2025-08-14T17:00:00+07:00",
    };

    public static JsonObject Steps(params JsonObject[] steps) => new() { ["steps"] = new JsonArray([.. steps]) };

    public static JsonObject Batch(params JsonObject[] items) => new() { ["items"] = new JsonArray([.. items]) };

    public static JsonObject DossierItem(JsonObject dossier) => new() { ["dossier"] = dossier };

    public static JsonObject ProgressItem(string code, params JsonObject[] steps) => new()
    {
        ["progress"] = new JsonObject { ["dossierCode"] = code, ["steps"] = new JsonArray([.. steps]) },
    };

    public static StringContent Json(JsonNode body) => Json(body.ToJsonString());

    public static StringContent Json(string body) => new(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
