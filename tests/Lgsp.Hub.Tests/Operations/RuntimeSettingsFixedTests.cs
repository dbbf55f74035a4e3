using Lgsp.Adapters.Sdk.Options;
using Lgsp.Hub.Operations.Settings;
using Microsoft.Extensions.Configuration;

namespace Lgsp.Hub.Tests.Operations;

/// <summary>
/// A stored version never decides what the deployment fixes: a version stored before the rule (or written into the
/// database by hand) that names another secret or trust file is in force for everything else, not for those.
/// </summary>
public sealed class RuntimeSettingsFixedTests
{
    [Fact]
    public void Apply_StoredVersionNamingAnotherSecret_TheFilesNameStaysInForce()
    {
        var files = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Adapters:business:BaseUrl"] = "https://api.ngsp.gov.vn/",
            ["Adapters:business:CredentialsSecret"] = "LGSP_BUSINESS_CREDENTIALS",
        }).Build();
        var runtime = RuntimeSettings.Over(files);
        runtime.Fixed = new DeploymentFixedSettings([new UpstreamSettingsType("business", typeof(UpstreamOptions), "business")]);

        runtime.Apply([new SettingsVersion("adapter", "business", 3, new Dictionary<string, string>
        {
            ["BaseUrl"] = "https://api2.ngsp.gov.vn/",
            ["CredentialsSecret"] = "LGSP_CLI_SECRET",
        }, "change", DateTimeOffset.UnixEpoch, "someone", "old version")]);

        Assert.Equal("https://api2.ngsp.gov.vn/", runtime.Configuration["Adapters:business:BaseUrl"]);
        Assert.Equal("LGSP_BUSINESS_CREDENTIALS", runtime.Configuration["Adapters:business:CredentialsSecret"]);
        Assert.Equal("LGSP_BUSINESS_CREDENTIALS", runtime.EffectiveSettings("adapter", "business")["CredentialsSecret"]);
        Assert.Equal("https://api2.ngsp.gov.vn/", runtime.EffectiveSettings("adapter", "business")["BaseUrl"]);
    }

    [Fact]
    public void KeysOf_TheSdkAndPopulationOptions_NameTheSecretAndTheTrustAnchor()
    {
        Assert.Equal(["CredentialsSecret"], DeploymentFixedSettings.KeysOf(typeof(UpstreamOptions)));
        Assert.Equal(["TrustedCertificatePath"], DeploymentFixedSettings.KeysOf(typeof(Lgsp.Adapters.Population.PopulationOptions)));
    }
}
