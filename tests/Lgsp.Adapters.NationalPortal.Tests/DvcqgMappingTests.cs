using Lgsp.Adapters.Contract;
using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.StatusSync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.NationalPortal.Tests;

/// <summary>The canonical dossier on DVCQG's wire: dates, enumerations per destination, statuses never rewritten, national procedure codes, the alias.</summary>
public sealed class DvcqgMappingTests
{
    [Fact]
    public void ToHoSo_InstantsInAnyOffset_AreYyyyMMddHHmmssInVietnam()
    {
        var dossier = Dossiers.Processing("H56.14-251124-0035") with
        {
            ReceivedAt = new DateTimeOffset(2025, 11, 24, 1, 0, 0, TimeSpan.Zero),
            DueAt = new DateTimeOffset(2025, 11, 27, 19, 30, 5, TimeSpan.FromHours(9)),
        };

        var hoSo = Mapping().ToHoSo(dossier);

        Assert.Equal("20251124080000", hoSo.NgayTiepNhan);
        Assert.Equal("20251127173005", hoSo.NgayHenTra);
        Assert.Equal("20251124074500", hoSo.NgayNopHoSo);
    }

    [Theory]
    [InlineData(PartyKind.Citizen, "1")]
    [InlineData(PartyKind.Business, "2")]
    [InlineData(PartyKind.StateAgency, "3")]
    [InlineData(PartyKind.Organization, "4")]
    [InlineData(PartyKind.HouseholdBusiness, "4")]
    public void ToHoSo_PartyKind_IsDvcqgsLoaiDoiTuong(PartyKind kind, string expected)
    {
        var dossier = Dossiers.Processing("H56.14-251124-0035");

        var hoSo = Mapping().ToHoSo(dossier with { Owner = dossier.Owner with { Kind = kind } });

        Assert.Equal(expected, hoSo.LoaiDoiTuong);
    }

    [Fact]
    public void ToHoSo_MappingChangedByTheOperator_AppliesToTheNextDossier()
    {
        var configuration = new ConfigurationManager();
        var mapping = Mapping(configuration);
        var dossier = Dossiers.Processing("H56.14-251124-0035");
        var household = dossier with { Owner = dossier.Owner with { Kind = PartyKind.HouseholdBusiness } };
        Assert.Equal("4", mapping.ToHoSo(household).LoaiDoiTuong);

        configuration["Adapters:Dvcqg:Mappings:LoaiDoiTuong:HouseholdBusiness"] = "2";
        ((IConfigurationRoot)configuration).Reload();

        Assert.Equal("2", mapping.ToHoSo(household).LoaiDoiTuong);
    }

    [Theory]
    [InlineData(DossierChannel.Direct, "1")]
    [InlineData(DossierChannel.Online, "2")]
    [InlineData(DossierChannel.Postal, "3")]
    public void ToHoSo_Channel_IsDvcqgsKenhThucHien(DossierChannel channel, string expected) =>
        Assert.Equal(expected, Mapping().ToHoSo(Dossiers.Processing("H56.14-251124-0035") with { Channel = channel }).KenhThucHien);

    [Theory]
    [InlineData(DossierStatus.SupplementRequested, "5")]
    [InlineData(DossierStatus.FinancialObligation, "6")]
    [InlineData(DossierStatus.Stopped, "8")]
    [InlineData(DossierStatus.Resolved, "9")]
    [InlineData(DossierStatus.ResultReturned, "10")]
    public void ToHoSoAndToRow_Status_IsSentExactlyAsStored(DossierStatus status, string expected)
    {
        var dossier = Dossiers.Processing("H56.14-251124-0035", status);
        var step = (DossierStatusChanged)Dossiers.Step(dossier, 3, status).Payload;

        Assert.Equal(expected, Mapping().ToHoSo(dossier).TrangThaiHoSo);
        Assert.Equal(expected, DvcqgMapping.ToRow(step, "H56.14-251124-0035").TrangThai);
    }

    [Fact]
    public void ToRow_Step_CarriesDvcqgsFieldsAndDates()
    {
        var dossier = Dossiers.Processing("H56.14-251124-0035");
        var step = (DossierStatusChanged)Dossiers.Step(dossier, 7, DossierStatus.SupplementRequested, "Bổ sung bản sao giấy chứng sinh").Payload;

        var row = DvcqgMapping.ToRow(step, "H56.14-251124-0035");

        Assert.Equal("H56.14-251124-0035", row.MaHoSo);
        Assert.Equal("Nguyễn Văn Bình", row.NguoiXuLy);
        Assert.Equal("Chuyên viên", row.ChucDanh);
        Assert.Equal("20251124090700", row.ThoiDiemXuLy);
        Assert.Equal("Phòng Hộ tịch", row.PhongBanXuLy);
        Assert.Equal("Bổ sung bản sao giấy chứng sinh", row.NoiDungXuLy);
        Assert.Equal("5", row.TrangThai);
        Assert.Equal("20251124080000", row.NgayBatDau);
        Assert.Equal("20251126170000", row.NgayKetThucTheoQuyDinh);
    }

