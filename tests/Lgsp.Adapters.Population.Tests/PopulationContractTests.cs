using System.Globalization;
using Lgsp.Adapters.Contract;
using Lgsp.Core.Codes;
using Lgsp.Core.Lookups;
using Lgsp.Core.Packets;
using Lgsp.Sandbox.Data.Records;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Adapters.Population.Tests;

/// <summary>The population adapter passes the shared contract, signed variant, against the sandbox's SOAP stand-in.</summary>
public sealed class PopulationContractTests(SandboxFixture sandbox) : SignedAdapterContractTests(sandbox)
{
    private string? _trustPath;

    // SOAP 1.1 sends every fault as HTTP 500, which the adapter reads to tell a Client fault from an outage.
    protected override int HugeAnswerStatus => 500;

    protected override string Source => SourceNames.Population;

    protected override string Operation => "TraCuuThongTinCongDan";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _trustPath = await PopulationTestSupport.WriteTrustFileAsync(Sandbox);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        PopulationTestSupport.Delete(_trustPath);
    }

    protected override void AddAdapter(IServiceCollection services, IConfiguration configuration) => services.AddPopulationAdapter(configuration);

    protected override IDictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Adapters:population:IntegrationCode"] = PopulationTestSupport.IntegrationCode;
        settings["Adapters:population:TrustedCertificatePath"] = _trustPath;
        return settings;
    }

    protected override async Task<PacketBody> LookupExistingAsync(IServiceProvider services, LookupContext context, CancellationToken cancellationToken) =>
        await services.GetRequiredService<IPopulationSource>().GetCitizenAsync((await DemoCitizenAsync()).Id(), context, cancellationToken);

    protected override async Task<PacketBody> LookupMissingAsync(IServiceProvider services, LookupContext context, CancellationToken cancellationToken) =>
        await services.GetRequiredService<IPopulationSource>().GetCitizenAsync(PopulationTestSupport.UnknownId(Sandbox.World()), context, cancellationToken);

    /// <summary>Field by field against the stand-in's own record of the citizen.</summary>
    protected override async Task AssertCanonicalAsync(PacketBody body)
    {
        var expected = await DemoCitizenAsync();
        var citizen = Assert.IsType<Citizen>(body);
        Assert.Equal(expected.SoDinhDanh, citizen.PersonalId.Value);
        Assert.Equal(expected.SoCmnd, citizen.OldId?.Value);
        Assert.Equal(expected.HoVaTen.DayDu, citizen.Name?.Full);
        Assert.Equal(expected.HoVaTen.Ho, citizen.Name?.Family);
        Assert.Equal(expected.HoVaTen.Ten, citizen.Name?.Given);
        Assert.Equal(expected.GioiTinh == GioiTinh.Nam ? Genders.Male : Genders.Female, citizen.Gender);
        Assert.Equal(expected.NgayThangNamSinh.NgayThangNam, citizen.DateOfBirth);
        Assert.Equal(expected.NgayThangNamSinh.Nam, citizen.BirthYear);
        Assert.Equal(expected.DanToc.Code, citizen.Ethnicity);
        Assert.Equal(expected.TonGiao.Code, citizen.Religion);
        Assert.Equal(((int)expected.TinhTrangHonNhan).ToString(CultureInfo.InvariantCulture), citizen.MaritalStatus);
        Assert.Equal(expected.NhomMau, citizen.BloodType);
        Assert.Equal("VN", citizen.Nationality);
        AssertAddress(expected.NoiDangKyKhaiSinh, citizen.BirthRegistrationPlace);
        AssertAddress(expected.QueQuan, citizen.Hometown);
        AssertAddress(expected.ThuongTru, citizen.PermanentAddress);
        AssertAddress(expected.NoiOHienTai, citizen.CurrentAddress);
        AssertRelative(expected.Cha, citizen.Father);
        AssertRelative(expected.Me, citizen.Mother);
        AssertRelative(expected.VoChong, citizen.Spouse);
        AssertRelative(expected.NguoiDaiDien, citizen.Representative);
        Assert.Equal(expected.ChuHo!.HoVaTen.DayDu, citizen.HouseholdHead?.FullName);
        Assert.Equal(expected.ChuHo.SoDinhDanh, citizen.HouseholdHead?.PersonalId?.Value);
        Assert.Equal(expected.ChuHo.QuanHe, citizen.HouseholdHead?.Relation);
        Assert.Equal(expected.SoSoHoKhau, citizen.HouseholdBookNo);
        Assert.Null(citizen.DateOfDeath);
    }

    private async Task<CongDan> DemoCitizenAsync()
    {
        // The demo's first citizen: a married household head, so relatives and household are all there.
        var demo = await Sandbox.DemoAsync();
        var id = demo.GetProperty("citizens")[0].GetProperty("personalId").GetString()!;
        return Sandbox.World().FindCitizen(id)!;
    }

    private static void AssertAddress(DiaChi expected, Address? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.MaTinhThanh, actual.ProvinceCode);
        Assert.Equal(expected.TenTinhThanh, actual.ProvinceName);
        Assert.Equal(expected.MaPhuongXa, actual.WardCode);
        Assert.Equal(expected.TenPhuongXa, actual.WardName);
        Assert.Equal(expected.ChiTiet.Length == 0 ? null : expected.ChiTiet, actual.Detail);
        Assert.Equal(expected.QuocGia, actual.Country);
        Assert.Equal(expected.DayDu, actual.Full);
    }

    private static void AssertRelative(NguoiThan? expected, Relative? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }

        Assert.NotNull(actual);
        Assert.Equal(expected.HoVaTen.DayDu, actual.FullName);
        Assert.Equal(expected.SoDinhDanh, actual.PersonalId?.Value);
        Assert.Equal(expected.QuocTich, actual.Nationality);
    }
}
