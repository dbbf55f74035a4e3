using Lgsp.Core.Codes;
using Lgsp.Sandbox.Data;
using Lgsp.Sandbox.Data.Generation;
using Lgsp.Sandbox.NationalIdentity;

namespace Lgsp.Sandbox.Tests.NationalIdentity;

/// <summary>The stand-in provider's accounts: who has one, and that everything drawn for them is stable per seed.</summary>
public sealed class NationalAccountsTests
{
    private static readonly NationalAccounts Default = new(TestWorlds.Default);

    [Fact]
    public void Accounts_SameSeed_SameSubjectsTechIdsAndLevels()
    {
        var again = new NationalAccounts(SyntheticWorld.Generate(WorldSpec.Default));

        Assert.Equal(Default.All.Select(Key), again.All.Select(Key));

        static string Key(NationalAccount a) => $"{a.LoginId}|{a.Subject}|{a.TechId}|{a.Level}|{a.Email}|{a.Phone}";
    }

    [Fact]
    public void Accounts_DefaultWorld_GoldenFirstCitizen()
    {
        // Pinned so an accidental change to how accounts are drawn fails here; change it on purpose, in the same commit.
        var first = Default.All[0];

        Assert.Equal(TestWorlds.Default.Citizens.First(c => !c.DaChet && (c.NgayThangNamSinh.NgayThangNam ?? new DateOnly(c.NgayThangNamSinh.Nam, 1, 1)).AddYears(14) <= WorldSpec.Default.AsOf).SoDinhDanh, first.LoginId);
        Assert.Equal(GoldenTechId, first.TechId);
    }

    [Fact]
    public void Accounts_MoreEnterprises_LeaveEveryCitizenAccountAsItWas()
    {
        var bigger = new NationalAccounts(SyntheticWorld.Generate(WorldSpec.Default with { Enterprises = WorldSpec.Default.Enterprises + 50 }));

        var before = Default.All.Where(a => a.Kind == AccountKind.Citizen).ToDictionary(a => a.LoginId, a => a.TechId);
        var after = bigger.All.Where(a => a.Kind == AccountKind.Citizen && before.ContainsKey(a.LoginId)).ToList();

        Assert.NotEmpty(after);
        Assert.All(after, a => Assert.Equal(before[a.LoginId], a.TechId));
    }

    [Fact]
    public void Accounts_Identifiers_UniqueOpaqueAndNeverThePersonalId()
    {
        Assert.Equal(Default.All.Count, Default.All.Select(a => a.TechId).Distinct().Count());
        Assert.Equal(Default.All.Count, Default.All.Select(a => a.Subject).Distinct().Count());
        Assert.All(Default.All, a =>
        {
            Assert.True(Guid.TryParse(a.TechId, out _));
            Assert.NotEqual(a.Subject, a.TechId);
            Assert.DoesNotContain(a.Person.SoDinhDanh, a.TechId, StringComparison.Ordinal);
            Assert.Same(a, Default.FindByLogin(a.LoginId));
            Assert.Same(a, Default.FindBySubject(a.Subject));
        });
    }

    [Fact]
    public void Accounts_Citizens_LivingAndAtLeast14WithAValidPersonalId()
    {
        var world = TestWorlds.Default;
        var citizens = Default.All.Where(a => a.Kind == AccountKind.Citizen).ToList();

        Assert.All(citizens, a =>
        {
            Assert.False(a.Person.DaChet);
            Assert.True(PersonalId.TryParse(a.LoginId, out _));
            Assert.True(Ages.On(a.Person.NgayThangNamSinh.NgayThangNam ?? new DateOnly(a.Person.NgayThangNamSinh.Nam, 1, 1), world.Spec.AsOf) >= NationalAccounts.MinimumAge);
            Assert.Equal(world.FindInsuranceOf(a.LoginId)?.Masobhxh, a.SocialInsuranceCode);
        });
        var child = world.Citizens.First(c => !c.DaChet && c.NgayThangNamSinh.NgayThangNam is { } birth && Ages.On(birth, world.Spec.AsOf) < 14);
        Assert.Null(Default.FindByLogin(child.SoDinhDanh));
        Assert.Null(Default.FindByLogin(world.Citizens.First(c => c.DaChet).SoDinhDanh));
    }

    [Fact]
    public void Accounts_Businesses_HeadOfficesThatAreNotDissolved()
    {
        var world = TestWorlds.Default;
        var businesses = Default.All.Where(a => a.Kind == AccountKind.Business).ToList();

        Assert.NotEmpty(businesses);
        Assert.All(businesses, a =>
        {
            Assert.True(EnterpriseCode.TryParse(a.LoginId, out var code) && !code.IsBranch);
            Assert.False(a.Enterprise!.MainInformation.EnterpriseStatusName.StartsWith("Đã giải thể", StringComparison.Ordinal));
            Assert.Equal(a.Enterprise.Representatives[0].PersonalId, a.Person.SoDinhDanh);
            Assert.Equal(AssuranceLevel.LoA2, a.Level);
        });
        Assert.Null(Default.FindByLogin(world.Enterprises.First(e => e.MainInformation.EnterpriseStatusName.StartsWith("Đã giải thể", StringComparison.Ordinal)).MainInformation.EnterpriseGdtCode));
        Assert.Null(Default.FindByLogin(world.Enterprises.First(e => e.IsBranch).MainInformation.EnterpriseGdtCode));
    }

    [Fact]
    public void Accounts_Levels_BothLevelsAmongCitizens()
    {
        var citizens = Default.All.Where(a => a.Kind == AccountKind.Citizen).ToList();
        var levelTwo = citizens.Count(a => a.Level == AssuranceLevel.LoA2);

        // About three in four; wide bounds, the draw is per account.
        Assert.InRange(levelTwo * 100 / citizens.Count, 65, 85);
    }

    [Fact]
    public void Accounts_ContactDetails_MobileNumberAndReservedMailDomain()
    {
        Assert.All(Default.All, a =>
        {
            Assert.Matches("^0[35789][0-9]{8}$", a.Phone);
            Assert.Matches("^[a-z0-9.]+@example\\.com$", a.Email);
        });
    }

    private const string GoldenTechId = "ff72d814-57b0-498c-bea4-0a3c68323bc4";
}
