using System.Xml;
using Lgsp.Adapters.Population.Soap;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Lgsp.Core.Xml;

namespace Lgsp.Adapters.Population.Tests;

/// <summary>The service's records (after verification) to the canonical ones, and answers the adapter must refuse.</summary>
public sealed class PopulationMappingTests
{
    private const string RequestId = "yc-42";
    private static readonly PersonalId Asked = PersonalId.CreateCccd("066", Gender.Male, 1978, 123);
    private static readonly PersonalId Father = PersonalId.CreateCccd("066", Gender.Male, 1950, 7);

    [Fact]
    public void ToCitizen_HighlandNameAndYearOnlyBirth_AreCarriedAsTheDatabaseHasThem()
    {
        var citizen = PopulationMapping.ToCitizen(Answer(Record()), Asked, RequestId);

        Assert.Equal(new PersonName { Family = "Y", Middle = "Bhim", Given = "Niê", Full = "Y Bhim Niê" }, citizen.Name);
        Assert.Null(citizen.DateOfBirth);
        Assert.Equal(1978, citizen.BirthYear);
        Assert.Equal(Genders.Male, citizen.Gender);
        Assert.Null(citizen.OldId);
        Assert.Null(citizen.BloodType);
        Assert.Equal("14", citizen.Ethnicity);
    }

    [Fact]
    public void ToCitizen_AddressesRelativesAndHousehold_AreMapped()
    {
        var citizen = PopulationMapping.ToCitizen(Answer(Record()), Asked, RequestId);

        Assert.Equal(new Address
        {
            ProvinceCode = "66", ProvinceName = "Tỉnh Đắk Lắk", WardCode = "24133", WardName = "Phường Buôn Ma Thuột",
            Detail = "Buôn Ako Dhông", Country = "VN", Full = "Buôn Ako Dhông, Phường Buôn Ma Thuột, Tỉnh Đắk Lắk",
        }, citizen.PermanentAddress);
        Assert.Equal("Buôn Ako Dhông, Phường Tân Lợi, Thành phố Buôn Ma Thuột, Tỉnh Đắk Lắk", citizen.CurrentAddress?.Full); // an older record's district is kept
        Assert.Null(citizen.Hometown);
        Assert.Equal(new Relative { FullName = "Y Kông Niê", PersonalId = Father, Nationality = "VN" }, citizen.Father);
        Assert.Null(citizen.Mother);
        Assert.Equal(new HouseholdHead { FullName = "Y Bhim Niê", PersonalId = Asked, Relation = "Chủ hộ" }, citizen.HouseholdHead);
        Assert.Equal("HK-66-000123", citizen.HouseholdBookNo);
    }

    [Fact]
    public void ToCitizen_AskedByOldId_IsTheRecordCarryingIt()
    {
        var old = PersonalId.Parse("241234567");

        var citizen = PopulationMapping.ToCitizen(Answer(Record(soCmnd: old.Value)), old, RequestId);

        Assert.Equal(Asked, citizen.PersonalId);
        Assert.Equal(old, citizen.OldId);
    }

    [Fact]
    public void ToCitizen_NotFoundCode_IsNotFound()
    {
        var fault = Assert.Throws<LgspException>(() => PopulationMapping.ToCitizen(Answer("", code: "01"), Asked, RequestId));

        Assert.Equal("upstream.population.not_found", fault.Error.Code);
    }

