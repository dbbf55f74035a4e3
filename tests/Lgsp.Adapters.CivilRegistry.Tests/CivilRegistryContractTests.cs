using Lgsp.Adapters.Contract;
using Lgsp.Core.Lookups;
using Lgsp.Core.Packets;
using Lgsp.Sandbox.Data.Records;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Adapters.CivilRegistry.Tests;

/// <summary>
/// The civil registry adapter passes the shared contract against the sandbox's stand-in. Not the signed variant: the
/// registry's records carry no signature (what the ministry signs is the extract issued with the result), so there is
/// no signature to break.
/// </summary>
public sealed class CivilRegistryContractTests(SandboxFixture sandbox) : AdapterContractTests(sandbox)
{
    protected override string Source => SourceNames.CivilRegistry;

    protected override string Operation => "hoSo";

    protected override void AddAdapter(IServiceCollection services, IConfiguration configuration) => services.AddCivilRegistryAdapter(configuration);

    protected override IDictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        CivilRegistryTestSupport.AddCredentials(settings);
        return settings;
    }

    protected override async Task<PacketBody> LookupExistingAsync(IServiceProvider services, LookupContext context, CancellationToken cancellationToken) =>
        await services.GetRequiredService<ICivilRegistrySource>().GetRegistrationAsync((await DemoBirthAsync()).Key(), context, cancellationToken);

    protected override async Task<PacketBody> LookupMissingAsync(IServiceProvider services, LookupContext context, CancellationToken cancellationToken) =>
        await services.GetRequiredService<ICivilRegistrySource>().GetRegistrationAsync(
            (await DemoBirthAsync()).Key() with { RegistrationNo = 9_999 }, context, cancellationToken);

    /// <summary>Field by field against the stand-in's own entry.</summary>
    protected override async Task AssertCanonicalAsync(PacketBody body)
    {
        var expected = await DemoBirthAsync();
        var registration = Assert.IsType<CivilRegistration>(body);
        Assert.Equal(CivilRegistrationKinds.Birth, registration.Kind);
        Assert.Equal(expected.MaDonVi, registration.OfficeCode);
        Assert.Equal(expected.TenCoQuanDangKy, registration.OfficeName);
        Assert.Equal(expected.QuyenSo, registration.BookNo);
        Assert.Equal(expected.SoDangKy, registration.RegistrationNo);
        Assert.Equal(expected.TrangSo, registration.PageNo);
        Assert.Equal(expected.NgayDangKy, registration.RegisteredOn);
        Assert.Equal(expected.MaGiayToKetQua, registration.ResultCode?.Value);
        Assert.Equal(expected.Nks.HoTen.DayDu, registration.Subject?.FullName);
        Assert.Equal(expected.Nks.SoDinhDanh, registration.Subject?.PersonalId?.Value);
        Assert.Equal(expected.Nks.NgaySinh, registration.Subject?.DateOfBirth);
        Assert.Equal(expected.Me.HoTen.DayDu, registration.Mother?.FullName);
        Assert.Equal(expected.NksNoiSinh, registration.PlaceOfBirth);
    }

    private async Task<KhaiSinh> DemoBirthAsync()
    {
        // The demo's birth entry: the first one of the world.
        var demo = await Sandbox.DemoAsync();
        var entry = demo.GetProperty("civilRegistry")[0];
        Assert.Equal("KS", entry.GetProperty("kind").GetString());
        return (KhaiSinh)Sandbox.World().FindCivilRegistration(new SoHoTich(LoaiHoTich.KS, entry.GetProperty("office").GetString()!,
            entry.GetProperty("book").GetString()!, entry.GetProperty("number").GetInt32()))!;
    }
}
