using System.Text.Json;
using Lgsp.Adapters.Business.Wire;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;

namespace Lgsp.Adapters.Business.Tests;

/// <summary>The registry's JSON, both shapes of <c>Representatives</c>, and answers the adapter must refuse.</summary>
public sealed class BusinessRegistryMappingTests
{
    private static readonly EnterpriseCode Asked = EnterpriseCode.Parse(FirstValidCode());

    /// <summary>The profile that requires <c>ResultCode</c>; these tests were written for it.</summary>
    private const BusinessAnswerProfile Strict = BusinessAnswerProfile.ResultCode;

    [Fact]
    public void ToEnterprise_RepresentativesAsObject_ReadsOne()
    {
        var enterprise = BusinessRegistryMapping.ToEnterprise(Asked, Read(Answer("{\"FULL_NAME\":\"Nguyễn Văn An\",\"POSITION_NAME\":\"Giám đốc\",\"ID_NUMBER\":\"001085000123\"}")), Strict);

        var representative = Assert.Single(enterprise.Representatives!);
        Assert.Equal("Nguyễn Văn An", representative.FullName);
        Assert.Equal("Giám đốc", representative.Position);
        Assert.Equal("001085000123", representative.PersonalId?.Value);
    }

    [Fact]
    public void ToEnterprise_RepresentativesAsArray_ReadsAll()
    {
        var enterprise = BusinessRegistryMapping.ToEnterprise(Asked, Read(Answer("[{\"FULL_NAME\":\"Nguyễn Văn An\"},{\"FULL_NAME\":\"Trần Thị Bích\",\"POSITION_NAME\":\"Phó Giám đốc\"}]")), Strict);

        Assert.Equal(["Nguyễn Văn An", "Trần Thị Bích"], enterprise.Representatives!.Select(r => r.FullName));
    }

    [Fact]
    public void ToEnterprise_EveryField_IsMapped()
    {
        var enterprise = BusinessRegistryMapping.ToEnterprise(Asked, Read(Answer("[]")), Strict);

        Assert.Equal(Asked, enterprise.Code);
        Assert.Equal("CÔNG TY TNHH ÁNH DƯƠNG", enterprise.Name);
        Assert.Equal("ANH DUONG COMPANY LIMITED", enterprise.ForeignName);
        Assert.Equal("ÁNH DƯƠNG CO., LTD", enterprise.ShortName);
        Assert.Equal("Công ty trách nhiệm hữu hạn một thành viên", enterprise.TypeName);
        Assert.Equal("Đang hoạt động", enterprise.StatusName);
        Assert.Equal(new DateOnly(2010, 5, 12), enterprise.FoundedOn);
        Assert.Equal(5_000_000_000, enterprise.CharterCapital);
        Assert.Equal("01", enterprise.HeadOffice!.ProvinceCode);
        Assert.Equal("Thành phố Hà Nội", enterprise.HeadOffice.ProvinceName);
        Assert.Equal("00004", enterprise.HeadOffice.WardCode);
        Assert.Equal("Phường Ba Đình", enterprise.HeadOffice.WardName);
        Assert.Equal("Số 12, phố Đội Cấn", enterprise.HeadOffice.Detail);
        Assert.Equal("VN", enterprise.HeadOffice.Country);
        Assert.Equal("Số 12, phố Đội Cấn, Phường Ba Đình, Thành phố Hà Nội", enterprise.HeadOffice.Full);
        Assert.Empty(enterprise.Representatives!);
    }

    [Theory]
    [InlineData("12/05/2010")]
    [InlineData("2010-05-12")]
    [InlineData("2010-05-12T00:00:00")]
    public void ToEnterprise_FoundingDateForms_AreRead(string date)
    {
        var enterprise = BusinessRegistryMapping.ToEnterprise(Asked, Read(Answer("[]", foundingDate: date)), Strict);

        Assert.Equal(new DateOnly(2010, 5, 12), enterprise.FoundedOn);
    }

    [Fact]
    public void ToEnterprise_NotFound_IsUpstreamNotFound()
    {
        var fault = Assert.Throws<LgspException>(() => BusinessRegistryMapping.ToEnterprise(Asked, Read("{\"ResultCode\":\"02\",\"Message\":\"Không tìm thấy\",\"Data\":null}"), Strict));

        Assert.Equal("upstream.business.not_found", fault.Error.Code);
    }

    [Fact]
    public void ToEnterprise_InputRefused_IsUpstreamRejected()
    {
        var fault = Assert.Throws<LgspException>(() => BusinessRegistryMapping.ToEnterprise(Asked, Read("{\"ResultCode\":\"01\",\"Data\":null}"), Strict));

        Assert.Equal("upstream.business.rejected", fault.Error.Code);
        Assert.Equal(FaultOrigin.Upstream, fault.Error.Origin);
    }

