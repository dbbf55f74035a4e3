using Lgsp.Adapters.CivilRegistry.Wire;
using Lgsp.Adapters.Contract;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Adapters.CivilRegistry.Tests;

/// <summary>The XML inside <c>data</c>: read safely, mapped strictly, and refused when it is not what was asked.</summary>
public sealed class CivilRegistryMappingTests
{
    private static readonly PersonalId Child = PersonalId.CreateCccd("001", Gender.Female, 2019, 42);
    private static readonly PersonalId Mother = PersonalId.CreateCccd("001", Gender.Female, 1990, 7);
    private static readonly CivilRegistrationKey Asked = new("KS", "00004", "01/2019", 12);

    [Fact]
    public void ToRegistration_Birth_IsMapped()
    {
        var r = CivilRegistryMapping.ToRegistration(Asked, Answer(Birth()));

        Assert.Equal(new CivilRegistration
        {
            Kind = "KS", OfficeCode = "00004", OfficeName = "Ủy ban nhân dân Phường Ba Đình", BookNo = "01/2019", RegistrationNo = 12,
            PageNo = 12, RegisteredOn = new DateOnly(2019, 3, 5), ResultCode = ResultCode.Parse("KQ.G15.000031"),
            Subject = new RegisteredPerson { FullName = "Nguyễn Thị An", PersonalId = Child, Gender = Genders.Female, DateOfBirth = new DateOnly(2019, 2, 20), Nationality = "VN" },
            Mother = new RegisteredPerson { FullName = "Trần Thị Bình", PersonalId = Mother, Gender = Genders.Female, DateOfBirth = new DateOnly(1990, 1, 1), Nationality = "VN" },
            PlaceOfBirth = "Bệnh viện Phụ sản Hà Nội",
        }, r);
    }

