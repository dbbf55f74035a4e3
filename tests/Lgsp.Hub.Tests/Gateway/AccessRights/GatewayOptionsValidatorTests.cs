using Lgsp.Hub.Gateway;
using Lgsp.Hub.Gateway.AccessRights;
using Lgsp.Hub.Identity;
using Lgsp.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Tests.Gateway.AccessRights;

public sealed class GatewayOptionsValidatorTests
{
    [Fact]
    public void Validate_TheRepositorysConfig_Passes()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(RepoPaths.Combine("config", "identity.json"))
            .AddJsonFile(RepoPaths.Combine("config", "gateway.json"))
            .AddJsonFile(RepoPaths.Combine("config", "access-rights.json"))
            .Build();

        var result = Validate(configuration);

        Assert.True(result.Succeeded, result.FailureMessage);
        var options = configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>()!;
        Assert.Equal(["*"], options.AccessRights["provincial-portal"].Services["business"].Purposes);
        Assert.Equal(["H56"], options.AccessRights["national-portal"].DossierAgencies!);
    }

    [Fact]
    public void Validate_EveryKindOfMistake_IsListedTogether()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Identity:Clients:portal:Type"] = "Confidential",
            ["Gateway:AgencyCode"] = "000.00.00.X56",
            ["Gateway:AccessRights:portal:AgencyCode"] = "000.00.01.H56",
            ["Gateway:AccessRights:portal:Services:population:Purposes:0"] = "1.00119",
            ["Gateway:AccessRights:portal:Services:population:Purposes:1"] = "1.003560.000.00.00.H56",
            ["Gateway:AccessRights:portal:Services:business:Purposes:0"] = "*",
            ["Gateway:AccessRights:portal:Services:business:Purposes:1"] = "1.001193",
            ["Gateway:AccessRights:portal:Services:business:Fields:0"] = "name",
            ["Gateway:AccessRights:portal:Services:business:Fields:1"] = "representatives.salary",
            ["Gateway:AccessRights:portal:Services:tax:Purposes:0"] = "*",
            ["Gateway:AccessRights:portal:Services:land:Fields:0"] = "area",
            ["Gateway:AccessRights:ghost:Services:land:Purposes:0"] = "*",
            ["Gateway:MessageLog:MaxBatchSize"] = "0",
        }).Build();

        var result = Validate(configuration);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Gateway:AgencyCode '000.00.00.X56' is not an agency code", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:AccessRights:portal:Services:population:Purposes: '1.00119' is not a procedure code. A procedure code is ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:AccessRights:portal:Services:population:Purposes: '1.003560.000.00.00.H56' is a local code; list the national code 1.003560", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:AccessRights:portal:Services:business:Purposes: \"*\" stands alone", StringComparison.Ordinal));
        Assert.Contains("Gateway:AccessRights:portal:Services:business:Fields: 'representatives.salary' is not a field of the business records.", failures);
        Assert.Contains(failures, f => f.StartsWith("Gateway:AccessRights:portal:Services:tax: unknown source 'tax'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:AccessRights:portal:Services:land:Purposes is empty", StringComparison.Ordinal));
        Assert.Contains("Gateway:AccessRights:ghost: no client 'ghost' in Identity:Clients.", failures);
        Assert.Contains(failures, f => f.StartsWith("Gateway:AccessRights:ghost:AgencyCode is not set", StringComparison.Ordinal));
        Assert.Contains("Gateway:MessageLog:MaxBatchSize must be between 1 and 10000.", failures);
        Assert.Equal(10, failures.Count);
    }

    [Fact]
    public void Validate_DossierAgencies_EachItemIsAnAgencyCodeAndAReaderNeedsNoAgency()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Identity:Clients:reader:Type"] = "Confidential",
            ["Identity:Clients:portal:Type"] = "Confidential",
            ["Gateway:AgencyCode"] = "000.00.00.H56",
            ["Gateway:AccessRights:reader:DossierAgencies:0"] = "H56.14",
            ["Gateway:AccessRights:reader:DossierAgencies:1"] = "000.00.15.H56",
            ["Gateway:AccessRights:portal:DossierAgencies:0"] = "H56",
            ["Gateway:AccessRights:portal:DossierAgencies:1"] = "X99",
            ["Gateway:AccessRights:portal:DossierAgencies:2"] = "H56.00.14",
        }).Build();

        var failures = Validate(configuration).Failures!.ToList();

        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Gateway:AccessRights:portal:DossierAgencies:1 'X99' is not an agency code", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:AccessRights:portal:DossierAgencies:2 'H56.00.14' is not an agency code", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_OfficialAgencies_EachItemIsAnAgencyCode()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Identity:Clients:portal:Type"] = "Confidential",
            ["Gateway:AgencyCode"] = "000.00.00.H56",
            ["Gateway:AccessRights:portal:AgencyCode"] = "000.00.01.H56",
            ["Gateway:AccessRights:portal:Services:population:Purposes:0"] = "1.001193",
            ["Gateway:AccessRights:portal:Services:population:OfficialAgencies:0"] = "H56.14",
            ["Gateway:AccessRights:portal:Services:population:OfficialAgencies:1"] = "X99",
        }).Build();

        var failures = Validate(configuration).Failures!.ToList();

        Assert.StartsWith("Gateway:AccessRights:portal:Services:population:OfficialAgencies:1 'X99' is not an agency code", Assert.Single(failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CheckpointSettingsOutOfRange_AreListedTogether()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:AgencyCode"] = "000.00.00.H56",
            ["Gateway:MessageLog:Checkpoints:Records"] = "0",
            ["Gateway:MessageLog:Checkpoints:Interval"] = "00:00:00.500",
            ["Gateway:MessageLog:Checkpoints:FilePath"] = " ",
        }).Build();

        var failures = Validate(configuration).Failures!.ToList();

        Assert.Equal(
        [
            "Gateway:MessageLog:Checkpoints:Records must be between 1 and 2000.",
            "Gateway:MessageLog:Checkpoints:Interval must be between 00:00:01 and 1.00:00:00.",
            "Gateway:MessageLog:Checkpoints:FilePath must name the file the signed checkpoints are appended to.",
        ], failures);
    }

    internal static ValidateOptionsResult Validate(IConfiguration configuration)
    {
        var identity = new HubIdentityOptions();
        configuration.GetSection("Identity").Bind(identity);
        var options = configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        return new GatewayOptionsValidator(Options.Create(identity)).Validate(null, options);
    }
}
