using System.Text.Json.Nodes;
using Lgsp.Cli.Adapters;
using Lgsp.Cli.Hub;

namespace Lgsp.Cli.Tests.Adapters;

public sealed class AdapterPatchTests
{
    [Fact]
    public void Build_NamedOptions_BecomeTheContractsKeys()
    {
        var patch = AdapterPatch.Build(new AdapterChanges(
            BaseUrl: "https://new.example/", AttemptTimeout: "00:00:05", TotalTimeout: "0:1:0", Retries: 3, Concurrency: 16, RateLimit: "10/00:00:01"));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            { "baseUrl": "https://new.example/", "attemptTimeout": "00:00:05", "totalTimeout": "00:01:00",
              "retry": { "maxRetryAttempts": 3 }, "concurrency": { "permitLimit": 16 },
              "rateLimit": { "permitLimit": 10, "window": "00:00:01" } }
            """), patch), patch.ToJsonString());
    }

    [Fact]
    public void Build_NoRateLimit_SendsNullToTurnTheBlockOff()
    {
        var patch = AdapterPatch.Build(new AdapterChanges(NoRateLimit: true));

        Assert.Equal("""{"rateLimit":null}""", patch.ToJsonString());
    }

    [Fact]
    public void Build_Sets_ParseJsonOrKeepText_AndNullRemoves()
    {
        var patch = AdapterPatch.Build(new AdapterChanges(Sets:
        [
            "circuitBreaker.failureRatio=0.25", "retry.useJitter=false", "credentialsSecret=LGSP_NEW", "mappings.statusMap={\"1\":\"received\"}",
            "retry.baseDelay=00:00:01", "concurrency=null", "note=\"42\"", "empty=",
        ]));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            { "circuitBreaker": { "failureRatio": 0.25 }, "retry": { "useJitter": false, "baseDelay": "00:00:01" },
              "credentialsSecret": "LGSP_NEW", "mappings": { "statusMap": { "1": "received" } }, "concurrency": null,
              "note": "42", "empty": "" }
            """), patch), patch.ToJsonString());
    }

    [Fact]
    public void Build_SetAfterANamedOption_MergesCaseInsensitivelyAndTheLaterWins()
    {
        var patch = AdapterPatch.Build(new AdapterChanges(Retries: 3, Sets: ["Retry.MaxRetryAttempts=5", "RETRY.maxDelay=00:00:02"]));

        var retry = Assert.IsType<JsonObject>(patch["retry"]);
        Assert.Single(patch);
        Assert.Equal(2, retry.Count);
        Assert.Equal(5, retry["maxRetryAttempts"]!.GetValue<int>());
    }

    [Fact]
    public void Build_EveryBadArgument_IsReportedAtOnce()
    {
        var failure = Assert.Throws<CliFailure>(() => AdapterPatch.Build(new AdapterChanges(
            BaseUrl: "not a url", AttemptTimeout: "5", TotalTimeout: "-00:00:01", Retries: -1, Concurrency: 0,
            Sets: ["noequals", ".x=1", "a..b=2"])));

        Assert.Equal(ExitCodes.Usage, failure.ExitCode);
        Assert.Equal(8, failure.Details.Count);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("x/00:00:01")]
    [InlineData("0/00:00:01")]
    [InlineData("10/1")]
    [InlineData("/00:00:01")]
    public void Build_BadRateLimit_IsAUsageError(string rate)
    {
        var failure = Assert.Throws<CliFailure>(() => AdapterPatch.Build(new AdapterChanges(RateLimit: rate)));

        Assert.Contains(failure.Details, d => d.StartsWith("--rate-limit", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_RateLimitAndNoRateLimit_AreExclusive()
    {
        var failure = Assert.Throws<CliFailure>(() => AdapterPatch.Build(new AdapterChanges(RateLimit: "10/00:00:01", NoRateLimit: true)));

        Assert.Equal(ExitCodes.Usage, failure.ExitCode);
    }

    [Fact]
    public void Build_NothingToChange_IsAUsageError()
    {
        var failure = Assert.Throws<CliFailure>(() => AdapterPatch.Build(new AdapterChanges()));

        Assert.Contains("Nothing to change", failure.MessageEn, StringComparison.Ordinal);
    }
}