    [Fact]
    public void ToHoSo_LocalProcedureCode_IsSentAsTheNationalCode_InTheGatewayProfile()
    {
        var configuration = new ConfigurationManager();
        configuration["Adapters:Dvcqg:Profile"] = "Gateway";
        var dossier = Dossiers.Processing("H56.14-251124-0035") with
        {
            Procedure = new DossierProcedure { NationalCode = ProcedureCode.Parse("1.003560.000.00.00.H56") },
        };

        Assert.Equal("1.003560", Mapping(configuration).ToHoSo(dossier).MaTTHC);
    }

    [Theory]
    [InlineData(null, null)]          // the default profile, PerCall: TD-DVC sends the code it holds
    [InlineData("Service", null)]     // OpenCPS sends its own code when no mapping names DVCQG's
    [InlineData("Gateway", "true")]   // the option of any profile
    public void ToHoSo_ProfileKeepingTheLocalSuffix_SendsTheLocalCodeAsItIs(string? profile, string? keep)
    {
        var configuration = new ConfigurationManager();
        configuration["Adapters:Dvcqg:Profile"] = profile;
        configuration["Adapters:Dvcqg:KeepProcedureSuffix"] = keep;
        configuration["Adapters:Dvcqg:DstCode"] = "DVCQG";
        configuration["Adapters:Dvcqg:UnitCode"] = "000.00.00.H56";
        var dossier = Dossiers.Processing("H56.14-251124-0035") with
        {
            Procedure = new DossierProcedure { NationalCode = ProcedureCode.Parse("1.003560.000.00.00.H56") },
        };

        Assert.Equal("1.003560.000.00.00.H56", Mapping(configuration).ToHoSo(dossier).MaTTHC);
    }

    [Fact]
    public void ToHoSo_KeepingTheSuffix_PrefersTheLocalCodeAndTheMapStillWins()
    {
        var configuration = new ConfigurationManager();
        configuration["Adapters:Dvcqg:KeepProcedureSuffix"] = "true";
        var dossier = Dossiers.Processing("H56.14-251124-0035") with
        {
            Procedure = new DossierProcedure { NationalCode = ProcedureCode.Parse("1.001193"), LocalCode = ProcedureCode.Parse("1.001193.000.00.14.H56") },
        };

        Assert.Equal("1.001193.000.00.14.H56", Mapping(configuration).ToHoSo(dossier).MaTTHC);
        configuration["Adapters:Dvcqg:Mappings:DanhSachThuTucDongBoDVC:1.001193.000.00.14.H56"] = "2.000488";
        Assert.Equal("2.000488", Mapping(configuration).ToHoSo(dossier).MaTTHC);
    }

    [Fact]
    public void ToHoSo_ProcedureInTheMap_IsSentAsMapped()
    {
        var configuration = new ConfigurationManager();
        configuration["Adapters:Dvcqg:Mappings:DanhSachThuTucDongBoDVC:1.001193.000.00.14.H56"] = "2.000488";

        var hoSo = Mapping(configuration).ToHoSo(Dossiers.Processing("H56.14-251124-0035"));

        Assert.Equal("2.000488", hoSo.MaTTHC);
    }

    [Fact]
    public void ToHoSo_Owner_GivesDocumentNumberIdentityAndTechIdForOnlineOnly()
    {
        var dossier = Dossiers.Processing("H56.14-251124-0035");
        var mapping = Mapping();

        var online = mapping.ToHoSo(dossier);
        var direct = mapping.ToHoSo(dossier with { Channel = DossierChannel.Direct });

        Assert.Equal("079203001234", online.SoGiayToChuHoSo);
        var id = Assert.Single(online.DinhDanhCHS!);
        Assert.Equal(("1", "079203001234"), (id.LoaiDinhDanh, id.SoDinhDanh));
        Assert.Equal("a1b2c3d4-techid", online.MaDoiTuong);
        Assert.Null(direct.MaDoiTuong);
        Assert.Equal(("1", "1", "0"), (online.HoSoCoThanhPhanSoHoa, online.TaiKhoanDuocXacThucVoiVNeID, online.DuocThanhToanTrucTuyen));
        var component = Assert.Single(online.TaiLieuNop!);
        Assert.Equal(("2", "2", "KQ.G15.000031", "0"), (component.LoaiBan, component.DuocTaiSuDung, component.MaKetQuaThayThe, component.IsDeleted));
        var fee = Assert.Single(online.DanhSachLePhi!);
        Assert.Equal(("8000", "1", "1", "1"), (fee.Gia, fee.LoaiPhiLePhi, fee.HinhThucThu, fee.TrangThaiThanhToan));
    }

    [Fact]
    public void MaHoSoFor_CodeWithTheProvincePrefix_IsTheCode()
    {
        Assert.Equal("H56.14-251124-0035", Mapping().MaHoSoFor(DossierCode.Parse("H56.14-251124-0035"), null, Dossiers.Agency));
        Assert.Equal("000.00.14.H56-251124-0035", Mapping().MaHoSoFor(DossierCode.Parse("000.00.14.H56-251124-0035"), null, Dossiers.Agency));
    }

