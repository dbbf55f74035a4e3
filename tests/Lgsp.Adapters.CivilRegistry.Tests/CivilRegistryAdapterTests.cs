using Lgsp.Adapters.Contract;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Lgsp.Sandbox.Data.Records;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Adapters.CivilRegistry.Tests;

/// <summary>Each kind of entry mapped field by field against the stand-in's record, the person lookup, the book in the URL, the API key.</summary>
public sealed class CivilRegistryAdapterTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => sandbox.ResetFaultAsync(SourceNames.CivilRegistry);

    public Task DisposeAsync() => Task.CompletedTask;

    private ServiceProvider Adapter(string? key = CivilRegistryTestSupport.ApiKey) =>
        CivilRegistryTestSupport.Build(CivilRegistryTestSupport.Settings(sandbox.HttpBaseUrl, key));

    private async Task<CivilRegistration> GetAsync(HoTich entry)
    {
        using var adapter = Adapter();
        return await adapter.GetRequiredService<ICivilRegistrySource>().GetRegistrationAsync(entry.Key(), CivilRegistryTestSupport.Context(), CancellationToken.None);
    }

    [Fact]
    public async Task Get_BirthWithBothParents_IsMappedWithChildParentsPlaceAndResultCode()
    {
        var birth = sandbox.World().Births.First(b => b.Cha is not null);

        var r = await GetAsync(birth);

        AssertRegistration(birth, CivilRegistrationKinds.Birth, r);
        Assert.Equal(ResultCode.Parse("KQ.G15.000031"), r.ResultCode);
        AssertPerson(birth.Nks, r.Subject);
        AssertPerson(birth.Me, r.Mother);
        AssertPerson(birth.Cha!, r.Father);
        Assert.Equal(birth.NksNoiSinh, r.PlaceOfBirth);
        Assert.Null(r.Husband);
        Assert.Null(r.DateOfDeath);
    }

    [Fact]
    public async Task Get_BirthWithoutFather_HasNoFather()
    {
        var birth = sandbox.World().Births.First(b => b.Cha is null);

        var r = await GetAsync(birth);

        Assert.Null(r.Father);
        AssertPerson(birth.Me, r.Mother);
    }

    [Fact]
    public async Task Get_Death_IsMappedWithDateePlaceAndCause()
    {
        var death = sandbox.World().Deaths[0];

        var r = await GetAsync(death);

        AssertRegistration(death, CivilRegistrationKinds.Death, r);
        Assert.Equal(ResultCode.Parse("KQ.G15.000034"), r.ResultCode);
        AssertPerson(death.Nkt, r.Subject);
        Assert.Equal(death.NktNgayChet, r.DateOfDeath);
        Assert.Equal(death.NktNoiChet, r.PlaceOfDeath);
        Assert.Equal(death.NktNguyenNhanChet, r.CauseOfDeath);
        Assert.Null(r.Mother);
    }

    [Fact]
    public async Task Get_Marriage_IsMappedWithBothSpousesAndNoResultCode()
    {
        var marriage = sandbox.World().Marriages[0];

        var r = await GetAsync(marriage);

        AssertRegistration(marriage, CivilRegistrationKinds.Marriage, r);
        AssertPerson(marriage.Chong, r.Husband);
        AssertPerson(marriage.Vo, r.Wife);
        Assert.Null(r.Subject);
        Assert.Null(r.ResultCode);
    }

    [Fact]
    public async Task Get_BookNumberWithSlash_TravelsAsOneEscapedPathSegment()
    {
        var birth = sandbox.World().Births[^1];
        Assert.Contains("/", birth.QuyenSo, StringComparison.Ordinal);

        var r = await GetAsync(birth);

        Assert.Equal(birth.QuyenSo, r.BookNo);
        var path = Assert.Single((await sandbox.CallsAsync(SourceNames.CivilRegistry)).Keys);
        Assert.Equal($"/hotich/1.0/hoSo/KS/{birth.MaDonVi}/{birth.QuyenSo.Replace("/", "%2F", StringComparison.Ordinal)}/{birth.SoDangKy}", path);
    }

    [Fact]
    public async Task FindBySubject_DeceasedMarriedCitizen_ReturnsEveryEntryAboutThem()
    {
        // Someone the registry names as a spouse and as the deceased (and as the child, where the mother is a citizen too).
        var world = sandbox.World();
        var person = world.Citizens.Where(c => c.DaChet && c.VoChong is not null)
            .OrderByDescending(c => world.FindCivilRegistrationsOf(c.SoDinhDanh).Count).First();
        var expected = world.FindCivilRegistrationsOf(person.SoDinhDanh);
        Assert.True(expected.Count >= 2);
        using var adapter = Adapter();

        var list = await adapter.GetRequiredService<ICivilRegistrySource>().FindBySubjectAsync(PersonalId.Parse(person.SoDinhDanh), CivilRegistryTestSupport.Context(), CancellationToken.None);

        Assert.Equal(expected.Select(e => (e.Loai.ToString(), e.MaDonVi, e.QuyenSo, e.SoDangKy)),
            list.Registrations.Select(r => (r.Kind, r.OfficeCode, r.BookNo, r.RegistrationNo)));
        var death = list.Registrations.Single(r => r.Kind == CivilRegistrationKinds.Death);
        Assert.Equal(person.SoDinhDanh, death.Subject?.PersonalId?.Value);
        Assert.Equal(person.NgayChet, death.DateOfDeath);
        var marriage = list.Registrations.Single(r => r.Kind == CivilRegistrationKinds.Marriage);
        Assert.Contains(person.SoDinhDanh, new[] { marriage.Husband?.PersonalId?.Value, marriage.Wife?.PersonalId?.Value });
        // The personal id went in the body, not the URL.
        Assert.Equal(["/hotich/1.0/traCuuTheoCaNhan"], (await sandbox.CallsAsync(SourceNames.CivilRegistry)).Keys);
    }

    [Fact]
    public async Task FindBySubject_ChildWithBirthRecord_ReturnsTheBirth()
    {
        var world = sandbox.World();
        var birth = world.Births.First(b => world.FindCivilRegistrationsOf(b.Nks.SoDinhDanh).Count == 1);
        using var adapter = Adapter();

        var list = await adapter.GetRequiredService<ICivilRegistrySource>().FindBySubjectAsync(PersonalId.Parse(birth.Nks.SoDinhDanh), CivilRegistryTestSupport.Context(), CancellationToken.None);

        var only = Assert.Single(list.Registrations);
        Assert.Equal((CivilRegistrationKinds.Birth, birth.QuyenSo, birth.SoDangKy), (only.Kind, only.BookNo, only.RegistrationNo));
    }

    [Fact]
    public async Task FindBySubject_NothingOnRecord_IsAnEmptyList()
    {
        using var adapter = Adapter();

        var list = await adapter.GetRequiredService<ICivilRegistrySource>().FindBySubjectAsync(
            PersonalId.CreateCccd("001", Gender.Female, 1990, 999_999), CivilRegistryTestSupport.Context(), CancellationToken.None);

        Assert.Empty(list.Registrations);
    }

    [Fact]
    public async Task AnyCall_WrongApiKey_IsUnauthorizedByTheUpstream()
    {
        using var adapter = Adapter("wrong-key");

        var fault = await Assert.ThrowsAsync<LgspException>(() => adapter.GetRequiredService<ICivilRegistrySource>()
            .GetRegistrationAsync(sandbox.World().Births[0].Key(), CivilRegistryTestSupport.Context(), CancellationToken.None));

        Assert.Equal("upstream.civilregistry.unauthorized", fault.Error.Code);
        Assert.Equal(FaultOrigin.Upstream, fault.Error.Origin);
    }

    [Fact]
    public async Task AnyCall_ApiKeySecretMissing_IsTheHubsFaultNamingTheVariable_AndNothingIsSent()
    {
        using var adapter = Adapter(key: null);

        var fault = await Assert.ThrowsAsync<LgspException>(() => adapter.GetRequiredService<ICivilRegistrySource>()
            .GetRegistrationAsync(sandbox.World().Births[0].Key(), CivilRegistryTestSupport.Context(), CancellationToken.None));

        Assert.Equal(ErrorCatalogue.Internal, fault.Error);
        Assert.Contains(CivilRegistryTestSupport.SecretName, fault.Detail?.En, StringComparison.Ordinal);
        Assert.Empty(await sandbox.CallsAsync(SourceNames.CivilRegistry));
    }

    [Fact]
    public async Task Get_InvalidKey_IsRefusedAsTheClientsFaultBeforeCalling()
    {
        using var adapter = Adapter();

        var fault = await Assert.ThrowsAsync<LgspException>(() => adapter.GetRequiredService<ICivilRegistrySource>()
            .GetRegistrationAsync(new CivilRegistrationKey("BS", " ", "", 0), CivilRegistryTestSupport.Context(), CancellationToken.None));

        Assert.Equal(ErrorCatalogue.ValidationFailed, fault.Error);
        Assert.Equal(["civil_registration.kind", "civil_registration.office_empty", "civil_registration.book_empty", "civil_registration.number_range"],
            fault.FieldErrors.Select(e => e.Reason));
        Assert.Empty(await sandbox.CallsAsync(SourceNames.CivilRegistry));
    }

    private static void AssertRegistration(HoTich expected, string kind, CivilRegistration actual)
    {
        Assert.Equal(kind, actual.Kind);
        Assert.Equal(expected.MaDonVi, actual.OfficeCode);
        Assert.Equal(expected.TenCoQuanDangKy, actual.OfficeName);
        Assert.Equal(expected.QuyenSo, actual.BookNo);
        Assert.Equal(expected.SoDangKy, actual.RegistrationNo);
        Assert.Equal(expected.TrangSo, actual.PageNo);
        Assert.Equal(expected.NgayDangKy, actual.RegisteredOn);
    }

    private static void AssertPerson(NguoiHoTich expected, RegisteredPerson? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.HoTen.DayDu, actual.FullName);
        Assert.Equal(expected.SoDinhDanh, actual.PersonalId?.Value);
        Assert.Equal(expected.GioiTinh == GioiTinh.Nam ? Genders.Male : Genders.Female, actual.Gender);
        Assert.Equal(expected.NgaySinh, actual.DateOfBirth);
        Assert.Equal(expected.QuocTich, actual.Nationality);
    }
}
