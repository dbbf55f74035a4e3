using System.Diagnostics;
using System.Net;
using Lgsp.Adapters.Contract;
using Lgsp.Core.Lookups;
using static Lgsp.Hub.Tests.Gateway.GatewayAssertions;

namespace Lgsp.Hub.Tests.Gateway;

/// <summary>A hub whose business breaker opens when half of at least two calls failed, and half-opens after a second.</summary>
public sealed class BreakerGatewayFixture : GatewayFixture
{
    protected override IDictionary<string, string?> AdapterSettings(SandboxFixture sandbox)
    {
        var settings = base.AdapterSettings(sandbox);
        settings["Adapters:business:Retry:MaxRetryAttempts"] = "0";
        settings["Adapters:business:AttemptTimeout"] = "00:00:03"; // "down" fails at once; a busy machine must not time out
        settings["Adapters:business:TotalTimeout"] = "00:00:05";
        settings["Adapters:business:CircuitBreaker:MinimumThroughput"] = "2";
        settings["Adapters:business:CircuitBreaker:FailureRatio"] = "0.5";
        settings["Adapters:business:CircuitBreaker:SamplingDuration"] = "00:00:10";
        settings["Adapters:business:CircuitBreaker:BreakDuration"] = "00:00:01";
        return settings;
    }
}

/// <summary>The business registry goes down: the breaker opens, the hub answers a fast 503 without calling, then recovers.</summary>
public sealed class BusinessBreakerTests(BreakerGatewayFixture gateway) : IClassFixture<BreakerGatewayFixture>
{
    [Fact]
    public async Task GetEnterprise_UpstreamDown_OpensTheBreakerAnswersFast503ThenRecovers()
    {
        var demo = await gateway.Sandbox.DemoAsync();
        var code = demo.GetProperty("enterprises").EnumerateArray().First().GetProperty("enterpriseCode").GetString()!;
        var token = await gateway.TokenAsync(GatewayFixture.Portal, "lgsp.business.read");
        using (var warm = await gateway.GetAsync("/api/v1/business/enterprises/" + code, token))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode); // the gateway token is fetched before the outage
        }

        await gateway.Sandbox.SetFaultAsync(SourceNames.Business, new { mode = "down" });
        using (var failed = await gateway.GetAsync("/api/v1/business/enterprises/" + code, token))
        {
            // One success and one failure in the window: the failure ratio (0.5) is reached and the breaker opens.
            await ProblemAsync(failed, HttpStatusCode.ServiceUnavailable, "upstream.business.unavailable", "upstream");
        }

        var watch = Stopwatch.StartNew();
        using var open = await gateway.GetAsync("/api/v1/business/enterprises/" + code, token);
        watch.Stop();

        await ProblemAsync(open, HttpStatusCode.ServiceUnavailable, "upstream.business.circuit_open", "upstream");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}"); // no upstream call: well under the 3 s attempt timeout
        Assert.Equal(1, await gateway.Sandbox.FaultsAppliedAsync(SourceNames.Business)); // the open breaker did not call
        Assert.Equal("upstream.business.circuit_open", (await gateway.RecordAsync(ExchangeId(open))).Outcome);

        await gateway.Sandbox.ResetFaultAsync(SourceNames.Business);
        await Task.Delay(TimeSpan.FromMilliseconds(1200));
        using var recovered = await gateway.GetAsync("/api/v1/business/enterprises/" + code, token);
        Assert.True(recovered.StatusCode == HttpStatusCode.OK, await recovered.Content.ReadAsStringAsync() + string.Join("\n", gateway.Logs.Lines.Where(l => l.Contains("Warn", StringComparison.Ordinal) || l.Contains("Error", StringComparison.Ordinal))));
    }
}
