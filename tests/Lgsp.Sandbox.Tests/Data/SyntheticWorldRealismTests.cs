using Lgsp.Sandbox.Data;
using Lgsp.Sandbox.Data.Reference;

namespace Lgsp.Sandbox.Tests.Data;

/// <summary>The data looks like Việt Nam: names, shares, addresses, coded values.</summary>
public sealed class SyntheticWorldRealismTests
{
    private static SyntheticWorld World => TestWorlds.Default;

    [Fact]
    public void Names_CarryDiacritics_AndTheComparisonFormIsUpperAscii()
    {
        var withMarks = World.Citizens.Count(c => VietnameseText.HasDiacritics(c.HoVaTen.DayDu));

        Assert.True(withMarks > World.Citizens.Count * 9 / 10, $"only {withMarks} names carry diacritics");
        Assert.All(World.Citizens, c =>
        {
            Assert.Matches("^[A-Z' ]+$", c.HoVaTen.KhongDau);
            Assert.Equal(VietnameseText.ToComparisonForm(c.HoVaTen.DayDu), c.HoVaTen.KhongDau);
            Assert.False(string.IsNullOrEmpty(c.HoVaTen.Ten));
        });
    }

    [Fact]
    public void FamilyNames_FollowTheNationalShares()
    {
        var kinh = World.Citizens.Where(c => c.DanToc.Code == "01").ToList();
        double Share(string name) => kinh.Count(c => c.HoVaTen.Ho == name) / (double)kinh.Count;

        Assert.InRange(Share("Nguyễn"), 0.33, 0.44);
        Assert.InRange(Share("Trần"), 0.08, 0.15);
        Assert.InRange(Share("Lê"), 0.06, 0.13);
        Assert.True(Share("Huỳnh") > 0 && Share("Hoàng") > 0 && Share("Võ") > 0 && Share("Vũ") > 0);
    }

    [Fact]
    public void MiddleNames_ThiIsFemale_VanIsMostlyMale()
    {
        var thi = World.Citizens.Where(c => c.HoVaTen.ChuDem.Split(' ')[0] == "Thị").ToList();
        var van = World.Citizens.Where(c => c.HoVaTen.ChuDem == "Văn").ToList();

        Assert.All(thi, c => Assert.Equal(Lgsp.Sandbox.Data.Records.GioiTinh.Nu, c.GioiTinh));
        Assert.NotEmpty(van);
        Assert.All(van, c => Assert.Equal(Lgsp.Sandbox.Data.Records.GioiTinh.Nam, c.GioiTinh));
    }

    [Fact]
    public void Ethnicities_KinhMajority_WithSeveralMinorities()
    {
        var groups = World.Citizens.GroupBy(c => c.DanToc.Name).ToDictionary(g => g.Key, g => g.Count());

        Assert.InRange(groups["Kinh"] / (double)World.Citizens.Count, 0.8, 0.97);
        Assert.True(groups.Count >= 10, $"only {groups.Count} ethnic groups");
        Assert.Contains("Mường", groups.Keys);
        Assert.Contains("Hoa", groups.Keys);
    }

    [Fact]
    public void Religion_MostlyNone()
    {
        var none = World.Citizens.Count(c => c.TonGiao.Name == "Không");
        Assert.InRange(none / (double)World.Citizens.Count, 0.6, 0.9);
    }

    [Fact]
    public void Addresses_AreRealWardsOfTheirProvince_WithStreetLevelDetail()
    {
        var wards = AdministrativeUnits.AllWards.ToDictionary(w => w.Code, StringComparer.Ordinal);
        Assert.All(World.Citizens, c =>
        {
            foreach (var address in new[] { c.ThuongTru, c.NoiOHienTai, c.QueQuan, c.NoiDangKyKhaiSinh })
            {
                var ward = wards[address.MaPhuongXa];
                Assert.Equal(ward.Name, address.TenPhuongXa);
                Assert.Equal(ward.Province.Code, address.MaTinhThanh);
                Assert.Equal(ward.Province.Name, address.TenTinhThanh);
                Assert.Equal("VN", address.QuocGia);
            }

            Assert.False(string.IsNullOrWhiteSpace(c.ThuongTru.ChiTiet));
        });
        Assert.Contains(World.Citizens, c => c.ThuongTru.ChiTiet.Contains("tổ dân phố", StringComparison.Ordinal));
        Assert.Contains(World.Citizens, c => c.ThuongTru.ChiTiet.Contains("khu phố", StringComparison.Ordinal));
        Assert.Contains(World.Citizens, c => c.ThuongTru.ChiTiet.StartsWith("Thôn", StringComparison.Ordinal));
        Assert.Contains(World.Citizens, c => c.ThuongTru.ChiTiet.StartsWith("Ấp", StringComparison.Ordinal));
    }

    [Fact]
    public void BloodGroups_OIsMostCommon_SomeUnknown()
    {
        var groups = World.Citizens.GroupBy(c => c.NhomMau ?? "?").ToDictionary(g => g.Key, g => g.Count());

        Assert.True(groups["O"] > groups["B"] && groups["B"] > groups["A"] && groups["A"] > groups["AB"]);
        Assert.True(groups["?"] > 0);
    }

    [Fact]
    public void Enterprises_NamesUpperCaseWithDiacritics_EnglishNamesAscii()
    {
        Assert.All(World.Enterprises, e =>
        {
            var main = e.MainInformation;
            Assert.Equal(VietnameseText.ToUpper(main.Name), main.Name);
            Assert.True(main.NameF is null || main.NameF.All(char.IsAscii));
            Assert.True(main.ShortName is null || main.ShortName.All(char.IsAscii));
        });
        Assert.Contains(World.Enterprises, e => VietnameseText.HasDiacritics(e.MainInformation.Name));
        Assert.Equal(World.Enterprises.Count, World.Enterprises.Select(e => e.MainInformation.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Citizens_SpreadOverEveryProvince()
    {
        var provinces = World.Citizens.Select(c => c.ThuongTru.MaTinhThanh).Distinct(StringComparer.Ordinal).Count();
        Assert.Equal(AdministrativeUnits.Provinces.Count, provinces);
    }
}
