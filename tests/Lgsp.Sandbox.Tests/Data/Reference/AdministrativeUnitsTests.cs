using Lgsp.Core.Codes;
using Lgsp.Sandbox.Data.Reference;

namespace Lgsp.Sandbox.Tests.Data.Reference;

public sealed class AdministrativeUnitsTests
{
    [Fact]
    public void Provinces_IncludeThePlanningProvinces()
    {
        var names = AdministrativeUnits.Provinces.Select(p => p.Name).ToList();

        Assert.Contains("Tỉnh Phú Thọ", names);
        Assert.Contains("Tỉnh Quảng Ngãi", names);
        Assert.Contains("Tỉnh Lâm Đồng", names);
        Assert.Contains("Thành phố Hồ Chí Minh", names);
        Assert.Contains("Thành phố Hà Nội", names);
        Assert.Contains("Tỉnh Khánh Hòa", names);
    }

    [Fact]
    public void Codes_AreGsoShaped_AndWardCodesAreUnique()
    {
        Assert.All(AdministrativeUnits.Provinces, p => Assert.Matches("^[0-9]{2}$", p.Code));
        var wards = AdministrativeUnits.AllWards.ToList();
        Assert.All(wards, w => Assert.Matches("^[0-9]{5}$", w.Code));
        Assert.Equal(wards.Count, wards.Select(w => w.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.True(wards.Count >= 150, $"only {wards.Count} wards");
    }

    [Fact]
    public void Wards_NamesCarryTheirKindAndAreUniqueWithinAProvince()
    {
        foreach (var province in AdministrativeUnits.Provinces)
        {
            Assert.Equal(province.Wards.Count, province.Wards.Select(w => w.Name).Distinct(StringComparer.Ordinal).Count());
            Assert.All(province.Wards, w => Assert.Matches("^(Phường|Xã|Đặc khu) ", w.Name));
        }
    }

    [Fact]
    public void BirthProvinceCode_EveryWard_IsACodeThePersonalIdKnows()
    {
        foreach (var ward in AdministrativeUnits.AllWards)
        {
            Assert.NotNull(PersonalId.FindProvince("0" + ward.BirthProvinceCode(new DateOnly(1990, 1, 1))));
            Assert.NotNull(PersonalId.FindProvince("0" + ward.BirthProvinceCode(new DateOnly(2025, 8, 1))));
        }
    }

    [Fact]
    public void BirthProvinceCode_WardOfAMergedProvince_FollowsTheMergerDate()
    {
        var vinhYen = AdministrativeUnits.AllWards.Single(w => w.Name == "Phường Vĩnh Yên");

        Assert.Equal("25", vinhYen.Province.Code);
        Assert.Equal("26", vinhYen.BirthProvinceCode(new DateOnly(1990, 5, 1)));
        Assert.Equal("26", vinhYen.BirthProvinceCode(new DateOnly(2025, 6, 30)));
        Assert.Equal("25", vinhYen.BirthProvinceCode(new DateOnly(2025, 7, 1)));
    }

    [Fact]
    public void FormerProvinces_HaveTwoDigitTaxAndCmndPrefixes()
    {
        Assert.All(AdministrativeUnits.Provinces.SelectMany(p => p.Parts), f =>
        {
            Assert.Matches("^[0-9]{2}$", f.TaxPrefix);
            Assert.Matches("^[0-9]{2}$", f.CmndPrefix);
            Assert.NotEmpty(f.Wards);
        });
    }
}
