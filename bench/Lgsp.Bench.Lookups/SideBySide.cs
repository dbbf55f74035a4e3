using System.Globalization;

namespace Lgsp.Bench.Lookups;

/// <summary>
/// wrk against nginx, then the same time against the hub, as one pair; the hub's CPU per answered lookup from
/// <c>/proc/&lt;pid&gt;/stat</c> over its run. A ratio is reported only when nginx reached at least
/// <see cref="QuietShare"/> of its quiet-machine rate (<see cref="BenchOptions.NginxQuietRate"/>): below that the machine
/// is busy with other work and a ratio would measure the noise, so the pair is run again, at most
/// <see cref="BenchOptions.MaxRuns"/> times, then it says "noisy, no ratio". The CPU per lookup is printed every time:
/// other load distorts it far less than a rate.
/// </summary>
internal static class SideBySide
{
    public const double QuietShare = 0.8;

    public sealed record Pair(Wrk.Result Nginx, Wrk.Result Hub, double HubCpuMsPerLookup);

    public sealed record Endpoint(Uri BaseUrl, IReadOnlyList<string> Paths, IDictionary<string, string> Headers);

    public static async Task<Pair> RunAsync(string label, Endpoint nginx, Endpoint hub, int hubPid, BenchOptions options, string work)
    {
        Pair? last = null;
        for (var run = 1; run <= options.MaxRuns; run++)
        {
            Console.WriteLine($"  [{label}, run {run}/{options.MaxRuns}] load average before the run: {ProcessCpu.LoadAverage()}");
            var viaNginx = await Wrk.RunAsync(nginx.BaseUrl, nginx.Paths, nginx.Headers, options.Seconds, options.Connections, work);
            var cpuBefore = ProcessCpu.Of(hubPid);
            var viaHub = await Wrk.RunAsync(hub.BaseUrl, hub.Paths, hub.Headers, options.Seconds, options.Connections, work);
            var cpu = ProcessCpu.Of(hubPid) - cpuBefore;
            var answered = viaHub.Requests - viaHub.Errors;
            last = new Pair(viaNginx, viaHub, answered > 0 ? cpu.TotalMilliseconds / answered : double.NaN);

            Program.Print("business via nginx (plain reverse proxy)", viaNginx);
            Program.Print($"business via hub ({label}: signed + message log)", viaHub);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  hub CPU: {cpu.TotalSeconds:F2} s over {answered} answered lookups = {last.HubCpuMsPerLookup:F3} ms per lookup"));

            var floor = QuietShare * options.NginxQuietRate;
            if (viaNginx.Rate >= floor)
            {
                Console.WriteLine($"  hub / nginx = {viaHub.Rate / viaNginx.Rate:P1} ({label})");
                return last;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  nginx reached {viaNginx.Rate:F0}/s, below {QuietShare:P0} of its quiet-machine {options.NginxQuietRate:F0}/s: the machine is busy, no ratio from this run"));
        }

        Console.WriteLine($"  hub / nginx: noisy, no ratio ({label}: nginx stayed below {QuietShare:P0} of its quiet-machine rate in {options.MaxRuns} runs)");
        return last!;
    }
}
