using System.Text.Json;
using Lgsp.Adapters.Insurance.Wire;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;

namespace Lgsp.Adapters.Insurance.Tests;

/// <summary>BHXH's JSON mapped field by field (months to <c>yyyy-MM</c>, gender, personal id), and answers to refuse.</summary>
public sealed class SocialInsuranceMappingTests
{
    private static readonly SocialInsuranceCode Asked = SocialInsuranceCode.Parse("7937368040");

    [Fact]
    public void ToRecord_EveryField_IsMapped()
    {
        var record = SocialInsuranceMapping.ToRecord(Asked, Read(Answer()));

        Assert.Equal(Asked, record.Code);
        Assert.Equal("Nguyễn Thị Thùy Dương", record.FullName);
        Assert.Equal(new DateOnly(1990, 3, 7), record.DateOfBirth);
        Assert.Equal(Genders.Female, record.Gender);
        Assert.Equal("079190000123", record.PersonalId?.Value);
        Assert.Equal("79", record.ProvinceCode);
        Assert.Equal(2, record.Periods!.Count);
        var (earlier, current) = (record.Periods[0], record.Periods[1]);
        Assert.Equal("2012-01", earlier.From);
        Assert.Equal("2015-12", earlier.To);
        Assert.Equal("TZH490L", earlier.EmployerCode);
        Assert.Equal("Công ty TNHH Ánh Dương", earlier.EmployerName);
        Assert.Equal("Kế toán", earlier.Position);
        Assert.Equal(5_200_000, earlier.Salary);
        Assert.Equal("2016-03", current.From);
        Assert.Null(current.To);
        Assert.Equal(9_800_000, current.Salary);
    }

    [Theory]
    [InlineData("Nam", Genders.Male)]
    [InlineData("Nữ", Genders.Female)]
    [InlineData("N\u01b0\u0303", Genders.Female)] // "Nữ" written decomposed
    [InlineData("", null)]
    public void ToRecord_Gender_IsCanonical(string gioitinh, string? expected)
    {
        Assert.Equal(expected, SocialInsuranceMapping.ToRecord(Asked, Read(Answer(gioitinh: gioitinh))).Gender);
    }

    [Fact]
    public void ToRecord_NotFound_IsUpstreamNotFound()
    {
        var fault = Assert.Throws<LgspException>(() => SocialInsuranceMapping.ToRecord(Asked, Read("{\"maLoi\":\"02\",\"thongBao\":\"Không tìm thấy\"}")));

        Assert.Equal("upstream.insurance.not_found", fault.Error.Code);
    }

    [Fact]
    public void ToRecord_InputRefused_IsUpstreamRejected()
    {
        var fault = Assert.Throws<LgspException>(() => SocialInsuranceMapping.ToRecord(Asked, Read("{\"maLoi\":\"01\"}")));

        Assert.Equal("upstream.insurance.rejected", fault.Error.Code);
    }

    public static TheoryData<string> Untrustworthy => new()
    {
        "{\"maLoi\":\"00\"}",
        "{\"maLoi\":\"99\"}",
        "{\"duLieu\":{}}",
        Answer().Replace("7937368040", "7937368041", StringComparison.Ordinal),
        Answer().Replace("07/03/1990", "1990-03-07", StringComparison.Ordinal),
        Answer(gioitinh: "F"),
        Answer().Replace("079190000123", "12AB", StringComparison.Ordinal),
        Answer().Replace("\"79\"", "\"HCM\"", StringComparison.Ordinal),
        Answer().Replace("01/2012", "2012-01", StringComparison.Ordinal),
        Answer().Replace("01/2012", "13/2012", StringComparison.Ordinal),
        Answer().Replace("\"01/2012\"", "null", StringComparison.Ordinal),
        Answer().Replace("12/2015", "12/2011", StringComparison.Ordinal),
        Answer().Replace("5200000", "-1", StringComparison.Ordinal),
    };

    [Theory]
    [MemberData(nameof(Untrustworthy))]
    public void ToRecord_UntrustworthyAnswer_IsBadResponse(string json)
    {
        var fault = Assert.Throws<LgspException>(() => SocialInsuranceMapping.ToRecord(Asked, Read(json)));

        Assert.Equal("upstream.insurance.bad_response", fault.Error.Code);
        Assert.Equal(FaultOrigin.Upstream, fault.Error.Origin);
    }

    [Fact]
    public void ToRecord_NoAnswer_IsBadResponse()
    {
        Assert.Equal("upstream.insurance.bad_response", Assert.Throws<LgspException>(() => SocialInsuranceMapping.ToRecord(Asked, null)).Error.Code);
    }

    private static InsuranceAnswer? Read(string json) => JsonSerializer.Deserialize(json, InsuranceJson.Default.InsuranceAnswer);

    private static string Answer(string gioitinh = "Nữ") => $$"""
        {"maLoi":"00","thongBao":"Thành công","duLieu":{
          "Masobhxh":"7937368040","Hoten":"Nguyễn Thị Thùy Dương","Ngaysinh":"07/03/1990","Gioitinh":"{{gioitinh}}",
          "Sodinhdanh":"079190000123","Matinh":"79",
          "QuaTrinhDong":[
            {"tuThang":"01/2012","denThang":"12/2015","maDonVi":"TZH490L","tenDonVi":"Công ty TNHH Ánh Dương","chucVu":"Kế toán","tienLuong":5200000},
            {"tuThang":"03/2016","denThang":null,"maDonVi":"TAB123K","tenDonVi":"Bệnh viện Đa khoa Bình Dương","chucVu":"Kế toán","tienLuong":"9800000"}
          ]}
        }
        """;
}
