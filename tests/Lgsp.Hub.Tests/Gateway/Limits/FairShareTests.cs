using System.Diagnostics;
using System.Net;
using Lgsp.Adapters.Contract;
using Lgsp.Core.Lookups;
using Xunit.Abstractions;

namespace Lgsp.Hub.Tests.Gateway.Limits;

/// <summary>The business source with 4 concurrent calls and no queue, so that a flood fills it at once.</summary>
public sealed class FairShareFixture : GatewayFixture
{
    protected override IDictionary<string, string?> AdapterSettings(SandboxFixture sandbox)
    {
        var settings = base.AdapterSettings(sandbox);
        settings["Adapters:business:Concurrency:PermitLimit"] = "4";
        settings["Adapters:business:Concurrency:QueueLimit"] = "0";
        return settings;
    }
}

/// <summary>
/// One client flooding a source cannot starve another: each holds at most its share of the source's concurrent calls
/// (<c>Gateway:ClientShareOfSourceConcurrency</c>, 50 % = 2 of 4 here), so a client at a steady pace is never refused.
/// </summary>
public sealed class FairShareTests(FairShareFixture hub, ITestOutputHelper output) : IClassFixture<FairShareFixture>
{
    [Fact]
    public async Task Flood_ByOneClient_LeavesTheSteadyClientItsShareWithNoRefusals()
    {
        var business = await SourceCase.ForAsync(SourceNames.Business, hub.Sandbox);
        var flooder = await hub.TokenAsync(GatewayFixture.RecordsOffice, business.Scope);
        var steady = await hub.TokenAsync(GatewayFixture.Portal, business.Scope);
        await hub.Sandbox.SetFaultAsync(SourceNames.Business, new { mode = "slow", delayMs = 150 });
        try
        {
            using var stop = new CancellationTokenSource();
            var firstRefusal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var flooderStatuses = new System.Collections.Concurrent.ConcurrentQueue<HttpStatusCode>();
            var flood = Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    using var response = await hub.GetAsync(business.ExistingPath, flooder, purpose: "1.000894");
                    flooderStatuses.Enqueue(response.StatusCode);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        firstRefusal.TrySetResult();
                        await Task.Delay(20); // paced: a refused worker tries again shortly, not in a tight loop
                    }
                }
            })).ToList();

            // The load has started once the flooder is refused: its share (or, without shares, the source) is full.
            // (The bound is only for a broken test: the event itself is what is waited for.)
            await firstRefusal.Task.WaitAsync(TimeSpan.FromMinutes(5));

            Assert.Contains(flooderStatuses, s => s != HttpStatusCode.OK);
            var refusals = new List<string>();
            var latencies = new List<double>();
            for (var i = 0; i < 30; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await hub.GetAsync(business.ExistingPath, steady);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    refusals.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }

            await stop.CancelAsync();
            await Task.WhenAll(flood);
            latencies.Sort();
            var p99 = latencies[(int)Math.Ceiling(0.99 * latencies.Count) - 1];
            output.WriteLine($"steady client: {latencies.Count} calls, {refusals.Count} refused, p50 {latencies[latencies.Count / 2]:0} ms, p99 {p99:0} ms (upstream answers in 150 ms); "
                + $"flooder: {flooderStatuses.Count} calls, {flooderStatuses.Count(s => s == HttpStatusCode.TooManyRequests)} refused with 429");
            Assert.Empty(refusals);
        }
        finally
        {
            await hub.Sandbox.ResetFaultAsync(SourceNames.Business);
        }
    }
}