    public static TheoryData<string, string> Untrustworthy => new()
    {
        { "another request's answer", CollectionXml(Record(), requestId: "yc-other") },
        { "unknown result code", CollectionXml(Record(), code: "99") },
        { "found without record", CollectionXml("") },
        { "two records", CollectionXml(Record() + Record()) },
        { "someone else", CollectionXml(Record(id: Father.Value)) },
        { "no personal id", CollectionXml(Record(id: "")) },
        { "gender code", CollectionXml(Record(gender: "3")) },
        { "year and date disagree", CollectionXml(Record(birth: "<Nam>1978</Nam><NgayThangNam>19790101</NgayThangNam>")) },
        { "date not yyyyMMdd", CollectionXml(Record(birth: "<Nam>1978</Nam><NgayThangNam>01/01/1978</NgayThangNam>")) },
        { "year not a year", CollectionXml(Record(birth: "<Nam>78</Nam>")) },
        { "relative without name", CollectionXml(Record(father: "<Cha><HoVaTen/><SoDinhDanh>" + Father.Value + "</SoDinhDanh></Cha>")) },
        { "relative's id", CollectionXml(Record(father: "<Cha><HoVaTen>Y Kông Niê</HoVaTen><SoDinhDanh>12AB</SoDinhDanh></Cha>")) },
        { "repeated field", CollectionXml(Record(gender: "1</GioiTinh><GioiTinh>2")) },
    };

