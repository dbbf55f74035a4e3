using System.Net;
using Lgsp.Adapters.Contract;
using static Lgsp.Hub.Tests.Gateway.GatewayAssertions;

namespace Lgsp.Hub.Tests.Gateway;

/// <summary>A hub whose breakers open when half of at least two calls failed, and half-open after a second.</summary>
public sealed class BreakerGatewayFixture : GatewayFixture
{
    protected override IDictionary<string, string?> AdapterSettings(SandboxFixture sandbox)
    {
        var settings = base.AdapterSettings(sandbox);
        foreach (var source in Sources)
        {
            settings[$"Adapters:{source}:Retry:MaxRetryAttempts"] = "0";
            settings[$"Adapters:{source}:AttemptTimeout"] = "00:00:03"; // "down" fails at once; a busy machine must not time out
            settings[$"Adapters:{source}:TotalTimeout"] = "00:00:05";
            settings[$"Adapters:{source}:CircuitBreaker:MinimumThroughput"] = "2";
            settings[$"Adapters:{source}:CircuitBreaker:FailureRatio"] = "0.5";
            settings[$"Adapters:{source}:CircuitBreaker:SamplingDuration"] = "00:00:10";
            settings[$"Adapters:{source}:CircuitBreaker:BreakDuration"] = "00:00:01";
        }

        return settings;
    }
}

/// <summary>A source goes down: its breaker opens, the hub answers a fast 503 without calling it, then recovers.</summary>
public sealed class BreakerTests(BreakerGatewayFixture gateway) : IClassFixture<BreakerGatewayFixture>
{
    public static TheoryData<string> Sources() => [.. GatewayFixture.Sources];

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Lookup_UpstreamDown_OpensTheBreakerAnswersFast503ThenRecovers(string source)
    {
        var c = await SourceCase.ForAsync(source, gateway.Sandbox);
        var token = await gateway.TokenAsync(GatewayFixture.Portal, c.Scope);
        using (var warm = await gateway.GetAsync(c.ExistingPath, token, c.GrantedPurpose, c.Officer))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode); // tokens and connections are made before the outage
        }

        await gateway.Sandbox.SetFaultAsync(source, new { mode = "down" });
        try
        {
            using (var failed = await gateway.GetAsync(c.ExistingPath, token, c.GrantedPurpose, c.Officer))
            {
                // One success and one failure in the window: the failure ratio (0.5) is reached and the breaker opens.
                await ProblemAsync(failed, HttpStatusCode.ServiceUnavailable, $"upstream.{source}.unavailable", "upstream");
            }

            using var open = await gateway.GetAsync(c.ExistingPath, token, c.GrantedPurpose, c.Officer);

            await ProblemAsync(open, HttpStatusCode.ServiceUnavailable, $"upstream.{source}.circuit_open", "upstream");
            Assert.Equal(1, await gateway.Sandbox.FaultsAppliedAsync(source)); // the open breaker did not call
            Assert.Equal($"upstream.{source}.circuit_open", (await gateway.RecordAsync(ExchangeId(open))).Outcome);
        }
        finally
        {
            await gateway.Sandbox.ResetFaultAsync(source);
        }

        // Until the break duration (1 s) is over the breaker answers circuit_open without calling; then its half-open
        // probe reaches the healed upstream and closes it. Wait for that, whenever it comes.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            using var next = await gateway.GetAsync(c.ExistingPath, token, c.GrantedPurpose, c.Officer);
            if (next.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            await ProblemAsync(next, HttpStatusCode.ServiceUnavailable, $"upstream.{source}.circuit_open", "upstream");
            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }
    }
}
