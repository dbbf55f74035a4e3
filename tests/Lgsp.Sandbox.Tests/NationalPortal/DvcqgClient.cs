using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lgsp.Sandbox.NationalPortal;

namespace Lgsp.Sandbox.Tests.NationalPortal;

/// <summary>Speaks to the DVCQG stand-in as a one-stop system does: token, then JSON arrays with the bearer token.</summary>
internal sealed class DvcqgClient(HttpClient http)
{
    private string? _token;

    public async Task<string> TokenAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dvcqg/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{NationalPortalStandInOptions.DevelopmentClientId}:{NationalPortalStandInOptions.DevelopmentClientSecret}")));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    public async Task<(int Status, JsonObject Body)> CallAsync(string operation, JsonNode body, string? token = null)
    {
        _token ??= await TokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dvcqg/api/" + operation)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? _token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    public async Task<string> ErrorCodeAsync(string operation, JsonNode body) => (await CallAsync(operation, body)).Body["error_code"]!.GetValue<string>();

    public async Task<JsonObject> ReceivedAsync(string code)
    {
        var text = await http.GetStringAsync(new Uri($"/_sandbox/dvcqg/received?dossier={Uri.EscapeDataString(code)}", UriKind.Relative));
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A valid dossier as DVCQG wants it: every value a string, dates yyyyMMddHHmmss, its enumerations.</summary>
    public static JsonObject HoSo(string code = "H56.14-251124-0101", string status = "4") => new()
    {
        ["MaHoSo"] = code,
        ["MaTTHC"] = "1.001193",
        ["TenTTHC"] = "Đăng ký khai sinh",
        ["MaLinhVuc"] = "HT",
        ["TenLinhVuc"] = "Hộ tịch",
        ["KenhThucHien"] = "2",
        ["ChuHoSo"] = "Nguyễn Văn An",
        ["SoGiayToChuHoSo"] = "079203001234",
        ["LoaiDoiTuong"] = "1",
        ["TrichYeuHoSo"] = "Đăng ký khai sinh cho con",
        ["NgayTiepNhan"] = "20251124080000",
        ["NgayHenTra"] = "20251127170000",
        ["TrangThaiHoSo"] = status,
        ["DinhDanhCHS"] = new JsonArray(new JsonObject { ["LoaiDinhDanh"] = "1", ["SoDinhDanh"] = "079203001234" }),
    };

    public static JsonObject Row(string code, int n, string status = "4") => new()
    {
        ["MaHoSo"] = code,
        ["NguoiXuLy"] = "Nguyễn Văn Bình",
        ["ChucDanh"] = "Chuyên viên",
        ["ThoiDiemXuLy"] = $"202511240{n % 10}0000",
        ["PhongBanXuLy"] = "Phòng Hộ tịch",
        ["NoiDungXuLy"] = $"Bước {n}",
        ["TrangThai"] = status,
        ["NgayBatDau"] = "20251124080000",
        ["NgayKetThucTheoQuyDinh"] = "20251127170000",
    };
}