    [Theory]
    [MemberData(nameof(Untrustworthy))]
    public void ToCitizen_UntrustworthyAnswer_IsBadResponse(string why, string xml)
    {
        var fault = Assert.Throws<LgspException>(() => PopulationMapping.ToCitizen(Element(xml), Asked, RequestId));

        Assert.True(fault.Error.Code == "upstream.population.bad_response", why);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    public void ToVerification_Answer_IsMatchedAndComparedFields(string result, bool matched)
    {
        var verification = PopulationMapping.ToVerification(Element(Verification(result, "HoVaTen", "NgayThangNam")), Asked, RequestId);

        Assert.Equal(matched, verification.Matched);
        Assert.Equal(Asked, verification.PersonalId);
        Assert.Equal(["fullName", "dateOfBirth"], verification.ComparedFields);
    }

    [Theory]
    [InlineData("yes", "HoVaTen")]
    [InlineData("true", "NoiSinh")]
    [InlineData("true")]
    public void ToVerification_UnreadableAnswer_IsBadResponse(string result, params string[] fields)
    {
        var fault = Assert.Throws<LgspException>(() => PopulationMapping.ToVerification(Element(Verification(result, fields)), Asked, RequestId));

        Assert.Equal("upstream.population.bad_response", fault.Error.Code);
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>&e;</soap:Body></soap:Envelope>")]
    [InlineData("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><CongdanCollection xmlns=\"http://dancuquocgia.bca\">")]
    [InlineData("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><Other xmlns=\"http://dancuquocgia.bca\"/></soap:Body></soap:Envelope>")]
    [InlineData("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><CongdanCollection xmlns=\"http://dancuquocgia.bca\"/><CongdanCollection xmlns=\"http://dancuquocgia.bca\"/></soap:Body></soap:Envelope>")]
    [InlineData("{\"fault\":{\"code\":101503}}")]
    public void AnswerElement_UnsafeMalformedOrUnexpected_IsBadResponse(string text)
    {
        var fault = Assert.Throws<LgspException>(() => PopulationWire.AnswerElement(text, PopulationWire.LookupAnswer));

        Assert.Equal("upstream.population.bad_response", fault.Error.Code);
        Assert.Equal(FaultOrigin.Upstream, fault.Error.Origin);
    }

    [Theory]
    [InlineData("soap:Client", "DC01", "DC01")]
    [InlineData("SOAP-ENV:Client.Authentication", "DC02", "DC02")]
    [InlineData("soap:Client", "", "-")]
    [InlineData("soap:Client", "<script>", "-")]
    [InlineData("soap:Server", "DC99", null)]
    public void SoapFaultHandler_ReadClientFault_OnlyForClientFaults(string faultCode, string code, string? expected)
    {
        var text = $"""
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>{faultCode}</faultcode>
            <faultstring>x</faultstring><detail><LoiDichVu xmlns="http://dancuquocgia.bca"><MaLoi>{System.Security.SecurityElement.Escape(code)}</MaLoi></LoiDichVu></detail>
            </soap:Fault></soap:Body></soap:Envelope>
            """;

        Assert.Equal(expected, SoapFaultHandler.ReadClientFault(text));
    }

    [Fact]
    public void SoapFaultHandler_ReadClientFault_NotASoapFault_IsNull()
    {
        Assert.Null(SoapFaultHandler.ReadClientFault("{\"fault\":{\"code\":101503,\"message\":\"Runtime Error\"}}"));
    }

    private static XmlElement Element(string soap) => PopulationWire.AnswerElement(soap, soap.Contains("KetQuaXacThuc", StringComparison.Ordinal) ? "KetQuaXacThuc" : "CongdanCollection");

    private static string Envelope(string inner) =>
        $"""<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>{inner}</soap:Body></soap:Envelope>""";

    private static XmlElement Answer(string records, string code = "00") => Element(CollectionXml(records, code));

    private static string CollectionXml(string records, string code = "00", string requestId = RequestId) =>
        Envelope($"""<CongdanCollection xmlns="http://dancuquocgia.bca" Id="kq-1"><MaYeuCau>{requestId}</MaYeuCau><MaKetQua>{code}</MaKetQua><MoTaKetQua/>{records}</CongdanCollection>""");

    private static string Verification(string result, params string[] fields) =>
        Envelope($"""<KetQuaXacThuc xmlns="http://dancuquocgia.bca" Id="kq-2"><MaYeuCau>{RequestId}</MaYeuCau><MaKetQua>00</MaKetQua><SoDinhDanh>{Asked.Value}</SoDinhDanh><KetQua>{result}</KetQua>{string.Concat(fields.Select(f => $"<TruongDoiChieu>{f}</TruongDoiChieu>"))}</KetQuaXacThuc>""");

    private static string Record(string? id = null, string gender = "1", string birth = "<Nam>1978</Nam><NgayThangNam/>", string? soCmnd = null, string? father = null) => $"""
        <CongDan><SoDinhDanh>{id ?? Asked.Value}</SoDinhDanh><SoCMND>{soCmnd}</SoCMND>
        <HoVaTen><Ho>Y</Ho><ChuDem>Bhim</ChuDem><Ten>Niê</Ten></HoVaTen><GioiTinh>{gender}</GioiTinh><DanToc>14</DanToc><TonGiao>1</TonGiao>
        <TinhTrangHonNhan>2</TinhTrangHonNhan><NhomMau/><NgayThangNamSinh>{birth}</NgayThangNamSinh><QuocTich>VN</QuocTich>
        <ThuongTru><MaTinhThanh>66</MaTinhThanh><MaQuanHuyen/><MaPhuongXa>24133</MaPhuongXa><TenTinhThanh>Tỉnh Đắk Lắk</TenTinhThanh><TenQuanHuyen/>
          <TenPhuongXa>Phường Buôn Ma Thuột</TenPhuongXa><ChiTiet>Buôn Ako Dhông</ChiTiet><QuocGia>VN</QuocGia></ThuongTru>
        <NoiOHienTai><MaTinhThanh>66</MaTinhThanh><MaPhuongXa>24121</MaPhuongXa><TenTinhThanh>Tỉnh Đắk Lắk</TenTinhThanh><TenQuanHuyen>Thành phố Buôn Ma Thuột</TenQuanHuyen>
          <TenPhuongXa>Phường Tân Lợi</TenPhuongXa><ChiTiet>Buôn Ako Dhông</ChiTiet></NoiOHienTai>
        {father ?? $"<Cha><HoVaTen>Y Kông Niê</HoVaTen><QuocTich>VN</QuocTich><SoDinhDanh>{Father.Value}</SoDinhDanh><SoCMND/></Cha>"}
        <ChuHo><QuanHe>Chủ hộ</QuanHe><SoDinhDanh>{Asked.Value}</SoDinhDanh><SoCMND/><HoVaTen>Y Bhim Niê</HoVaTen></ChuHo><SoSoHoKhau>HK-66-000123</SoSoHoKhau>
        </CongDan>
        """;
}
