using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Lgsp.Sandbox.ProvincialPortal;

namespace Lgsp.Sandbox.Tests.ProvincialPortal;

/// <summary>The provincial one-stop stand-in: sign-in, dossiers and steps keyed by Idempotency-Key, its own vocabulary, what it shows tests.</summary>
public sealed class ProvincialPortalApiTests : IDisposable
{
    private const string Code = "H56.14-251124-7001";

    private readonly SandboxHost _host = new(new Dictionary<string, string?> { ["Sandbox:ProvincialPortal:TokenLifetimeSeconds"] = "60" });

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task SignIn_RightAccount_GivesJwtWithExpiry()
    {
        using var http = _host.CreateClient();

        var token = await TokenAsync(http);

        var payload = JsonNode.Parse(Convert.FromBase64String(Pad(token.Split('.')[1].Replace('-', '+').Replace('_', '/'))))!;
        Assert.Equal(_host.Time.GetUtcNow().AddSeconds(60).ToUnixTimeSeconds(), payload["exp"]!.GetValue<long>());
    }

    [Fact]
    public async Task SignIn_WrongTenant_IsUnauthorized()
    {
        using var http = _host.CreateClient();
        using var request = SignIn("other");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PutDossier_New_IsCreatedAndShown()
    {
        using var http = _host.CreateClient();

        using var response = await SendAsync(http, HttpMethod.Post, "/motcua/api/v1/dongbo/hosodvcqg", HoSo(1), Code + "@1");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var received = await ReceivedAsync(http);
        Assert.Equal(1, received["phienBan"]!.GetValue<int>());
        Assert.Equal(Code + "@1", received["calls"]![0]!["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutDossier_SameKeyAgain_IsAnsweredAlikeAndAppliedOnce()
    {
        using var http = _host.CreateClient();
        using var first = await SendAsync(http, HttpMethod.Post, "/motcua/api/v1/dongbo/hosodvcqg", HoSo(1), Code + "@1");

        using var again = await SendAsync(http, HttpMethod.Post, "/motcua/api/v1/dongbo/hosodvcqg", HoSo(1), Code + "@1");

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var received = await ReceivedAsync(http);
        Assert.Equal(1, received["replays"]!.GetValue<int>());
    }

    [Fact]
    public async Task PutDossier_SameKeyOtherContent_IsRefused()
    {
        using var http = _host.CreateClient();
        using var first = await SendAsync(http, HttpMethod.Post, "/motcua/api/v1/dongbo/hosodvcqg", HoSo(1), Code + "@1");

        using var other = await SendAsync(http, HttpMethod.Post, "/motcua/api/v1/dongbo/hosodvcqg", HoSo(2), Code + "@1");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
    }

    [Fact]
    public async Task PutDossier_OlderVersionAfterNewer_IsKeptOutAndFlagged()
    {
        using var http = _host.CreateClient();
        using var newer = await SendAsync(http, HttpMethod.Post, "/motcua/api/v1/dongbo/hosodvcqg", HoSo(2), Code + "@2");

        using var older = await SendAsync(http, HttpMethod.Post, "/motcua/api/v1/dongbo/hosodvcqg", HoSo(1), Code + "@1");

        var received = await ReceivedAsync(http);
        Assert.Equal(2, received["phienBan"]!.GetValue<int>());
        Assert.Equal(1, received["outOfOrder"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("loaiDoiTuong", "1", "loaiDoiTuong: giá trị 1 không hợp lệ")]
    [InlineData("ngayNopHoSo", "20251124080000", "ngayNopHoSo: phải có dạng")]
    [InlineData("ngayNopHoSo", "2025-11-24T08:00:00+07:00", "ngayNopHoSo: phải có dạng")]
    [InlineData("trangThaiHoSoId", "0", "trangThaiHoSoId: giá trị 0 không hợp lệ")]
    public async Task PutDossier_InvalidField_IsRefusedNamingIt(string field, string value, string expected)
    {
        using var http = _host.CreateClient();
        var hoSo = HoSo(1);
        hoSo[field] = value;

        using var response = await SendAsync(http, HttpMethod.Post, "/motcua/api/v1/dongbo/hosodvcqg", hoSo, Code + "@1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutDossier_WithoutIdempotencyKey_IsBadRequest()
    {
        using var http = _host.CreateClient();

        using var response = await SendAsync(http, HttpMethod.Post, "/motcua/api/v1/dongbo/hosodvcqg", HoSo(1), key: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AddStep_ToKnownDossier_IsStoredAndShownByTheLookup()
    {
        using var http = _host.CreateClient();
        using var created = await SendAsync(http, HttpMethod.Post, "/motcua/api/v1/dongbo/hosodvcqg", HoSo(1), Code + "@1");

        using var step = await SendAsync(http, HttpMethod.Post, $"/motcua/api/v1/dongbo/hosodvcqg/{Code}/quatrinh", Step(1), Code + "#1");
        using var lookup = await SendAsync(http, HttpMethod.Get, $"/motcua/api/v1/dongbo/hosodvcqg/{Code}", null, null);

        Assert.Equal(HttpStatusCode.Created, step.StatusCode);
        var data = (await lookup.Content.ReadFromJsonAsync<JsonObject>())!["data"]!;
        Assert.Single(data["quaTrinhXuLy"]!.AsArray());
    }

    [Fact]
    public async Task AddStep_UnknownDossier_IsNotFound()
    {
        using var http = _host.CreateClient();

        using var step = await SendAsync(http, HttpMethod.Post, $"/motcua/api/v1/dongbo/hosodvcqg/{Code}/quatrinh", Step(1), Code + "#1");

        Assert.Equal(HttpStatusCode.NotFound, step.StatusCode);
    }

    [Fact]
    public async Task Api_WithoutToken_IsUnauthorized()
    {
        using var http = _host.CreateClient();

        using var response = await http.GetAsync(new Uri($"/motcua/api/v1/dongbo/hosodvcqg/{Code}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_ExpiredToken_IsUnauthorized()
    {
        using var http = _host.CreateClient();
        var token = await TokenAsync(http);
        _host.Time.Advance(TimeSpan.FromSeconds(61));

        using var response = await SendAsync(http, HttpMethod.Get, $"/motcua/api/v1/dongbo/hosodvcqg/{Code}", null, null, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Seeded_Dossiers_CanBeLookedUp()
    {
        using var http = _host.CreateClient();
        var seeded = await http.GetFromJsonAsync<JsonArray>("/_sandbox/provincial/dossiers");
        var code = seeded![0]!["maHoSo"]!.GetValue<string>();

        using var lookup = await SendAsync(http, HttpMethod.Get, $"/motcua/api/v1/dongbo/hosodvcqg/{code}", null, null);

        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        Assert.Equal(6, seeded.Count);
    }

    internal static JsonObject HoSo(int version) => new()
    {
        ["maHoSo"] = Code,
        ["maTTHC"] = "1.001193",
        ["tenTTHC"] = "Đăng ký khai sinh",
        ["maDonViTiepNhan"] = "000.00.14.H56",
        ["kenhThucHien"] = "2",
        ["nguonHoSo"] = "DVCQG",
        ["chuHoSo"] = "Nguyễn Văn An",
        ["loaiDoiTuong"] = "Công dân",
        ["trichYeuHoSo"] = "Đăng ký khai sinh cho con",
        ["ngayNopHoSo"] = "2025-11-24T07:45:00",
        ["trangThaiHoSoId"] = version == 1 ? "1" : "7",
        ["phienBan"] = version,
    };

    private static JsonObject Step(int seq) => new()
    {
        ["maHoSo"] = Code,
        ["buoc"] = seq,
        ["trangThai"] = "7",
        ["tenNguoiXuLy"] = "Nguyễn Văn An",
        ["thaoTac"] = "Công dân rút hồ sơ trên Cổng DVC quốc gia",
        ["thoiGian"] = "2025-11-24T09:00:00",
    };

    private static async Task<JsonObject> ReceivedAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<JsonObject>($"/_sandbox/provincial/received?dossier={Code}"))!;

    private async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, JsonObject? body, string? key, string? token = null)
    {
        token ??= await TokenAsync(http);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("tenant", "root");
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await http.SendAsync(request);
    }

    private static async Task<string> TokenAsync(HttpClient http)
    {
        using var request = SignIn("root");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    private static HttpRequestMessage SignIn(string tenant)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/motcua/api/tokens")
        {
            Content = JsonContent.Create(new { username = ProvincialPortalStandInOptions.DevelopmentUsername, password = ProvincialPortalStandInOptions.DevelopmentPassword }),
        };
        request.Headers.Add("tenant", tenant);
        return request;
    }

    private static string Pad(string text) => text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
}
