using Lgsp.Sandbox.Data;
using Lgsp.Sandbox.Data.Records;

namespace Lgsp.Sandbox.Tests.Data;

/// <summary>Every record is found by the key its upstream is queried with, and unknown keys find nothing.</summary>
public sealed class SyntheticWorldLookupTests
{
    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void FindCitizen_EveryPersonalId_FindsThatCitizen(string name)
    {
        var world = TestWorlds.Get(name);

        Assert.All(world.Citizens, c => Assert.Same(c, world.FindCitizen(c.SoDinhDanh)));
        Assert.Null(world.FindCitizen("000000000000"));
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void FindHousehold_ByNumberAndByMember_FindsIt(string name)
    {
        var world = TestWorlds.Get(name);

        Assert.All(world.Households, h =>
        {
            Assert.Same(h, world.FindHousehold(h.SoSoHoKhau));
            Assert.All(h.ThanhVien, m => Assert.Same(h, world.FindHouseholdOf(m.SoDinhDanh)));
        });
        Assert.Null(world.FindHousehold("nope"));
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void FindEnterprise_EveryCode_FindsIt_AndBranchesAreListedUnderTheirEnterprise(string name)
    {
        var world = TestWorlds.Get(name);

        Assert.All(world.Enterprises, e => Assert.Same(e, world.FindEnterprise(e.MainInformation.EnterpriseGdtCode)));
        Assert.All(world.Enterprises.Where(e => e.IsBranch), b => Assert.Contains(b, world.FindBranches(b.ParentCode!)));
        Assert.Empty(world.FindBranches("0000000000"));
        Assert.Null(world.FindEnterprise("0100109106"));
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void FindInsurance_ByCodeAndByPersonalId_FindsTheParticipant(string name)
    {
        var world = TestWorlds.Get(name);

        Assert.All(world.InsuranceParticipants, p =>
        {
            Assert.Same(p, world.FindInsurance(p.Masobhxh));
            Assert.Same(p, world.FindInsuranceOf(p.SoDinhDanh));
        });
        Assert.All(world.InsuranceUnits, u => Assert.Same(u, world.FindInsuranceUnit(u.MaDonVi)));
        Assert.Null(world.FindInsurance("0000000000"));
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void FindParcel_ByWardSheetAndNumber_ByCertificate_AndByOwner_FindsIt(string name)
    {
        var world = TestWorlds.Get(name);

        Assert.All(world.Parcels, p =>
        {
            Assert.Same(p, world.FindParcel(p.MaXa, p.SoHieuBanDo, p.SoThuTuThua));
            if (p.GiayChungNhan is { } certificate)
            {
                Assert.Same(p, world.FindParcelByCertificate(certificate.SoPhatHanh));
            }

            Assert.All(p.ChuSuDung, o => Assert.Contains(p, world.FindParcelsOf(o.SoDinhDanh)));
        });
        var any = world.Parcels[0];
        Assert.Null(world.FindParcel(any.MaXa, 999, 9999));
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void FindCivilRegistration_ByOfficeBookAndNumber_AndBySubject_FindsTheEntry(string name)
    {
        var world = TestWorlds.Get(name);

        Assert.All(world.CivilRegistrations, r =>
        {
            Assert.Same(r, world.FindCivilRegistration(new SoHoTich(r.Loai, r.MaDonVi, r.QuyenSo, r.SoDangKy)));
            Assert.All(r.SubjectIds, id => Assert.Contains(r, world.FindCivilRegistrationsOf(id)));
        });
        var birth = world.Births[0];
        Assert.Null(world.FindCivilRegistration(new SoHoTich(LoaiHoTich.KT, birth.MaDonVi, birth.QuyenSo, birth.SoDangKy + 100_000)));
    }
}