    [Theory]
    [InlineData("<!DOCTYPE hotich [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><hotich><hoso><module>&e;</module></hoso></hotich>")]
    [InlineData("<!DOCTYPE hotich [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><hotich>&b;</hotich>")]
    [InlineData("<!DOCTYPE hotich><hotich/>")]
    public void ToRegistration_DtdInData_IsBadResponseAndNeverResolved(string data)
    {
        var fault = Assert.Throws<LgspException>(() => CivilRegistryMapping.ToRegistration(Asked, new HoTichAnswer { Status = 1, Data = data }));

        Assert.Equal("upstream.civilregistry.bad_response", fault.Error.Code);
        Assert.Equal(FaultOrigin.Upstream, fault.Error.Origin);
        Assert.Contains("client.unsafe_xml", fault.Detail?.En, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Untrustworthy => new()
    {
        { "not XML", "<hotich><hoso>" },
        { "another root", "<hosoHoTich><hoso/></hosoHoTich>" },
        { "something else inside", "<hotich><ketqua/></hotich>" },
        { "two entries", $"<hotich>{Birth()}{Birth()}</hotich>" },
        { "no entry", "<hotich/>" },
        { "another number", $"<hotich>{Birth().Replace("<soDangKy>12<", "<soDangKy>13<", StringComparison.Ordinal)}</hotich>" },
        { "another book", $"<hotich>{Birth().Replace("01/2019", "02/2019", StringComparison.Ordinal)}</hotich>" },
        { "another kind", $"<hotich>{Birth().Replace("<module>KS<", "<module>KT<", StringComparison.Ordinal)}</hotich>" },
        { "amendment", $"<hotich>{Birth().Replace("<module>KS<", "<module>BS<", StringComparison.Ordinal)}</hotich>" },
        { "date", $"<hotich>{Birth().Replace("05/03/2019", "2019/03/05", StringComparison.Ordinal)}</hotich>" },
        { "number", $"<hotich>{Birth().Replace("<trangSo>12<", "<trangSo>XII<", StringComparison.Ordinal)}</hotich>" },
        { "result code", $"<hotich>{Birth().Replace("KQ.G15.000031", "G15-31", StringComparison.Ordinal)}</hotich>" },
        { "gender", $"<hotich>{Birth().Replace("<nksGioiTinh>2<", "<nksGioiTinh>F<", StringComparison.Ordinal)}</hotich>" },
        { "personal id", $"<hotich>{Birth().Replace(Child.Value, "12AB", StringComparison.Ordinal)}</hotich>" },
        { "no child", $"<hotich>{Birth().Replace("<nksHoTen>Nguyễn Thị An</nksHoTen>", "", StringComparison.Ordinal).Replace($"<nksSoDDCN>{Child.Value}</nksSoDDCN>", "", StringComparison.Ordinal)}</hotich>" },
        { "repeated field", $"<hotich>{Birth().Replace("<trangSo>12</trangSo>", "<trangSo>12</trangSo><trangSo>13</trangSo>", StringComparison.Ordinal)}</hotich>" },
    };

    [Theory]
    [MemberData(nameof(Untrustworthy))]
    public void ToRegistration_UntrustworthyData_IsBadResponse(string why, string data)
    {
        var fault = Assert.Throws<LgspException>(() => CivilRegistryMapping.ToRegistration(Asked, new HoTichAnswer { Status = 1, Data = data }));

        Assert.True(fault.Error.Code == "upstream.civilregistry.bad_response", $"{why}: {fault.Error.Code}");
    }

    [Theory]
    [InlineData(0, "HT02", "upstream.civilregistry.not_found")]
    [InlineData(0, "HT01", "upstream.civilregistry.rejected")]
    [InlineData(0, "HT99", "upstream.civilregistry.bad_response")]
    [InlineData(null, null, "upstream.civilregistry.bad_response")]
    [InlineData(1, null, "upstream.civilregistry.bad_response")]
    public void ToRegistration_StatusAndCode_DecideTheOutcome(int? status, string? code, string expected)
    {
        var fault = Assert.Throws<LgspException>(() => CivilRegistryMapping.ToRegistration(Asked, new HoTichAnswer { Status = status, ErrorCode = code }));

        Assert.Equal(expected, fault.Error.Code);
    }

    [Fact]
    public void ToList_EntriesAboutThePerson_AreAllMappedAndOtherKindsLeftOut()
    {
        var amendment = Birth().Replace("<module>KS<", "<module>BS<", StringComparison.Ordinal);

        var list = CivilRegistryMapping.ToList(Child, Answer(Birth(), amendment), out var skipped);

        Assert.Equal("KS", Assert.Single(list.Registrations).Kind);
        Assert.Equal(1, skipped);
    }

    [Fact]
    public void ToList_AnEntryAboutSomeoneElse_IsBadResponse()
    {
        // The mother's id: she is in the entry, but not its subject.
        var fault = Assert.Throws<LgspException>(() => CivilRegistryMapping.ToList(Mother, Answer(Birth()), out _));

        Assert.Equal("upstream.civilregistry.bad_response", fault.Error.Code);
    }

    [Fact]
    public async Task Get_DtdInDataFromTheGateway_IsBadResponseEndToEnd()
    {
        await using var stub = await StubUpstream.StartAsync();
        stub.Answer(200, "application/json", """{"status":1,"errorCode":"","data":"<!DOCTYPE hotich [<!ENTITY e SYSTEM \"file:///etc/hostname\">]><hotich><hoso><module>&e;</module></hoso></hotich>"}""");
        using var adapter = CivilRegistryTestSupport.Build(CivilRegistryTestSupport.Settings(stub.BaseUrl));

        var fault = await Assert.ThrowsAsync<LgspException>(() => adapter.GetRequiredService<ICivilRegistrySource>()
            .GetRegistrationAsync(Asked, CivilRegistryTestSupport.Context(), CancellationToken.None));

        Assert.Equal("upstream.civilregistry.bad_response", fault.Error.Code);
        Assert.Equal(["/hotich/1.0/hoSo/KS/00004/01%2F2019/12"], stub.Received); // asked once: an unsafe answer is not asked again
    }

    private static HoTichAnswer Answer(params string[] entries) => new() { Status = 1, ErrorCode = "", Data = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><hotich>{string.Concat(entries)}</hotich>" };

    private static string Birth() => $"""
        <hoso><module>KS</module><maDonVi>00004</maDonVi><noiDangKy>Ủy ban nhân dân Phường Ba Đình</noiDangKy><soDangKy>12</soDangKy>
        <quyenSo>01/2019</quyenSo><trangSo>12</trangSo><ngayDangKy>05/03/2019</ngayDangKy><maGiayToKetQua>KQ.G15.000031</maGiayToKetQua>
        <maGCS>0123/2019</maGCS><ngayCapGCS>20/02/2019</ngayCapGCS><noiCapGCS>Bệnh viện Phụ sản Hà Nội</noiCapGCS>
        <nksHoTen>Nguyễn Thị An</nksHoTen><nksGioiTinh>2</nksGioiTinh><nksNgaySinh>20/02/2019</nksNgaySinh><nksDanToc>01</nksDanToc><nksQuocTich>VN</nksQuocTich>
        <nksNoiCuTru><maTinh>01</maTinh><maXa>00004</maXa><dcChiTiet>Số 1, phố Đội Cấn, Phường Ba Đình, Thành phố Hà Nội</dcChiTiet><quocGia>VN</quocGia></nksNoiCuTru>
        <nksSoDDCN>{Child.Value}</nksSoDDCN>
        <nksNoiSinh><maTinh/><maXa/><dcChiTiet>Bệnh viện Phụ sản Hà Nội</dcChiTiet><quocGia>VN</quocGia></nksNoiSinh>
        <nksQueQuan><maTinh>01</maTinh><maXa>00004</maXa><dcChiTiet>Phường Ba Đình, Thành phố Hà Nội</dcChiTiet><quocGia>VN</quocGia></nksQueQuan>
        <meHoTen>Trần Thị Bình</meHoTen><meGioiTinh>2</meGioiTinh><meNgaySinh>01/01/1990</meNgaySinh><meDanToc>01</meDanToc><meQuocTich>VN</meQuocTich>
        <meNoiCuTru><maTinh>01</maTinh><maXa>00004</maXa><dcChiTiet/><quocGia>VN</quocGia></meNoiCuTru><meSoDDCN>{Mother.Value}</meSoDDCN>
        <nycHoTen>Trần Thị Bình</nycHoTen><nycQuanHe>Mẹ</nycQuanHe><nycSoGiayToTuyThan>{Mother.Value}</nycSoGiayToTuyThan>
        </hoso>
        """;
}
