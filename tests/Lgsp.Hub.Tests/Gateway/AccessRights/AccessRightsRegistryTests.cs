using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Hub.Gateway;
using Lgsp.Hub.Gateway.AccessRights;
using Lgsp.Hub.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Tests.Gateway.AccessRights;

public sealed class AccessRightsRegistryTests
{
    [Fact]
    public void RequireService_NoRight_IsServiceNotAllowed()
    {
        using var registry = Registry(Config(), out _);

        var fault = Assert.Throws<LgspException>(() => registry.RequireService("portal", "land"));

        Assert.Equal("client.service_not_allowed", fault.Error.Code);
        Assert.Equal(403, fault.Error.HttpStatus);
    }

    [Fact]
    public void RequirePurpose_NationalAndLocalCodes_MatchOnTheNationalCode()
    {
        using var registry = Registry(Config(), out _);
        var grant = registry.RequireService("portal", "business");

        grant.RequirePurpose(ProcedureCode.Parse("1.001193"));
        grant.RequirePurpose(ProcedureCode.Parse("1.001193.000.00.00.H56"));
        var fault = Assert.Throws<LgspException>(() => grant.RequirePurpose(ProcedureCode.Parse("2.000488")));

        Assert.Equal("client.purpose_not_allowed", fault.Error.Code);
        Assert.Contains("2.000488", fault.Detail?.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Reload_ValidChange_TakesEffect()
    {
        var configuration = Config();
        using var registry = Registry(configuration, out _);

        configuration["Gateway:AccessRights:portal:Services:land:Purposes:0"] = "*";
        configuration.Reload();

        Assert.True(registry.RequireService("portal", "land").AnyPurpose);
    }

    [Fact]
    public void Reload_InvalidChange_KeepsTheLastGoodRights()
    {
        var configuration = Config();
        using var registry = Registry(configuration, out _);

        configuration["Gateway:AccessRights:portal:Services:business:Purposes:0"] = "not-a-code";
        configuration["Gateway:AccessRights:portal:Services:land:Purposes:0"] = "*";
        configuration.Reload();

        registry.RequireService("portal", "business").RequirePurpose(ProcedureCode.Parse("1.001193"));
        Assert.Throws<LgspException>(() => registry.RequireService("portal", "land"));
    }

    private static IConfigurationRoot Config() => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Identity:Clients:portal:Type"] = "Confidential",
        ["Gateway:AgencyCode"] = "000.00.00.H56",
        ["Gateway:AccessRights:portal:AgencyCode"] = "000.00.01.H56",
        ["Gateway:AccessRights:portal:Services:business:Purposes:0"] = "1.001193",
    }).Build();

    private static AccessRightsRegistry Registry(IConfigurationRoot configuration, out GatewayOptions options)
    {
        var identity = new HubIdentityOptions();
        configuration.GetSection("Identity").Bind(identity);
        options = configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>()!;
        return new AccessRightsRegistry(Options.Create(options), configuration, [new GatewayOptionsValidator(Options.Create(identity))], NullLogger<AccessRightsRegistry>.Instance);
    }
}
