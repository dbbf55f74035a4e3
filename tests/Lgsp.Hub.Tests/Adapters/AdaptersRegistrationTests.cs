using Lgsp.Adapters.NationalPortal;
using Lgsp.Adapters.ProvincialPortal;
using Lgsp.Adapters.Population;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Core.Lookups;
using Lgsp.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Tests.Adapters;

/// <summary>The hub wires every adapter from <c>Adapters:&lt;Source&gt;</c>, with config/sources.json as the defaults.</summary>
public sealed class AdaptersRegistrationTests
{
    [Fact]
    public void Start_DefaultConfiguration_ResolvesTheBusinessAdapterPointingAtTheSandbox()
    {
        using var hub = HubFactory.OnSqlite();

        var options = hub.Services.GetRequiredService<IOptionsMonitor<UpstreamOptions>>().Get(SourceNames.Business);

        Assert.NotNull(hub.Services.GetRequiredService<IBusinessRegistrySource>());
        Assert.Equal(new Uri("http://127.0.0.1:8090/"), options.BaseUri);
        Assert.Equal("LGSP_BUSINESS_CREDENTIALS", options.CredentialsSecret);
        Assert.True(options.Enabled);
    }

    [Fact]
    public void Start_DefaultConfiguration_ResolvesTheLandAdapterPointingAtTheSandboxsGrpcEndpoint()
    {
        using var hub = HubFactory.OnSqlite();

        var options = hub.Services.GetRequiredService<IOptionsMonitor<UpstreamOptions>>().Get(SourceNames.Land);

        Assert.NotNull(hub.Services.GetRequiredService<ILandSource>());
        Assert.Equal(new Uri("http://127.0.0.1:8091/"), options.BaseUri);
        Assert.Null(options.CredentialsSecret);
    }

    [Fact]
    public void Start_DefaultConfiguration_ResolvesTheInsuranceAdapterWithItsSecretAndQuota()
    {
        using var hub = HubFactory.OnSqlite();

        var options = hub.Services.GetRequiredService<IOptionsMonitor<UpstreamOptions>>().Get(SourceNames.Insurance);

        Assert.NotNull(hub.Services.GetRequiredService<ISocialInsuranceSource>());
        Assert.Equal(new Uri("http://127.0.0.1:8090/"), options.BaseUri);
        Assert.Equal("LGSP_INSURANCE_CREDENTIALS", options.CredentialsSecret);
        Assert.Equal(10, options.RateLimit?.PermitLimit);
    }

    [Fact]
    public void Start_DefaultConfiguration_ResolvesThePopulationAdapterWithItsIntegrationAndPinnedTrust()
    {
        using var hub = HubFactory.OnSqlite();

        var common = hub.Services.GetRequiredService<IOptionsMonitor<UpstreamOptions>>().Get(SourceNames.Population);
        var population = hub.Services.GetRequiredService<IOptions<PopulationOptions>>().Value;

        Assert.NotNull(hub.Services.GetRequiredService<IPopulationSource>());
        Assert.Equal(new Uri("http://127.0.0.1:8090/"), common.BaseUri);
        Assert.Equal("LGSP-SANDBOX", population.IntegrationCode);
        Assert.Equal(".data/trust/population-sandbox.pem", population.TrustedCertificatePath);
        Assert.Equal("csdldancu/1.0/CongDanService", population.ServicePath);
    }

    [Fact]
    public void Start_DefaultConfiguration_ResolvesTheCivilRegistryAdapterWithItsApiKeySecret()
    {
        using var hub = HubFactory.OnSqlite();

        var options = hub.Services.GetRequiredService<IOptionsMonitor<UpstreamOptions>>().Get(SourceNames.CivilRegistry);

        Assert.NotNull(hub.Services.GetRequiredService<ICivilRegistrySource>());
        Assert.Equal(new Uri("http://127.0.0.1:8090/"), options.BaseUri);
        Assert.Equal("LGSP_CIVILREGISTRY_API_KEY", options.CredentialsSecret);
    }

    [Fact]
    public void Start_PopulationWithoutIntegrationOrTrust_FailsNamingTheKeys()
    {
        using var hub = HubFactory.OnSqlite(new Dictionary<string, string?>
        {
            ["Adapters:Population:IntegrationCode"] = "",
            ["Adapters:Population:TrustedCertificatePath"] = "",
        });

        var error = Assert.Throws<OptionsValidationException>(() => hub.Services);

        Assert.Contains(error.Failures, f => f.StartsWith("Adapters:population:IntegrationCode ", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Adapters:population:TrustedCertificatePath ", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_InvalidAdapterSettings_FailsListingEveryKey()
    {
        using var hub = HubFactory.OnSqlite(new Dictionary<string, string?>
        {
            ["Adapters:Business:BaseUrl"] = "sandbox",
            ["Adapters:Business:AttemptTimeout"] = "-00:00:01",
        });

        var error = Assert.Throws<OptionsValidationException>(() => hub.Services);

        Assert.Contains(error.Failures, f => f.StartsWith("Adapters:business:BaseUrl ", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Adapters:business:AttemptTimeout ", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_DefaultConfiguration_WiresBothPortalsWithTheirMappings()
    {
        using var hub = HubFactory.OnSqlite();

        var upstream = hub.Services.GetRequiredService<IOptionsMonitor<UpstreamOptions>>();
        var national = hub.Services.GetRequiredService<IOptionsMonitor<NationalPortalOptions>>().Get(NationalPortalSource.Name);
        var provincial = hub.Services.GetRequiredService<IOptionsMonitor<ProvincialPortalOptions>>().Get(ProvincialPortalSource.Name);

        Assert.Equal(new Uri("http://127.0.0.1:8090/dvcqg/"), upstream.Get(NationalPortalSource.Name).BaseUri);
        Assert.Equal("LGSP_DVCQG_CREDENTIALS", upstream.Get(NationalPortalSource.Name).CredentialsSecret);
        Assert.Equal(new Uri("http://127.0.0.1:8090/motcua/"), upstream.Get(ProvincialPortalSource.Name).BaseUri);
        Assert.Equal("H56", national.ProvinceCode);
        Assert.Equal("4", national.Mappings.LoaiDoiTuong["HouseholdBusiness"]);
        Assert.Equal("Hộ kinh doanh", provincial.Mappings.LoaiDoiTuong["HouseholdBusiness"]);
    }

    [Fact]
    public void Start_MappingToAValueDvcqgDoesNotKnow_FailsNamingTheKey()
    {
        using var hub = HubFactory.OnSqlite(new Dictionary<string, string?>
        {
            ["Adapters:Dvcqg:Mappings:LoaiDoiTuong:Citizen"] = "0",
        });

        var error = Assert.Throws<OptionsValidationException>(() => hub.Services);

        Assert.Contains(error.Failures, f => f.StartsWith("Adapters:dvcqg:Mappings:LoaiDoiTuong:Citizen ", StringComparison.Ordinal));
    }
}
