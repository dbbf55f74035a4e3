using Lgsp.Core.Errors;
using Lgsp.Schemas.Land.V1;

namespace Lgsp.Adapters.Land.Tests;

/// <summary>The land database's <c>ThuaDat</c> mapped field by field, and answers the adapter must refuse.</summary>
public sealed class LandParcelMappingTests
{
    private static readonly FindParcelRequest Asked = new() { MaXa = "08617", SoHieuBanDo = 12, SoThuTuThua = 345 };

    [Fact]
    public void ToParcel_EveryField_IsMapped()
    {
        var parcel = LandParcelMapping.ToParcel(Answer(), Asked);

        Assert.Equal("25", parcel.ProvinceCode);
        Assert.Equal("08617", parcel.WardCode);
        Assert.Equal("Phường Việt Trì", parcel.WardName);
        Assert.Equal(12, parcel.MapSheetNo);
        Assert.Equal(345, parcel.ParcelNo);
        Assert.Equal(152.3m, parcel.Area);
        Assert.Equal("ODT", parcel.LandUseCode);
        Assert.Equal("Đất ở tại đô thị", parcel.LandUseName);
        Assert.Equal("Lâu dài", parcel.UseTerm);
        Assert.Equal("Số 12, đường Lê Lợi, tổ dân phố 3", parcel.Address);
        Assert.Equal("CS 123456", parcel.Certificate!.Serial);
        Assert.Equal("CS01234", parcel.Certificate.EntryNo);
        Assert.Equal(new DateOnly(2019, 4, 23), parcel.Certificate.IssuedOn);
        Assert.Equal("Sở Tài nguyên và Môi trường Tỉnh Phú Thọ", parcel.Certificate.Issuer);
        Assert.Equal(["Nguyễn Văn An", "Trần Thị Bích"], parcel.Owners!.Select(o => o.FullName));
        Assert.Equal(["025085000123", "025187000456"], parcel.Owners!.Select(o => o.PersonalId?.Value));
        Assert.Equal([1985, (int?)null], parcel.Owners!.Select(o => o.BirthYear));
    }

    [Fact]
    public void ToParcel_NoCertificateAndNoArea_LeavesThemAbsent()
    {
        var answer = Answer();
        answer.GiayChungNhan = null;
        answer.DienTich = "";

        var parcel = LandParcelMapping.ToParcel(answer, Asked);

        Assert.Null(parcel.Certificate);
        Assert.Null(parcel.Area);
    }

    [Fact]
    public void ToParcel_ByCertificate_ChecksTheSerial()
    {
        var parcel = LandParcelMapping.ToParcel(Answer(), new FindParcelByCertificateRequest { SoPhatHanh = "CS 123456" });
        var fault = Assert.Throws<LgspException>(() => LandParcelMapping.ToParcel(Answer(), new FindParcelByCertificateRequest { SoPhatHanh = "CS 654321" }));

        Assert.Equal(345, parcel.ParcelNo);
        Assert.Equal("upstream.land.bad_response", fault.Error.Code);
    }

    public static TheoryData<string> Untrustworthy => new()
    {
        "another parcel", "another sheet", "another ward", "no province", "bad ward", "area", "negative area", "date", "owner id", "owner name", "birth year", "serial",
    };

    [Theory]
    [MemberData(nameof(Untrustworthy))]
    public void ToParcel_UntrustworthyAnswer_IsBadResponse(string flaw)
    {
        var answer = Answer();
        switch (flaw)
        {
            case "another parcel": answer.SoThuTuThua = 346; break;
            case "another sheet": answer.SoHieuBanDo = 13; break;
            case "another ward": answer.MaXa = "08618"; break;
            case "no province": answer.MaTinh = ""; break;
            case "bad ward": answer.MaXa = "8617"; break;
            case "area": answer.DienTich = "152,3"; break;
            case "negative area": answer.DienTich = "-5"; break;
            case "date": answer.GiayChungNhan.NgayCap = "23/04/2019"; break;
            case "owner id": answer.ChuSuDung[0].SoDinhDanh = "12AB"; break;
            case "owner name": answer.ChuSuDung[0].HoTen = " "; break;
            case "birth year": answer.ChuSuDung[0].NamSinh = 85; break;
            case "serial": answer.GiayChungNhan.SoPhatHanh = ""; break;
        }

        var fault = Assert.Throws<LgspException>(() => LandParcelMapping.ToParcel(answer, Asked));

        Assert.Equal("upstream.land.bad_response", fault.Error.Code);
        Assert.Equal(FaultOrigin.Upstream, fault.Error.Origin);
    }

    [Fact]
    public void ToParcel_NoAnswer_IsBadResponse()
    {
        Assert.Equal("upstream.land.bad_response", Assert.Throws<LgspException>(() => LandParcelMapping.ToParcel(null, Asked)).Error.Code);
    }

    [Theory]
    [InlineData("CS 123456", "CS 123456")]
    [InlineData("cs123456", "CS 123456")]
    [InlineData(" CS  123456 ", "CS 123456")]
    [InlineData("GCN-42", "GCN-42")]
    public void NormaliseSerial_TypedForms_AreThePrintedForm(string typed, string expected)
    {
        Assert.Equal(expected, LandParcelMapping.NormaliseSerial(typed));
    }

    private static ThuaDat Answer() => new()
    {
        MaTinh = "25",
        MaXa = "08617",
        TenXa = "Phường Việt Trì",
        SoHieuBanDo = 12,
        SoThuTuThua = 345,
        DienTich = "152.3",
        MucDichSuDung = new MucDichSuDung { Ma = "ODT", Ten = "Đất ở tại đô thị" },
        ThoiHanSuDung = "Lâu dài",
        DiaChiChiTiet = "Số 12, đường Lê Lợi, tổ dân phố 3",
        GiayChungNhan = new GiayChungNhan { SoPhatHanh = "CS 123456", SoVaoSo = "CS01234", NgayCap = "2019-04-23", CoQuanCap = "Sở Tài nguyên và Môi trường Tỉnh Phú Thọ" },
        ChuSuDung =
        {
            new ChuSuDung { HoTen = "Nguyễn Văn An", SoDinhDanh = "025085000123", NamSinh = 1985 },
            new ChuSuDung { HoTen = "Trần Thị Bích", SoDinhDanh = "025187000456" },
        },
    };
}