    // Changed on purpose (issue #13 item 5): a 5-digit hash of the code collided, and the second dossier overwrote the
    // first at DVCQG. The hub now draws the alias from a sequence and stores it; without one nothing is made up.
    [Fact]
    public void MaHoSoFor_CodeWithoutTheProvincePrefixAndNoStoredAlias_IsRejectedForGood()
    {
        var error = Assert.Throws<DossierDeliveryRejectedException>(() => Mapping().MaHoSoFor(DossierCode.Parse("G09.20-20251124-0092637"), null, Dossiers.Agency));

        Assert.Contains("MaHoSoKhac", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AliasUnitFor_CodeWithoutTheProvince_IsTheReceivingUnitOrElseTheAliasAgency()
    {
        var policy = Policy();
        var code = DossierCode.Parse("G09.20-20251124-0092637");

        Assert.Equal(Dossiers.Agency, policy.AliasUnitFor(code, Dossiers.Agency));
        Assert.Equal(AgencyCode.Parse("000.00.00.H56"), policy.AliasUnitFor(code, AgencyCode.Parse("000.00.20.G09")));
        Assert.Null(policy.AliasUnitFor(DossierCode.Parse("H56.14-251124-0035"), Dossiers.Agency));
        Assert.Null(policy.AliasUnitFor(DossierCode.Parse("000.00.14.H56-251124-0035"), AgencyCode.Parse("000.00.20.G09")));
    }

    [Fact]
    public void ToHoSoAndToRow_OverDvcqgsLimitsOrBlank_AreCutWithEllipsisOrFilledAsTdDvcDoes()
    {
        var dossier = Dossiers.Processing("H56.14-251124-0035") with { Summary = new string('x', 1001) };
        var step = (DossierStatusChanged)Dossiers.Step(dossier, 1).Payload;

        Assert.Equal(new string('x', 997) + "...", Mapping().ToHoSo(dossier).TrichYeuHoSo);
        Assert.Equal("Dinhkem", Mapping().ToHoSo(dossier with { Summary = "" }).TrichYeuHoSo);
        Assert.Equal("Chuyên viên", DvcqgMapping.ToRow(step with { Actor = " " }, "H56.14-251124-0035").NguoiXuLy);
        Assert.Equal(new string('a', 47) + "...", DvcqgMapping.ToRow(step with { Actor = new string('a', 51) }, "H56.14-251124-0035").NguoiXuLy);
    }

    [Fact]
    public void MaHoSoFor_DossierWithAnAlias_IsThatAlias()
    {
        var given = DossierCode.Parse("H56.14-251124-12345");

        Assert.Equal(given.Value, Mapping().MaHoSoFor(DossierCode.Parse("G09.20-20251124-0092637"), given, Dossiers.Agency));
    }

    [Fact]
    public void Options_InvalidMappings_AreAllReportedByKey()
    {
        var configuration = new ConfigurationManager();
        configuration["Adapters:Dvcqg:BaseUrl"] = "http://127.0.0.1:1/";
        configuration["Adapters:Dvcqg:ProvinceCode"] = "56";
        configuration["Adapters:Dvcqg:ProgressChunkSize"] = "11";
        configuration["Adapters:Dvcqg:Mappings:KenhThucHien:Online"] = "5";
        configuration["Adapters:Dvcqg:Mappings:LoaiDoiTuong:Robot"] = "1";
        configuration["Adapters:Dvcqg:Mappings:DanhSachThuTucDongBoDVC:1.001193.000.00.14.H56"] = "1.001193.000.00.14.H56";
        using var services = Services(configuration);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptionsMonitor<NationalPortalOptions>>().Get(NationalPortalSource.Name));

        Assert.Contains(error.Failures, f => f.StartsWith("Adapters:dvcqg:ProvinceCode ", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Adapters:dvcqg:ProgressChunkSize ", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Adapters:dvcqg:Mappings:KenhThucHien:Online ", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("'Robot' is not one of", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Adapters:dvcqg:Mappings:DanhSachThuTucDongBoDVC:1.001193.000.00.14.H56 ", StringComparison.Ordinal));
    }

    private static DvcqgMapping Mapping(IConfiguration? configuration = null)
    {
        var config = configuration as ConfigurationManager ?? new ConfigurationManager();
        config["Adapters:Dvcqg:BaseUrl"] ??= "http://127.0.0.1:1/";
        var services = Services(config);
        return services.GetRequiredService<DvcqgMapping>();
    }

    private static IDossierAliasPolicy Policy()
    {
        var config = new ConfigurationManager();
        config["Adapters:Dvcqg:BaseUrl"] = "http://127.0.0.1:1/";
        return Services(config).GetRequiredService<IDossierAliasPolicy>();
    }

    private static ServiceProvider Services(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(configuration);
        services.AddNationalPortalAdapter(configuration);
        return services.BuildServiceProvider();
    }
}