    public static TheoryData<string> Untrustworthy => new()
    {
        "{\"ResultCode\":\"00\",\"Data\":null}",
        "{\"ResultCode\":\"99\",\"Data\":null}",
        "{\"Data\":{}}",
        Answer("[]").Replace(FirstValidCode(), "0101234560", StringComparison.Ordinal),
        Answer("[]").Replace(FirstValidCode(), "12345", StringComparison.Ordinal),
        Answer("[]", foundingDate: "năm 2010"),
        Answer("[{\"POSITION_NAME\":\"Giám đốc\"}]"),
        Answer("[{\"FULL_NAME\":\"Nguyễn Văn An\",\"ID_NUMBER\":\"12AB\"}]"),
        Answer("[]").Replace("5000000000", "-1", StringComparison.Ordinal),
    };

    [Theory]
    [MemberData(nameof(Untrustworthy))]
    public void ToEnterprise_UntrustworthyAnswer_IsBadResponse(string json)
    {
        var fault = Assert.Throws<LgspException>(() => BusinessRegistryMapping.ToEnterprise(Asked, Read(json), Strict));

        Assert.Equal("upstream.business.bad_response", fault.Error.Code);
    }

    [Fact]
    public void ToEnterprise_NgspDataWithoutResultCode_ReadsMainInformation()
    {
        var json = Answer("{\"FULL_NAME\":\"Nguyễn Văn An\"}").Replace("\"ResultCode\":\"00\",\"Message\":\"Thành công\",", "", StringComparison.Ordinal);

        var enterprise = BusinessRegistryMapping.ToEnterprise(Asked, Read(json), BusinessAnswerProfile.NgspData);

        Assert.Equal("CÔNG TY TNHH ÁNH DƯƠNG", enterprise.Name);
        Assert.Equal("Nguyễn Văn An", Assert.Single(enterprise.Representatives!).FullName);
        Assert.Equal("upstream.business.bad_response",
            Assert.Throws<LgspException>(() => BusinessRegistryMapping.ToEnterprise(Asked, Read(json), Strict)).Error.Code);
    }

    [Theory]
    [InlineData("{\"Data\":{\"MainInformation\":null}}")]
    [InlineData("{\"Data\":{}}")]
    [InlineData("{\"Data\":null}")]
    [InlineData("{\"ResultCode\":\"02\",\"Data\":null}")]
    public void ToEnterprise_NgspDataWithoutMainInformation_IsNotFound(string json)
    {
        var fault = Assert.Throws<LgspException>(() => BusinessRegistryMapping.ToEnterprise(Asked, Read(json), BusinessAnswerProfile.NgspData));

        Assert.Equal("upstream.business.not_found", fault.Error.Code);
    }

    [Fact]
    public void Read_RepresentativesAsAString_IsAJsonError()
    {
        Assert.ThrowsAny<JsonException>(() => Read(Answer("\"Nguyễn Văn An\"")));
    }

    private static RegistryAnswer? Read(string json) => JsonSerializer.Deserialize(json, BusinessJson.Default.RegistryAnswer);

    private static string Answer(string representatives, string foundingDate = "2010-05-12T00:00:00") => $$"""
        {"ResultCode":"00","Message":"Thành công","Data":{
          "MainInformation":{"ENTERPRISE_GDT_CODE":"{{FirstValidCode()}}","NAME":"CÔNG TY TNHH ÁNH DƯƠNG","NAME_F":"ANH DUONG COMPANY LIMITED",
            "SHORT_NAME":"ÁNH DƯƠNG CO., LTD","ENTERPRISE_TYPE_NAME":"Công ty trách nhiệm hữu hạn một thành viên",
            "ENTERPRISE_STATUS_NAME":"Đang hoạt động","FOUNDING_DATE":"{{foundingDate}}","CHARTER_CAPITAL":5000000000},
          "HOAdress":{"AddressFullText":"Số 12, phố Đội Cấn, Phường Ba Đình, Thành phố Hà Nội","StreetNumber":"Số 12, phố Đội Cấn",
            "CityCode":"01","CityName":"Thành phố Hà Nội","DistrictName":null,"WardCode":"00004","WardName":"Phường Ba Đình","CountryCode":"VN"},
          "Representatives":{{representatives}}
        }
        }
        """;

    private static string FirstValidCode()
    {
        for (var n = 10_123_456; ; n++)
        {
            var first = n.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            if (EnterpriseCode.ComputeCheckDigit(first) is { } check && EnterpriseCode.TryParse(first + check, out _))
            {
                return first + check;
            }
        }
    }
}
