using System.Net;
using System.Text.Json;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Hub.Operations;
using Lgsp.Testing;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Tests.Operations;

/// <summary>
/// The base-URL host allowlist (<c>Operations:AllowedUpstreamHosts</c>): the shipped list has no loopback, Development
/// adds it, and a host name allowed by name that resolves (really: the system's resolver) to a loopback address is refused
/// unless that address range is listed. The same validator runs at start and on every operator change.
/// </summary>
public sealed class UpstreamHostAllowlistTests
{
    [Fact]
    public void Validate_LocalhostAllowedByNameOnly_IsRefusedBecauseItResolvesToLoopback()
    {
        var result = Validate(["*.gov.vn", "localhost"], "http://localhost:8090/");

        Assert.True(result.Failed);
        Assert.Contains("resolves to 127.0.0.1", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Adapters:business:BaseUrl", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LocalhostWithTheLoopbackRangesAllowed_IsAccepted()
    {
        var result = Validate(["localhost", "127.0.0.0/8", "::1/128"], "http://localhost:8090/");

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8090/", true)]
    [InlineData("http://127.0.0.9/", true)]
    [InlineData("http://10.0.4.12/", false)]
    [InlineData("http://[::1]:8090/", false)]
    public void Validate_AddressLiterals_AreJudgedByTheListedRanges(string url, bool allowed)
    {
        Assert.Equal(allowed, Validate(["*.gov.vn", "127.0.0.0/8"], url).Succeeded);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("10.2.3.4", true)]
    [InlineData("172.20.0.1", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("103.21.149.10", false)]
    [InlineData("172.32.0.1", false)]
    public void IsInternal_KnowsLoopbackLinkLocalAndPrivateRanges(string address, bool expected)
    {
        Assert.Equal(expected, OperationsOptions.IsInternal(IPAddress.Parse(address)));
    }

    [Fact]
    public void ShippedConfig_HasNoLoopback_DevelopmentAddsIt()
    {
        var shipped = Hosts(RepoPaths.Combine("config", "operations.json"));
        var development = Hosts(RepoPaths.Combine("config", "operations.Development.json"));

        Assert.NotEmpty(shipped);
        Assert.DoesNotContain(shipped, h => h.Contains("127.", StringComparison.Ordinal) || h.Contains("localhost", StringComparison.OrdinalIgnoreCase) || h.Contains("::1", StringComparison.Ordinal));
        Assert.False(new OperationsOptions { AllowedUpstreamHosts = shipped }.Allows(new Uri("http://127.0.0.1:8090/")));
        Assert.Contains("127.0.0.0/8", development);
        Assert.True(new OperationsOptions { AllowedUpstreamHosts = development }.Allows(new Uri("http://127.0.0.1:8090/")));
        Assert.True(Validate(development, "http://localhost:8090/").Succeeded);
        Assert.True(new OperationsOptionsValidator().Validate(null, new OperationsOptions { AllowedUpstreamHosts = development }).Succeeded);
    }

    private static ValidateOptionsResult Validate(List<string> hosts, string baseUrl) =>
        new UpstreamHostAllowlistValidator(Options.Create(new OperationsOptions { AllowedUpstreamHosts = hosts }), new DnsUpstreamHostResolver())
            .Validate("business", new UpstreamOptions { BaseUrl = baseUrl });

    private static List<string> Hosts(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return [.. json.RootElement.GetProperty("Operations").GetProperty("AllowedUpstreamHosts").EnumerateArray().Select(e => e.GetString()!)];
    }
}
