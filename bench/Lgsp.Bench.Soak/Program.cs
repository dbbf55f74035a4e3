// The soak (issue 18): mixed load against ./cluster.sh's local cluster with faults on a schedule, bounded and
// self-stopping; prints what was sent, answered and delivered, latency outside the fault windows, each hub's memory
// over time, cold starts and the message log's verification (bench/README.md). Run by bench/soak.sh.
//   --duration 20m | 60s   --rate 300 (lookups/s, all clients)   --clients 3   --dossier-rate 2   --steps 3   --national-rate 0.5
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Lgsp.Bench.Soak;

var duration = Duration(Option("--duration") ?? "20m");
var rate = double.Parse(Option("--rate") ?? "300", CultureInfo.InvariantCulture);
var clients = int.Parse(Option("--clients") ?? "3", CultureInfo.InvariantCulture);
var dossierRate = double.Parse(Option("--dossier-rate") ?? "2", CultureInfo.InvariantCulture);
var steps = int.Parse(Option("--steps") ?? "3", CultureInfo.InvariantCulture);
var nationalRate = double.Parse(Option("--national-rate") ?? "0.5", CultureInfo.InvariantCulture);
var repo = Path.GetFullPath(Option("--repo") ?? Path.Combine(AppContext.BaseDirectory, "../../../../.."));
var run = Environment.GetEnvironmentVariable("LGSP_CLUSTER_DIR") ?? Path.Combine(repo, ".cluster");
var basePort = int.Parse(Environment.GetEnvironmentVariable("LGSP_CLUSTER_PORT") ?? "18400", CultureInfo.InvariantCulture);
var hubs = int.Parse(File.ReadAllText(Path.Combine(run, "hubs")).Trim(), CultureInfo.InvariantCulture);
var cluster = new Cluster(repo, run, basePort, hubs);
var clock = Stopwatch.StartNew();
var windows = new Faults(cluster, clock);
using var http = new HttpClient(new SocketsHttpHandler(), disposeHandler: true) { Timeout = TimeSpan.FromSeconds(30) };

Console.WriteLine($"soak: {hubs} hubs behind {cluster.Balancer}, {duration.TotalSeconds:0} s, {rate} lookups/s from {clients} clients, a dossier every {1 / dossierRate:0.##} s with {steps} steps, a portal dossier every {1 / nationalRate:0.##} s; load average {Load()}");
var cases = await Lookups.CasesAsync(http, cluster.Sandbox);
var province = new Tokens(cluster, "provincial-portal", "LGSP_PROVINCIAL_PORTAL_SECRET");
var lookups = new Lookups(cluster, clock);
var dossiers = new Dossiers(cluster, province, Random.Shared.Next(0, 100_000), steps);
using var stop = new CancellationTokenSource(duration);
var rss = new List<(double At, double?[] Mb)>();
var sampling = Task.Run(async () =>
{
    while (!stop.IsCancellationRequested)
    {
        rss.Add((clock.Elapsed.TotalSeconds, [.. Enumerable.Range(1, hubs).Select(cluster.RssMb)]));
        await Task.Delay(TimeSpan.FromSeconds(Math.Max(5, duration.TotalSeconds / 12)), stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
    }
});
var load = Task.WhenAll(
    lookups.RunAsync(clients, rate, province, cases, stop.Token),
    dossiers.RunProvinceAsync(dossierRate, stop.Token),
    dossiers.RunNationalAsync(nationalRate, stop.Token));
var faults = windows.RunScheduleAsync(duration, stop.Token);
await Task.WhenAll(load, faults, sampling);
var loadEnded = clock.Elapsed;

// Delivery: wait for the outbox and Kafka to bring every accepted event to its destination (bounded).
Console.WriteLine($"load stopped at {loadEnded.TotalSeconds:0} s; waiting for deliveries (at most 3 min)...");
var dvcqg = await dossiers.CheckDvcqgAsync(http);
var oneStop = await dossiers.CheckOneStopAsync(http);
for (var deadline = Stopwatch.StartNew(); (dvcqg.Lost > 0 || oneStop.Delivered < oneStop.Accepted) && deadline.Elapsed < TimeSpan.FromMinutes(3);)
{
    await Task.Delay(TimeSpan.FromSeconds(5));
    dvcqg = await dossiers.CheckDvcqgAsync(http);
    oneStop = await dossiers.CheckOneStopAsync(http);
}

// Lookups: failures inside and outside the fault windows; latency outside them.
var samples = lookups.Samples.ToList();
var ok = samples.Count(s => s.Status is >= 200 and < 300);
var failed = samples.Where(s => s.Status is < 200 or >= 300).ToList();
var failedOutside = failed.Where(s => !windows.Covers(s)).ToList();
var outside = samples.Where(s => s.Status is >= 200 and < 300 && !windows.Covers(s)).Select(s => s.DoneMs - s.SentMs).ToList();
var latency = Percentiles.Of(outside);
Console.WriteLine();
Console.WriteLine($"lookups: sent {samples.Count}, 2xx {ok}, failed {failed.Count} ({failed.Count - failedOutside.Count} inside fault windows, {failedOutside.Count} outside); achieved {samples.Count / loadEnded.TotalSeconds:0.0}/s");
foreach (var source in samples.GroupBy(s => s.Source).OrderBy(g => g.Key, StringComparer.Ordinal))
{
    Console.WriteLine($"  {source.Key,-14} sent {source.Count(),6}  2xx {source.Count(s => s.Status is >= 200 and < 300),6}  statuses {string.Join(' ', source.GroupBy(s => s.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Count()}"))}");
}

