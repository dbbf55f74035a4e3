using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml;
using Lgsp.Core.Xml;
using Lgsp.Sandbox.CivilRegistry;
using Lgsp.Sandbox.Data;
using Lgsp.Sandbox.Data.Records;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Sandbox.Tests.CivilRegistry;

/// <summary>The civil registry stand-in behind the LGSP gateway: API key, one entry by book and number, every entry about a person.</summary>
public sealed class CivilRegistryApiTests(CivilRegistryApiTests.Host fixture) : IClassFixture<CivilRegistryApiTests.Host>
{
    private readonly SandboxHost _host = fixture.Sandbox;

    private SyntheticWorld World => _host.Services.GetRequiredService<SyntheticWorld>();

    [Fact]
    public async Task Record_BirthWithEscapedBook_AnswersTheXmlRecordInData()
    {
        var birth = World.Births.First(b => b.Cha is not null);

        var (status, body) = await GetAsync(RecordUri(birth));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("status").GetInt32());
        var hoso = Single(body);
        Assert.Equal("KS", Text(hoso, "module"));
        Assert.Equal(birth.MaDonVi, Text(hoso, "maDonVi"));
        Assert.Equal(birth.QuyenSo, Text(hoso, "quyenSo"));
        Assert.Equal(birth.SoDangKy.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(hoso, "soDangKy"));
        Assert.Equal(birth.NgayDangKy.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), Text(hoso, "ngayDangKy"));
        Assert.Equal("KQ.G15.000031", Text(hoso, "maGiayToKetQua"));
        Assert.Equal(birth.Nks.HoTen.DayDu, Text(hoso, "nksHoTen"));
        Assert.Equal(birth.Nks.SoDinhDanh, Text(hoso, "nksSoDDCN"));
        Assert.Equal(birth.NksNoiSinh, hoso["nksNoiSinh"]!["dcChiTiet"]!.InnerText);
        Assert.Equal(birth.Me.HoTen.DayDu, Text(hoso, "meHoTen"));
        Assert.Equal(birth.Cha!.HoTen.DayDu, Text(hoso, "chaHoTen"));
        Assert.Equal(birth.MaGcs, Text(hoso, "maGCS"));
        Assert.Equal(birth.Nyc.QuanHe, Text(hoso, "nycQuanHe"));
    }

    [Fact]
    public async Task Record_BirthWithoutFather_HasNoFatherFields()
    {
        var birth = World.Births.First(b => b.Cha is null);

        var (_, body) = await GetAsync(RecordUri(birth));

        Assert.Null(Single(body)["chaHoTen"]);
    }

    [Fact]
    public async Task Record_Death_HasTheDeathAndItsNotice()
    {
        var death = World.Deaths[0];

        var (_, body) = await GetAsync(RecordUri(death));

        var hoso = Single(body);
        Assert.Equal("KT", Text(hoso, "module"));
        Assert.Equal(death.Nkt.SoDinhDanh, Text(hoso, "nktSoDDCN"));
        Assert.Equal(death.NktNgayChet.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), Text(hoso, "nktNgayChet"));
        Assert.Equal(death.NktNguyenNhanChet, Text(hoso, "nktNguyenNhanChet"));
        Assert.Equal(death.MaGbt, Text(hoso, "maGBT"));
        Assert.Equal("KQ.G15.000034", Text(hoso, "maGiayToKetQua"));
    }

    [Fact]
    public async Task Record_Marriage_HasBothSpousesAndNoResultCode()
    {
        var marriage = World.Marriages[0];

        var (_, body) = await GetAsync(RecordUri(marriage));

        var hoso = Single(body);
        Assert.Equal(marriage.Chong.SoDinhDanh, Text(hoso, "chongSoDDCN"));
        Assert.Equal(marriage.Vo.SoDinhDanh, Text(hoso, "voSoDDCN"));
        Assert.Equal("", Text(hoso, "maGiayToKetQua"));
    }

    [Fact]
    public async Task Record_BookWithABareSlash_IsTheGatewaysNoMatchingResource()
    {
        var birth = World.Births[0];

        var (status, body) = await GetAsync($"{CivilRegistryApi.RecordPath}/KS/{birth.MaDonVi}/{birth.QuyenSo}/{birth.SoDangKy}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(404, body.GetProperty("fault").GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData("KS", 99_999, CivilRegistryApi.NotFound)]
    [InlineData("XX", 1, CivilRegistryApi.InvalidInput)]
    [InlineData("1", 1, CivilRegistryApi.InvalidInput)]
    [InlineData("KS", 0, CivilRegistryApi.InvalidInput)]
    public async Task Record_UnknownOrInvalid_IsARefusalWithItsCode(string module, int number, string code)
    {
        var birth = World.Births[0];

        var (status, body) = await GetAsync($"{CivilRegistryApi.RecordPath}/{module}/{birth.MaDonVi}/{Uri.EscapeDataString(birth.QuyenSo)}/{number}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body.GetProperty("status").GetInt32());
        Assert.Equal(code, body.GetProperty("errorCode").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").ValueKind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    public async Task AnyCall_WithoutTheApiKey_IsWso2InvalidCredentials(string? key)
    {
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, RecordUri(World.Births[0]));
        if (key is not null)
        {
            request.Headers.Add("apikey", key);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("900901", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Person_DeceasedMarriedCitizen_GetsEveryEntryAboutThem()
    {
        var person = World.Citizens.First(c => c.DaChet && World.FindCivilRegistrationsOf(c.SoDinhDanh).Count >= 2);
        var expected = World.FindCivilRegistrationsOf(person.SoDinhDanh);

        var (status, body) = await PostAsync(new { soDinhDanh = person.SoDinhDanh });

        Assert.Equal(HttpStatusCode.OK, status);
        var entries = Entries(body);
        Assert.Equal(expected.Select(e => e.Loai.ToString()), entries.Select(e => Text(e, "module")));
        Assert.Contains(entries, e => Text(e, "module") == "KT" && Text(e, "nktSoDDCN") == person.SoDinhDanh);
    }

    [Fact]
    public async Task Person_NothingOnRecord_IsAnEmptyList()
    {
        var (status, body) = await PostAsync(new { soDinhDanh = "001085999999" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("status").GetInt32());
        Assert.Empty(Entries(body));
    }

    [Fact]
    public async Task Person_InvalidId_IsInvalidInput()
    {
        var (_, body) = await PostAsync(new { soDinhDanh = "12AB" });

        Assert.Equal(CivilRegistryApi.InvalidInput, body.GetProperty("errorCode").GetString());
    }

    private static string RecordUri(HoTich entry) =>
        $"{CivilRegistryApi.RecordPath}/{entry.Loai}/{entry.MaDonVi}/{Uri.EscapeDataString(entry.QuyenSo)}/{entry.SoDangKy}";

    private async Task<(HttpStatusCode, JsonElement)> GetAsync(string uri)
    {
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Add("apikey", CivilRegistryStandInOptions.DevelopmentApiKey);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private async Task<(HttpStatusCode, JsonElement)> PostAsync(object body)
    {
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, CivilRegistryApi.PersonPath) { Content = JsonContent.Create(body) };
        request.Headers.Add("apikey", CivilRegistryStandInOptions.DevelopmentApiKey);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static List<XmlElement> Entries(JsonElement body)
    {
        var document = SafeXml.LoadDocument(body.GetProperty("data").GetString()!);
        Assert.Equal("hotich", document.DocumentElement!.Name);
        return [.. document.DocumentElement.ChildNodes.OfType<XmlElement>()];
    }

    private static XmlElement Single(JsonElement body) => Assert.Single(Entries(body));

    private static string Text(XmlElement hoso, string name) => hoso[name]!.InnerText;

    /// <summary>One sandbox for the class.</summary>
    public sealed class Host : IDisposable
    {
        public SandboxHost Sandbox { get; } = new();

        public void Dispose() => Sandbox.Dispose();
    }
}
