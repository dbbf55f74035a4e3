using Lgsp.Core.Codes;
using Lgsp.Sandbox.Data.Generation;
using Lgsp.Sandbox.Data.Records;
using Lgsp.Sandbox.Data.Reference;

namespace Lgsp.Sandbox.Tests.Data;

/// <summary>Every identifier in the world is valid for the hub's own parsers (Lgsp.Core.Codes).</summary>
public sealed class SyntheticWorldIdentifierTests
{
    private static readonly Dictionary<string, Ward> Wards = AdministrativeUnits.AllWards.ToDictionary(w => w.Code, StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void PersonalIds_ParseAndAgreeWithGenderBirthYearAndBirthProvince(string name)
    {
        var world = TestWorlds.Get(name);

        Assert.All(world.Citizens, c =>
        {
            Assert.True(PersonalId.TryParse(c.SoDinhDanh, out var id, out var error), error?.Reason);
            Assert.Equal(PersonalIdKind.Cccd12, id.Kind);
            Assert.Equal(c.GioiTinh == GioiTinh.Nam ? Gender.Male : Gender.Female, id.Gender);
            Assert.Equal(c.NgayThangNamSinh.Nam, id.BirthYear);

            var ward = Wards[c.NoiDangKyKhaiSinh.MaPhuongXa];
            var birth = c.NgayThangNamSinh.NgayThangNam ?? new DateOnly(c.NgayThangNamSinh.Nam, 1, 1);
            Assert.Equal("0" + ward.BirthProvinceCode(birth), id.ProvinceCode);
        });
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void PersonalIds_MergedProvinceBirths_CarryTheFormerProvinceCode(string name)
    {
        var world = TestWorlds.Get(name);

        // Someone born in old Vĩnh Phúc, now Phú Thọ, before 1 July 2025 has 026, not 025.
        var bornInVinhPhuc = world.Citizens.Where(c => Wards[c.NoiDangKyKhaiSinh.MaPhuongXa].Former.Code == "26").ToList();

        Assert.NotEmpty(bornInVinhPhuc);
        Assert.All(bornInVinhPhuc, c =>
        {
            var afterMerger = c.NgayThangNamSinh.NgayThangNam >= AdministrativeUnits.MergerDate;
            Assert.StartsWith(afterMerger ? "025" : "026", c.SoDinhDanh, StringComparison.Ordinal);
        });
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void OldIds_AreNineDigitCmnds(string name)
    {
        var world = TestWorlds.Get(name);

        var old = world.Citizens.Where(c => c.SoCmnd is not null).ToList();

        Assert.NotEmpty(old);
        Assert.All(old, c =>
        {
            Assert.True(PersonalId.TryParse(c.SoCmnd, out var id));
            Assert.Equal(PersonalIdKind.Cmnd9, id.Kind);
        });
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void Identifiers_AreUniqueAcrossTheWorld(string name)
    {
        var world = TestWorlds.Get(name);

        var all = world.Citizens.Select(c => c.SoDinhDanh)
            .Concat(world.Citizens.Where(c => c.SoCmnd is not null).Select(c => c.SoCmnd!))
            .ToList();

        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(world.Households.Count, world.Households.Select(h => h.SoSoHoKhau).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void EnterpriseCodes_ParseWithTheirCheckDigit_AndBranchesPointAtTheirEnterprise(string name)
    {
        var world = TestWorlds.Get(name);

        var taxPrefixes = AdministrativeUnits.Provinces.SelectMany(p => p.Parts).Select(f => f.TaxPrefix).ToHashSet(StringComparer.Ordinal);

        Assert.All(world.Enterprises, e =>
        {
            var text = e.MainInformation.EnterpriseGdtCode;
            Assert.True(EnterpriseCode.TryParse(text, out var code, out var error), error?.Reason);
            Assert.Equal(text, code.Value);
            Assert.Equal(e.IsBranch, code.IsBranch);
            Assert.Contains(text[..2], taxPrefixes);
            if (code.IsBranch)
            {
                Assert.NotNull(world.FindEnterprise(code.HeadOffice.Value));
            }
        });
        Assert.Contains(world.Enterprises, e => e.IsBranch);
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void SocialInsuranceCodes_ParseAndStartWithAProvinceCode(string name)
    {
        var world = TestWorlds.Get(name);

        var provinceCodes = AdministrativeUnits.Provinces.SelectMany(p => p.Parts).Select(f => f.Code).ToHashSet(StringComparer.Ordinal);

        Assert.All(world.InsuranceParticipants, p =>
        {
            Assert.True(SocialInsuranceCode.TryParse(p.Masobhxh, out _, out var error), error?.Reason);
            Assert.Contains(p.Masobhxh[..2], provinceCodes);
        });
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void InsuranceUnitCodes_LookLikeTZH490L(string name)
    {
        var world = TestWorlds.Get(name);

        Assert.All(world.InsuranceUnits, u => Assert.Matches("^[A-Z]{3}[0-9]{3}[A-Z]$", u.MaDonVi));
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void ResultCodes_BirthAndDeath_ParseAsG15Codes(string name)
    {
        var world = TestWorlds.Get(name);

        Assert.All(world.Births, b => Assert.Equal(CivilRegistryGenerator.BirthResultCode, b.MaGiayToKetQua));
        Assert.All(world.Deaths, d => Assert.Equal(CivilRegistryGenerator.DeathResultCode, d.MaGiayToKetQua));
        Assert.All(world.Marriages, m => Assert.Null(m.MaGiayToKetQua));
        foreach (var text in new[] { CivilRegistryGenerator.BirthResultCode, CivilRegistryGenerator.DeathResultCode })
        {
            Assert.True(ResultCode.TryParse(text, out var code));
            Assert.Equal("000.00.00.G15", code.Issuer.Value);
        }
    }
}
