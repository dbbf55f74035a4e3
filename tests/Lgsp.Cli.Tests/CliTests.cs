using Lgsp.Cli.Tests.Infrastructure;

namespace Lgsp.Cli.Tests;

/// <summary>Parsing, usage errors and what every command shares: connection, token, secret hygiene.</summary>
public sealed class CliTests
{
    [Theory]
    [InlineData]
    [InlineData("adapters")]
    [InlineData("nonsense")]
    [InlineData("adapters", "set", "business")]
    [InlineData("adapters", "disable", "business")]
    [InlineData("adapters", "rollback", "business", "--reason", "x")]
    [InlineData("adapters", "set", "business", "--reason", "x", "--retries", "many")]
    [InlineData("adapters", "list", "--insecure")]
    [InlineData("adapters", "list", "--client-secret", "s")]
    [InlineData("dead-letters", "list", "--destination", "elsewhere")]
    [InlineData("adapters", "show")]
    public async Task RunAsync_BadArguments_ExitsTwoWithoutCallingTheHub(params string[] args)
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, args);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains("usage error", result.Error, StringComparison.Ordinal);
        Assert.Contains("--help", result.Error, StringComparison.Ordinal);
        Assert.Empty(hub.Requests);
    }

    [Fact]
    public async Task RunAsync_NumberThatDoesNotParse_NamesTheOptionReadably()
    {
        var result = await Terminal.RunAsync(new Dictionary<string, string?>(), "adapters", "rollback", "business", "--to", "latest", "--reason", "r");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--to: cần một số nguyên / a whole number is needed: 'latest'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Help_ListsTheCommandsAndEveryExitCode()
    {
        var result = await Terminal.RunAsync(new Dictionary<string, string?>(), "--help");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("adapters", result.Out, StringComparison.Ordinal);
        Assert.Contains("dead-letters", result.Out, StringComparison.Ordinal);
        Assert.Contains("Exit codes", result.Out, StringComparison.Ordinal);
        foreach (var code in new[] { "0  ", "2  ", "3  ", "4  ", "5  ", "6  ", "7  ", "8  " })
        {
            Assert.Contains(code, result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunAsync_SubcommandHelpWithoutRequiredOptions_ShowsHelp()
    {
        var result = await Terminal.RunAsync(new Dictionary<string, string?>(), "adapters", "set", "--help");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("--rate-limit", result.Out, StringComparison.Ordinal);
        Assert.Contains("--if-version", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Command_FetchesAClientCredentialsTokenWithTheAdminScope()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "adapters", "list");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var token = hub.Requests.First();
        Assert.Equal(("POST", "/connect/token"), (token.Method, token.Path));
        Assert.StartsWith("application/x-www-form-urlencoded", token.ContentType, StringComparison.Ordinal);
        var form = System.Web.HttpUtility.ParseQueryString(token.Body);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("lgsp-cli", form["client_id"]);
        Assert.Equal("lgsp.admin", form["scope"]);
        Assert.All(hub.AdminRequests, r => Assert.Equal("Bearer " + FakeHub.AccessToken, r.Authorization));
    }

    [Fact]
    public async Task RunAsync_TokenRefused_ExitsFourAndNamesTheOAuthError()
    {
        await using var hub = await FakeHub.StartAsync();
        var env = new Dictionary<string, string?> { ["LGSP_HUB_URL"] = hub.Url, ["LGSP_CLI_SECRET"] = "wrong-secret-value" };

        var result = await Terminal.RunAsync(env, "adapters", "list");

        Assert.True(result.ExitCode == ExitCodes.Unauthorized, result.ToString());
        Assert.Contains("invalid_client", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-value", result.Error + result.Out, StringComparison.Ordinal);
        Assert.Empty(hub.AdminRequests);
    }

    [Fact]
    public async Task RunAsync_NoSecret_ExitsFourWithoutCallingTheHub()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(new Dictionary<string, string?> { ["LGSP_HUB_URL"] = hub.Url }, "adapters", "list");

        Assert.Equal(ExitCodes.Unauthorized, result.ExitCode);
        Assert.Contains("LGSP_CLI_SECRET", result.Error, StringComparison.Ordinal);
        Assert.Empty(hub.Requests);
    }

    [Fact]
    public async Task RunAsync_SecretFile_IsUsedInsteadOfTheEnvironment()
    {
        await using var hub = await FakeHub.StartAsync();
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, FakeHub.Secret + "\n");
            var env = new Dictionary<string, string?> { ["LGSP_CLI_SECRET"] = "not-this-one" };

            var result = await Terminal.RunAsync(env, "adapters", "list", "--hub", hub.Url, "--client-secret-file", file);

            Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task RunAsync_MissingSecretFile_IsAUsageError()
    {
        var result = await Terminal.RunAsync(new Dictionary<string, string?>(), "adapters", "list", "--client-secret-file", "/nonexistent/lgsp-secret");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("/nonexistent/lgsp-secret", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ClientIdFromTheEnvironment_IsSentToTheTokenEndpoint()
    {
        await using var hub = await FakeHub.StartAsync();
        var env = new Dictionary<string, string?> { ["LGSP_HUB_URL"] = hub.Url, ["LGSP_CLI_SECRET"] = FakeHub.Secret, ["LGSP_CLI_CLIENT_ID"] = "other-cli" };

        var result = await Terminal.RunAsync(env, "adapters", "list");

        Assert.Equal(ExitCodes.Unauthorized, result.ExitCode);
        Assert.Equal("other-cli", System.Web.HttpUtility.ParseQueryString(hub.Requests.Single().Body)["client_id"]);
    }

    [Fact]
    public async Task RunAsync_HubOption_OverridesTheEnvironment()
    {
        await using var hub = await FakeHub.StartAsync();
        var env = new Dictionary<string, string?> { ["LGSP_HUB_URL"] = "http://127.0.0.1:1", ["LGSP_CLI_SECRET"] = FakeHub.Secret };

        var result = await Terminal.RunAsync(env, "adapters", "list", "--hub", hub.Url);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
    }

    [Fact]
    public async Task RunAsync_HubUnreachable_ExitsSeven()
    {
        var env = new Dictionary<string, string?> { ["LGSP_HUB_URL"] = "http://127.0.0.1:1", ["LGSP_CLI_SECRET"] = FakeHub.Secret };

        var result = await Terminal.RunAsync(env, "adapters", "list");

        Assert.Equal(ExitCodes.HubUnavailable, result.ExitCode);
        Assert.Contains("127.0.0.1:1", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://hub/")]
    [InlineData("hub.local:8080")]
    [InlineData("http://hub/?x=1")]
    public async Task RunAsync_HubNotAnHttpUrl_IsAUsageError(string url)
    {
        var env = new Dictionary<string, string?> { ["LGSP_CLI_SECRET"] = FakeHub.Secret };

        var result = await Terminal.RunAsync(env, "adapters", "list", "--hub", url);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
    }

    [Theory]
    [InlineData("adapters", "list")]
    [InlineData("adapters", "show", "business")]
    [InlineData("adapters", "show", "nowhere")]
    [InlineData("adapters", "set", "business", "--reason", "r", "--retries", "3")]
    [InlineData("adapters", "set", "business", "--reason", "r", "--retries", "3", "--if-version", "1")]
    [InlineData("clients", "list")]
    public async Task RunAsync_AnyOutcome_NeverPrintsTheSecret(params string[] args)
    {
        await using var hub = await FakeHub.StartAsync();

        var human = await Terminal.RunAsync(hub, args);
        var json = await Terminal.RunAsync(hub, [.. args, "--json"]);

        foreach (var result in new[] { human, json })
        {
            Assert.DoesNotContain(FakeHub.Secret, result.Out, StringComparison.Ordinal);
            Assert.DoesNotContain(FakeHub.Secret, result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(FakeHub.AccessToken, result.Out + result.Error, StringComparison.Ordinal);
        }
    }
}
