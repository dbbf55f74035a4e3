using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

namespace Lgsp.Bench.Soak;

/// <summary>A fault's window (ms since the start); a lookup of <see cref="Source"/> (all when null) inside it may fail.</summary>
internal sealed record FaultWindow(string Name, double StartMs, double EndMs, string? Source = null);

/// <summary>
/// The faults, on a schedule scaled to the run: every 3 minutes (once in a run under 6 minutes) one hub SIGKILLed and
/// started again 10 s later; PostgreSQL restarted once; Kafka's brokers down twice (30 s, or a tenth of a short run);
/// DVCQG's stand-in down (60 s, or a sixth of a short run); the land database slow (+400 ms) for a while. Each window
/// runs from the fault until the cluster is whole again plus a settling margin.
/// </summary>
internal sealed class Faults(Cluster cluster, Stopwatch clock)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);
    private readonly List<FaultWindow> _windows = [];
    private readonly List<TimeSpan> _coldStarts = [];

    public IReadOnlyList<FaultWindow> Windows => _windows;

    public IReadOnlyList<TimeSpan> ColdStarts => _coldStarts;

    public bool Covers(LookupSample sample) =>
        _windows.Any(w => (w.Source is null || w.Source == sample.Source) && sample.DoneMs >= w.StartMs && sample.SentMs <= w.EndMs);

    public async Task RunScheduleAsync(TimeSpan duration, CancellationToken stop)
    {
        var plan = new List<(TimeSpan At, Func<Task> Fault)>();
        var kills = duration < TimeSpan.FromMinutes(6)
            ? [duration * 0.1]
            : Enumerable.Range(1, (int)(duration.TotalMinutes / 3) - 1).Select(k => TimeSpan.FromMinutes(3 * k)).ToList();
        var victim = 0;
        foreach (var at in kills)
        {
            var hub = (victim++ % cluster.Hubs) + 1;
            plan.Add((at, () => KillHubAsync(hub)));
        }

        var kafkaOutage = Min(TimeSpan.FromSeconds(30), duration * 0.1);
        plan.Add((duration * 0.3, RestartPostgresAsync));
        plan.Add((duration * 0.45, () => KafkaDownAsync(kafkaOutage)));
        plan.Add((duration * 0.6, () => StandInDownAsync("dvcqg", Min(TimeSpan.FromSeconds(60), duration / 6))));
        plan.Add((duration * 0.7, () => SlowAsync("land", 400, Min(TimeSpan.FromSeconds(60), duration * 0.1))));
        plan.Add((duration * 0.8, () => KafkaDownAsync(kafkaOutage)));
        foreach (var (at, fault) in plan.OrderBy(p => p.At))
        {
            var wait = at - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            await fault();
        }
    }

    private async Task KillHubAsync(int hub)
    {
        var start = clock.Elapsed;
        await cluster.CommandAsync("kill", hub.ToString(CultureInfo.InvariantCulture));
        await Task.Delay(TimeSpan.FromSeconds(10));
        var starting = Stopwatch.StartNew();
        var (code, output) = await cluster.CommandAsync("start", hub.ToString(CultureInfo.InvariantCulture));
        _coldStarts.Add(starting.Elapsed);
        if (code != 0)
        {
            Console.WriteLine($"hub-{hub} did not start again: {output}");
        }

        Add($"hub-{hub} SIGKILL, restarted 10 s later", start);
    }

    private async Task RestartPostgresAsync()
    {
        var start = clock.Elapsed;
        var (code, output) = await cluster.CommandAsync("restart-postgres");
        if (code != 0)
        {
            Console.WriteLine($"PostgreSQL restart failed: {output}");
        }

        Add("PostgreSQL restart", start);
    }

    private async Task KafkaDownAsync(TimeSpan outage)
    {
        var start = clock.Elapsed;
        await cluster.CommandAsync("kafka", "down");
        await Task.Delay(outage);
        await cluster.CommandAsync("kafka", "up");
        Add($"Kafka: all 3 brokers down {outage.TotalSeconds:0} s", start);
    }

    private async Task StandInDownAsync(string source, TimeSpan outage)
    {
        using var http = new HttpClient(new SocketsHttpHandler(), disposeHandler: true);
        var start = clock.Elapsed;
        (await http.PutAsJsonAsync(new Uri(cluster.Sandbox, $"/_sandbox/faults/{source}"), new { mode = "down" })).EnsureSuccessStatusCode();
        await Task.Delay(outage);
        (await http.DeleteAsync(new Uri(cluster.Sandbox, $"/_sandbox/faults/{source}"))).EnsureSuccessStatusCode();
        Add($"{source} stand-in down {outage.TotalSeconds:0} s", start, source);
    }

    private async Task SlowAsync(string source, int delayMs, TimeSpan length)
    {
        using var http = new HttpClient(new SocketsHttpHandler(), disposeHandler: true);
        var start = clock.Elapsed;
        (await http.PutAsJsonAsync(new Uri(cluster.Sandbox, $"/_sandbox/faults/{source}"), new { mode = "slow", delayMs })).EnsureSuccessStatusCode();
        await Task.Delay(length);
        (await http.DeleteAsync(new Uri(cluster.Sandbox, $"/_sandbox/faults/{source}"))).EnsureSuccessStatusCode();
        Add($"{source} slow (+{delayMs} ms) {length.TotalSeconds:0} s", start, source);
    }

    private void Add(string name, TimeSpan start, string? source = null)
    {
        lock (_windows)
        {
            _windows.Add(new FaultWindow(name, start.TotalMilliseconds, (clock.Elapsed + Settle).TotalMilliseconds, source));
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
