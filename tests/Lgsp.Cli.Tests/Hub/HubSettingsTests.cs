using Lgsp.Cli.Hub;

namespace Lgsp.Cli.Tests.Hub;

public sealed class HubSettingsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Resolve_Nothing_UsesTheDefaults()
    {
        var settings = HubSettings.Resolve(null, null, null, Env(("LGSP_CLI_SECRET", "s")));

        Assert.Equal(new Uri("http://127.0.0.1:8080/"), settings.BaseUri);
        Assert.Equal("lgsp-cli", settings.ClientId);
    }

    [Fact]
    public void Resolve_HubBehindAPathPrefix_KeepsThePrefixForRelativePaths()
    {
        var settings = HubSettings.Resolve("https://lgsp.example/hub", null, null, Env(("LGSP_CLI_SECRET", "s")));

        Assert.Equal(new Uri("https://lgsp.example/hub/connect/token"), new Uri(settings.BaseUri, "connect/token"));
    }

    [Fact]
    public void ToString_NeverShowsTheSecret()
    {
        var settings = HubSettings.Resolve(null, null, null, Env(("LGSP_CLI_SECRET", "very-secret-value")));

        Assert.DoesNotContain("very-secret-value", settings.ToString(), StringComparison.Ordinal);
        Assert.Equal("very-secret-value", settings.Secret.Reveal());
    }

    [Fact]
    public void Resolve_WhitespaceSecret_FailsWithExitFour()
    {
        var failure = Assert.Throws<CliFailure>(() => HubSettings.Resolve(null, null, null, Env(("LGSP_CLI_SECRET", "  "))));

        Assert.Equal(ExitCodes.Unauthorized, failure.ExitCode);
    }
}
