using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Xml;
using Lgsp.Core.Errors;
using Lgsp.Core.Signing;
using Lgsp.Core.Xml;
using Lgsp.Sandbox.Data;
using Lgsp.Sandbox.Data.Records;
using Lgsp.Sandbox.Population;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Sandbox.Tests.Population;

/// <summary>The population database stand-in: SOAP 1.1, signed answers, strict requests and the service's refusals.</summary>
public sealed class PopulationApiTests(PopulationApiTests.Host fixture) : IClassFixture<PopulationApiTests.Host>, IAsyncLifetime
{
    private const string Ns = "http://dancuquocgia.bca";
    private const string Path = "/csdldancu/1.0/CongDanService";

    private readonly SandboxHost _host = fixture.Sandbox;

    public async Task InitializeAsync()
    {
        using var client = _host.CreateClient();
        using var faults = await client.DeleteAsync(new Uri("/_sandbox/faults/population", UriKind.Relative));
        using var requests = await client.DeleteAsync(new Uri("/_sandbox/population/requests", UriKind.Relative));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private SyntheticWorld World => _host.Services.GetRequiredService<SyntheticWorld>();

    [Fact]
    public async Task Lookup_KnownCitizen_AnswersTheSignedRecordInTheDatabaseShape()
    {
        var citizen = World.Citizens.First(c => c.Cha is not null && c.ChuHo is not null && c.NgayThangNamSinh.NgayThangNam is not null);

        var (status, document) = await CallAsync("TraCuuThongTinCongDan", Fields(citizen.SoDinhDanh, requestId: "yc-001"));

        Assert.Equal(HttpStatusCode.OK, status);
        var collection = Single(document, "CongdanCollection");
        Verify(collection);
        Assert.Equal("yc-001", Text(collection, "MaYeuCau"));
        Assert.Equal("00", Text(collection, "MaKetQua"));
        var record = Child(collection, "CongDan");
        Assert.Equal(citizen.SoDinhDanh, Text(record, "SoDinhDanh"));
        Assert.Equal(citizen.HoVaTen.Ho, Text(Child(record, "HoVaTen"), "Ho"));
        Assert.Equal(citizen.HoVaTen.ChuDem, Text(Child(record, "HoVaTen"), "ChuDem"));
        Assert.Equal(citizen.HoVaTen.Ten, Text(Child(record, "HoVaTen"), "Ten"));
        Assert.Equal(((int)citizen.GioiTinh).ToString(CultureInfo.InvariantCulture), Text(record, "GioiTinh"));
        Assert.Equal(citizen.NgayThangNamSinh.NgayThangNam!.Value.ToString("yyyyMMdd", CultureInfo.InvariantCulture), Text(Child(record, "NgayThangNamSinh"), "NgayThangNam"));
        Assert.Equal(citizen.ThuongTru.MaPhuongXa, Text(Child(record, "ThuongTru"), "MaPhuongXa"));
        Assert.Equal("", Text(Child(record, "ThuongTru"), "MaQuanHuyen")); // no districts since 2025, the field stays
        Assert.Equal(citizen.Cha!.HoVaTen.DayDu, Text(Child(record, "Cha"), "HoVaTen"));
        Assert.Equal(citizen.ChuHo!.QuanHe, Text(Child(record, "ChuHo"), "QuanHe"));
        Assert.Equal(citizen.SoSoHoKhau, Text(record, "SoSoHoKhau"));
    }

    [Fact]
    public async Task Lookup_YearOnlyBirth_HasTheYearAndAnEmptyDate()
    {
        var citizen = World.Citizens.First(c => c.NgayThangNamSinh.NgayThangNam is null);

        var (_, document) = await CallAsync("TraCuuThongTinCongDan", Fields(citizen.SoDinhDanh));

        var birth = Child(Child(Single(document, "CongdanCollection"), "CongDan"), "NgayThangNamSinh");
        Assert.Equal(citizen.NgayThangNamSinh.Nam.ToString(CultureInfo.InvariantCulture), Text(birth, "Nam"));
        Assert.Equal("", Text(birth, "NgayThangNam"));
    }

    [Fact]
    public async Task Lookup_UnknownCitizen_IsASignedNotFoundWithoutRecord()
    {
        var (status, document) = await CallAsync("TraCuuThongTinCongDan", Fields(UnknownId()));

        Assert.Equal(HttpStatusCode.OK, status);
        var collection = Single(document, "CongdanCollection");
        Verify(collection);
        Assert.Equal("01", Text(collection, "MaKetQua"));
        Assert.Empty(collection.GetElementsByTagName("CongDan", Ns));
    }

    [Fact]
    public async Task Lookup_OldIdOnly_FindsTheCitizen()
    {
        var citizen = World.Citizens.First(c => c.SoCmnd is not null);

        var (_, document) = await CallAsync("TraCuuThongTinCongDan", Fields(null, soCmnd: citizen.SoCmnd));

        Assert.Equal(citizen.SoDinhDanh, Text(Child(Single(document, "CongdanCollection"), "CongDan"), "SoDinhDanh"));
    }

    [Theory]
    [InlineData("MaCanBo")]
    [InlineData("MaDVC")]
    [InlineData("MaYeuCau")]
    [InlineData("MaTichHop")]
    public async Task Request_WithoutARequiredField_IsAClientFaultNamingIt(string omitted)
    {
        var fields = Fields(World.Citizens[0].SoDinhDanh).Where(f => f.Name != omitted).ToList();

        var (status, document) = await CallAsync("TraCuuThongTinCongDan", fields);

        AssertClientFault(status, document, "DC01", omitted);
    }

    [Fact]
    public async Task Request_FieldsOutOfOrder_AreRefusedAsASchemaWould()
    {
        var fields = Fields(World.Citizens[0].SoDinhDanh);
        (fields[2], fields[3]) = (fields[3], fields[2]); // MaCanBo before MaTichHop

        var (status, document) = await CallAsync("TraCuuThongTinCongDan", fields);

        AssertClientFault(status, document, "DC05", "MaTichHop");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("\"http://dancuquocgia.bca/XacThucThongTinCongDan\"")]
    public async Task Request_SoapActionMissingOrForAnotherOperation_IsRefused(string? soapAction)
    {
        var (status, document) = await CallAsync("TraCuuThongTinCongDan", Fields(World.Citizens[0].SoDinhDanh), soapAction: soapAction ?? "");

        AssertClientFault(status, document, "DC04", "SOAPAction");
    }

    [Fact]
    public async Task Request_UnregisteredIntegrationCode_IsRefused()
    {
        var (status, document) = await CallAsync("TraCuuThongTinCongDan", Fields(World.Citizens[0].SoDinhDanh, integrationCode: "LGSP-OTHER"));

        AssertClientFault(status, document, "DC02", "MaTichHop");
    }

    [Fact]
    public async Task Request_WithADtd_IsRefusedUnread()
    {
        const string xml = """
            <?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]>
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>
            """;

        var (status, document) = await PostAsync(xml, "\"http://dancuquocgia.bca/TraCuuThongTinCongDan\"");

        AssertClientFault(status, document, "DC00", "XML");
    }

    [Fact]
    public async Task Request_NotTextXml_IsUnsupportedMediaType()
    {
        using var client = _host.CreateClient();
        using var response = await client.PostAsJsonAsync(Path, new { SoDinhDanh = "001085000123" });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Verify_ComparisonFormAndFullDate_MatchesWithoutReturningTheRecord()
    {
        var citizen = World.Citizens.First(c => c.NgayThangNamSinh.NgayThangNam is not null);

        var (status, document) = await CallAsync("XacThucThongTinCongDan",
            Fields(citizen.SoDinhDanh, name: citizen.HoVaTen.KhongDau, date: citizen.NgayThangNamSinh.NgayThangNam));

        Assert.Equal(HttpStatusCode.OK, status);
        var answer = Single(document, "KetQuaXacThuc");
        Verify(answer);
        Assert.Equal("true", Text(answer, "KetQua"));
        Assert.Equal(["HoVaTen", "NgayThangNam"], Texts(answer, "TruongDoiChieu"));
        Assert.Empty(document.GetElementsByTagName("CongDan", Ns));
        Assert.DoesNotContain(citizen.ThuongTru.TenPhuongXa, document.OuterXml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NameWithDiacritics_DoesNotMatchBecauseTheServiceComparesAsIs()
    {
        var citizen = World.Citizens.First(c => c.NgayThangNamSinh.NgayThangNam is not null && c.HoVaTen.DayDu != c.HoVaTen.KhongDau);

        var (_, document) = await CallAsync("XacThucThongTinCongDan",
            Fields(citizen.SoDinhDanh, name: citizen.HoVaTen.DayDu, date: citizen.NgayThangNamSinh.NgayThangNam));

        Assert.Equal("false", Text(Single(document, "KetQuaXacThuc"), "KetQua"));
    }

    [Fact]
    public async Task Verify_WrongDay_DoesNotMatch()
    {
        var citizen = World.Citizens.First(c => c.NgayThangNamSinh.NgayThangNam is not null);

        var (_, document) = await CallAsync("XacThucThongTinCongDan",
            Fields(citizen.SoDinhDanh, name: citizen.HoVaTen.KhongDau, date: citizen.NgayThangNamSinh.NgayThangNam!.Value.AddDays(1)));

        Assert.Equal("false", Text(Single(document, "KetQuaXacThuc"), "KetQua"));
    }

    [Fact]
    public async Task Verify_YearOnlyRecordAndAFullDate_ComparesOnlyTheYearAndSaysSo()
    {
        var citizen = World.Citizens.First(c => c.NgayThangNamSinh.NgayThangNam is null);

        var (_, document) = await CallAsync("XacThucThongTinCongDan",
            Fields(citizen.SoDinhDanh, name: citizen.HoVaTen.KhongDau, date: new DateOnly(citizen.NgayThangNamSinh.Nam, 3, 15)));

        var answer = Single(document, "KetQuaXacThuc");
        Assert.Equal("true", Text(answer, "KetQua"));
        Assert.Equal(["HoVaTen", "Nam"], Texts(answer, "TruongDoiChieu"));
    }

    [Fact]
    public async Task Verify_WithoutBirth_IsAClientFault()
    {
        var citizen = World.Citizens[0];

        var (status, document) = await CallAsync("XacThucThongTinCongDan", Fields(citizen.SoDinhDanh, name: citizen.HoVaTen.KhongDau));

        AssertClientFault(status, document, "DC01", "NgayThangNamSinh");
    }

    [Fact]
    public async Task BadSignatureSwitch_AnswerStillSigned_ButTheSignatureNoLongerVerifies()
    {
        var citizen = World.Citizens.First(c => c.NgayThangNamSinh.NgayThangNam is not null);
        using var client = _host.CreateClient();
        await SandboxHost.SetFaultAsync(client, "population", new { mode = "badsignature" });

        var (_, document) = await CallAsync("XacThucThongTinCongDan",
            Fields(citizen.SoDinhDanh, name: citizen.HoVaTen.KhongDau, date: citizen.NgayThangNamSinh.NgayThangNam));

        var answer = Single(document, "KetQuaXacThuc");
        Assert.Equal("false", Text(answer, "KetQua")); // flipped after signing
        var fault = Assert.Throws<LgspException>(() => Verify(answer));
        Assert.Equal(ErrorCatalogue.SignatureInvalid, fault.Error);
    }

    [Fact]
    public async Task Certificate_IsTheSigningCertificateAsPem()
    {
        using var client = _host.CreateClient();

        var pem = await client.GetStringAsync(new Uri("/_sandbox/population/certificate", UriKind.Relative));

        using var served = X509Certificate2.CreateFromPem(pem);
        Assert.Equal(_host.Services.GetRequiredService<PopulationSigner>().Certificate.Thumbprint, served.Thumbprint);
        Assert.False(served.HasPrivateKey);
    }

    [Fact]
    public async Task Requests_RecordWhatWasSentInOrder_NewestFirst()
    {
        var citizen = World.Citizens[0];
        await CallAsync("TraCuuThongTinCongDan", Fields(citizen.SoDinhDanh, requestId: "yc-a"));
        await CallAsync("TraCuuThongTinCongDan", Fields(citizen.SoDinhDanh, requestId: "yc-b", officer: null));
        using var client = _host.CreateClient();

        var requests = await client.GetFromJsonAsync<JsonElement>("/_sandbox/population/requests");

        Assert.Equal(2, requests.GetArrayLength());
        Assert.Equal("yc-b", requests[0].GetProperty("maYeuCau").GetString());
        Assert.Equal("fault:DC01", requests[0].GetProperty("outcome").GetString());
        Assert.Equal("found", requests[1].GetProperty("outcome").GetString());
        Assert.Equal("CB-0042", requests[1].GetProperty("maCanBo").GetString());
        Assert.Equal(["MaYeuCau", "MaDVC", "MaTichHop", "MaCanBo", "SoDinhDanh"],
            requests[1].GetProperty("fieldOrder").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void SigningCertificate_KeptOnDisk_IsCreatedOnceAndReused()
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lgsp-sandbox-" + Guid.NewGuid().ToString("N")[..12]);
        var path = System.IO.Path.Combine(dir, "population.pfx");
        try
        {
            string first, second;
            using (var host = new SandboxHost(new Dictionary<string, string?> { ["Sandbox:Population:SigningCertificatePath"] = path }))
            {
                first = host.Services.GetRequiredService<PopulationSigner>().Certificate.Thumbprint;
            }

            using (var host = new SandboxHost(new Dictionary<string, string?> { ["Sandbox:Population:SigningCertificatePath"] = path }))
            {
                second = host.Services.GetRequiredService<PopulationSigner>().Certificate.Thumbprint;
            }

            Assert.Equal(first, second);
            Assert.True(File.Exists(path));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    // ---- helpers: the request written by hand, independently of any adapter ----

    private static List<(string Name, string? Value)> Fields(
        string? soDinhDanh, string requestId = "yc-test", string? officer = "CB-0042", string integrationCode = PopulationStandInOptions.DevelopmentIntegrationCode,
        string? soCmnd = null, string? name = null, DateOnly? date = null)
    {
        var fields = new List<(string, string?)> { ("MaYeuCau", requestId), ("MaDVC", "1.001193"), ("MaTichHop", integrationCode) };
        if (officer is not null)
        {
            fields.Add(("MaCanBo", officer));
        }

        if (soDinhDanh is not null)
        {
            fields.Add(("SoDinhDanh", soDinhDanh));
        }

        if (soCmnd is not null)
        {
            fields.Add(("SoCMND", soCmnd));
        }

        if (name is not null)
        {
            fields.Add(("HoVaTen", name));
        }

        if (date is { } d)
        {
            fields.Add(("NgayThangNamSinh", $"<dc:Nam>{d.Year}</dc:Nam><dc:NgayThangNam>{d:yyyyMMdd}</dc:NgayThangNam>"));
        }

        return fields;
    }

    private Task<(HttpStatusCode, XmlDocument)> CallAsync(string operation, IEnumerable<(string Name, string? Value)> fields, string? soapAction = null)
    {
        var body = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            var content = name == "NgayThangNamSinh" ? value : System.Security.SecurityElement.Escape(value);
            body.Append(CultureInfo.InvariantCulture, $"<dc:{name}>{content}</dc:{name}>");
        }

        var xml = $"""<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:dc="{Ns}"><soap:Body><dc:{operation}>{body}</dc:{operation}></soap:Body></soap:Envelope>""";
        return PostAsync(xml, soapAction ?? $"\"{Ns}/{operation}\"");
    }

    private async Task<(HttpStatusCode, XmlDocument)> PostAsync(string xml, string soapAction)
    {
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(xml, Encoding.UTF8, "text/xml") };
        if (soapAction.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("SOAPAction", soapAction);
        }

        using var response = await client.SendAsync(request);
        Assert.StartsWith("text/xml", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        return (response.StatusCode, SafeXml.LoadDocument(await response.Content.ReadAsStringAsync()));
    }

    private void Verify(XmlElement signed)
    {
        using var verifier = new PacketSignatureVerifier([_host.Services.GetRequiredService<PopulationSigner>().Certificate], _host.Time);
        verifier.VerifyXml(signed);
    }

    private static void AssertClientFault(HttpStatusCode status, XmlDocument document, string code, string mentioned)
    {
        Assert.Equal(HttpStatusCode.InternalServerError, status); // SOAP 1.1 carries faults on 500
        var fault = Assert.Single(document.GetElementsByTagName("Fault", "http://schemas.xmlsoap.org/soap/envelope/").OfType<XmlElement>());
        Assert.Equal("soap:Client", fault["faultcode"]?.InnerText);
        Assert.Contains(mentioned, fault["faultstring"]?.InnerText, StringComparison.Ordinal);
        Assert.Equal(code, document.GetElementsByTagName("MaLoi", Ns)[0]?.InnerText);
    }

    private string UnknownId()
    {
        for (var serial = 999_999; ; serial--)
        {
            var id = Lgsp.Core.Codes.PersonalId.CreateCccd("001", Lgsp.Core.Codes.Gender.Male, 1985, serial).Value;
            if (World.FindCitizen(id) is null)
            {
                return id;
            }
        }
    }

    private static XmlElement Single(XmlDocument document, string name) =>
        Assert.Single(document.GetElementsByTagName(name, Ns).OfType<XmlElement>());

    private static XmlElement Child(XmlElement parent, string name) =>
        parent.ChildNodes.OfType<XmlElement>().Single(e => e.LocalName == name && e.NamespaceURI == Ns);

    private static string Text(XmlElement parent, string name) => Child(parent, name).InnerText;

    private static List<string> Texts(XmlElement parent, string name) =>
        parent.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == name).Select(e => e.InnerText).ToList();

    /// <summary>One sandbox for the class: making its RSA signing key is the slow part.</summary>
    public sealed class Host : IDisposable
    {
        public SandboxHost Sandbox { get; } = new();

        public void Dispose() => Sandbox.Dispose();
    }
}