Console.WriteLine($"  failures by code: {string.Join(", ", failed.GroupBy(s => s.Code ?? "?").OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"))}");
foreach (var failure in failedOutside.GroupBy(s => (s.Source, s.Status, s.Code)).OrderByDescending(g => g.Count()).Take(10))
{
    Console.WriteLine($"  outside a window: {failure.Key.Source} {failure.Key.Status} {failure.Key.Code} x{failure.Count()} (first at {failure.Min(s => s.SentMs) / 1000:0.0} s)");
}

Console.WriteLine($"lookup latency outside fault windows: p50 {latency.At(0.50):0.0} ms, p99 {latency.At(0.99):0.0} ms, max {latency.Max:0.0} ms ({latency.Count} answers)");
Console.WriteLine($"events: accepted {dossiers.EventsAccepted} (retried sends {dossiers.EventRetries}); DVCQG: steps expected {dvcqg.Expected}, delivered {dvcqg.Delivered}, lost {dvcqg.Lost}, duplicated {dvcqg.Duplicated}, out of order {dvcqg.OutOfOrder}");
Console.WriteLine($"portal dossiers: accepted by the hub {oneStop.Accepted}, at the one-stop system {oneStop.Delivered}, lost {oneStop.Accepted - oneStop.Delivered}");
Console.WriteLine("fault windows:");
foreach (var w in windows.Windows)
{
    Console.WriteLine($"  {w.StartMs / 1000,6:0.0}–{w.EndMs / 1000,6:0.0} s  {w.Name}");
}

Console.WriteLine($"cold start to ready (./cluster.sh start, process start to /health/ready): {string.Join(", ", windows.ColdStarts.Select(t => $"{t.TotalSeconds:0.0} s"))}");
Console.WriteLine("RSS per hub (MB) over time:");
foreach (var (at, mb) in rss)
{
    Console.WriteLine($"  {at,6:0} s  {string.Join("  ", mb.Select((m, i) => $"hub-{i + 1} {(m is { } v ? v.ToString("0", CultureInfo.InvariantCulture) : "-"),5}"))}");
}

var verified = 0;
for (var i = 1; i <= hubs; i++)
{
    var (code, output) = await cluster.CommandAsync("verify", i.ToString(CultureInfo.InvariantCulture));
    verified += code == 0 ? 1 : 0;
    Console.WriteLine($"message-log verify (hub-{i}'s checkpoints): exit {code}: {output.Split('\n').LastOrDefault()}");
}

Console.WriteLine($"load average at the end: {Load()}");
var green = failedOutside.Count == 0 && dvcqg.Lost == 0 && dvcqg.Duplicated == 0 && dvcqg.OutOfOrder == 0 && oneStop.Delivered == oneStop.Accepted && verified == hubs;
Console.WriteLine(green ? "RESULT: PASS" : "RESULT: FAIL");
return green ? 0 : 1;

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[..3] is var l ? string.Join(' ', l) : "";

TimeSpan Duration(string text) => text[^1] switch
{
    's' => TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
    'm' => TimeSpan.FromMinutes(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
    'h' => TimeSpan.FromHours(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
    _ => TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture)),
};

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
