// Dossier status sync (issue #5): ingestion rates durable on PostgreSQL beside pgbench's single-row insert rate in the
// same run, and end-to-end latency to the DVCQG stand-in through Kafka at a fixed rate. bench/README.md explains it.
//   bench/sync.sh [--seconds 20] [--clients 16] [--batch 200] [--rate 1000] [--low-rate 200] [--e2e-seconds 30] [--e2e-dossiers 2000] [--keep]
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Bench.Sync;
using Lgsp.Testing;
using Lgsp.Testing.Kafka;
using Npgsql;

var options = SyncOptions.Parse(args);
var work = Path.Combine(Path.GetTempPath(), "lgsp-bench-sync-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(work);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"LGSP dossier sync benchmark: {Environment.ProcessorCount} cores, {options.Seconds} s per measured run, {options.Clients} clients, batches of {options.Batch}, end to end at {options.Rate}/s and {options.LowRate}/s for {options.E2eSeconds} s over {options.E2eDossiers} dossiers"));
Console.WriteLine($"load average before the run: {LoadAverage()} (other work on the machine takes its share of the same cores)");
Console.WriteLine($"work folder {work}");

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 4096, PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { Timeout = TimeSpan.FromSeconds(60) };

// PostgreSQL with its durable defaults (fsync, synchronous_commit, full_page_writes on): a commit is on disk when it returns.
await using var postgres = await PostgresServer.StartAsync(durable: true);
Console.WriteLine($"PostgreSQL: {await ScalarAsync(postgres.AdminConnectionString, "SELECT version()")}; fsync={await ScalarAsync(postgres.AdminConnectionString, "SHOW fsync")}, synchronous_commit={await ScalarAsync(postgres.AdminConnectionString, "SHOW synchronous_commit")}, data on {Path.GetTempPath()}");

// 1. pgbench: the reference.
Console.WriteLine();
Console.WriteLine("== 1. PostgreSQL's own single-row insert rate (pgbench) ==");
var pgbench = await Pgbench.RunAsync(postgres, await postgres.CreateDatabaseAsync("pgbench"), options.Clients, options.Seconds, options.Warmup, work);
Console.WriteLine("  " + pgbench.Command);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  pgbench single-row INSERT, one per transaction: {pgbench.Tps:F0} tps ({pgbench.Rows} rows in the table after warm-up + run)"));
Console.WriteLine($"  load average: {LoadAverage()}");

// 2. Ingestion through the hub: the relay off, so the hub's cores only ingest (phase 3 has it on).
Console.WriteLine();
Console.WriteLine("== 2. Ingestion through the hub (answers after commit; relay off) ==");
var ingestDatabase = await postgres.CreateDatabaseAsync("ingest");
var ingestDirectory = Path.Combine(work, "hub-ingest");
Directory.CreateDirectory(ingestDirectory);
var ingestUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
double singleRate;
await using (var hub = HubProcess.Start(ingestUrl, [.. HubProcess.Settings(ingestDirectory, "postgres", ingestDatabase), "--StatusSync:RelayEnabled", "false"]))
{
    await hub.WaitHealthyAsync(http, new Uri(ingestUrl, "/health/ready"), TimeSpan.FromSeconds(120));
    var bearer = new AuthenticationHeaderValue("Bearer", await HubProcess.TokenAsync(http, ingestUrl, ingestDirectory, "lgsp.dossier.sync"));
    const int perClient = 10;
    var singleDossiers = options.Clients * perClient;
    var batchDossiers = options.Clients * options.Batch;
    await CreateDossiersAsync(http, ingestUrl, bearer, 0, singleDossiers + batchDossiers);
    var eventsBefore = await CountEventsAsync(ingestDatabase);
    var accepted = 0L;

    // Single event: one step per request, POST /api/v1/dossiers/{code}/steps; each client round-robins its own 10 dossiers.
    var seqs = new int[singleDossiers + batchDossiers];
    var turns = new int[options.Clients];
    var (cpuBefore, acceptedBefore) = (CpuMilliseconds(hub.Id), Interlocked.Read(ref accepted));
    var transactionsBefore = await TransactionsAsync(ingestDatabase);
    var single = await ClosedLoop.RunAsync(options.Clients, TimeSpan.FromSeconds(options.Warmup), TimeSpan.FromSeconds(options.Seconds), async (client, ct) =>
    {
        var dossier = (client * perClient) + (turns[client]++ % perClient);
        var seq = ++seqs[dossier];
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(ingestUrl, $"/api/v1/dossiers/{SyncBodies.Code(dossier)}/steps"))
        {
            Content = SyncBodies.Json(SyncBodies.Steps(SyncBodies.Step(seq))),
        };
        request.Headers.Authorization = bearer;
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}";
        }

        Interlocked.Increment(ref accepted);
        return null;
    });
    singleRate = single.Rate;
    Print("single event (1 step per request)", single, 1);
    PrintCpu(hub.Id, cpuBefore, Interlocked.Read(ref accepted) - acceptedBefore);
    await PrintTransactionsAsync(ingestDatabase, transactionsBefore, Interlocked.Read(ref accepted) - acceptedBefore);
    Console.WriteLine($"  load average: {LoadAverage()}");

    (cpuBefore, acceptedBefore) = (CpuMilliseconds(hub.Id), Interlocked.Read(ref accepted));

    // Batched: POST /api/v1/dossiers:batch, each item one step of a different dossier (the client's own dossiers).
    var batch = await ClosedLoop.RunAsync(options.Clients, TimeSpan.FromSeconds(options.Warmup), TimeSpan.FromSeconds(options.Seconds), async (client, ct) =>
    {
        var first = singleDossiers + (client * options.Batch);
        var body = SyncBodies.Batch(Enumerable.Range(first, options.Batch).Select(d => SyncBodies.ProgressItem(SyncBodies.Code(d), ++seqs[d])));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(ingestUrl, "/api/v1/dossiers:batch")) { Content = SyncBodies.Json(body) };
        request.Headers.Authorization = bearer;
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}";
        }

        Interlocked.Add(ref accepted, options.Batch);
        return null;
    });
    Print($"batched ({options.Batch} steps of {options.Batch} dossiers per request)", batch, options.Batch);
    PrintCpu(hub.Id, cpuBefore, Interlocked.Read(ref accepted) - acceptedBefore);
    Console.WriteLine($"  load average: {LoadAverage()}");

    var eventsAfter = await CountEventsAsync(ingestDatabase);
    Console.WriteLine($"  outbox check: {eventsAfter - eventsBefore} event rows written for {accepted} steps answered 201/200 (warm-ups included){(eventsAfter - eventsBefore == accepted ? string.Empty : "  ← MISMATCH")}");
    Console.WriteLine($"  the hub's step event bodies average {await ScalarAsync(ingestDatabase, "SELECT round(avg(length(body))) FROM dossier_events WHERE idempotency_key LIKE '%#%'")} characters (pgbench row: see its script)");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  single / pgbench = {singleRate / pgbench.Tps:P0} (goal ≥ 40%); batched {batch.Rate * options.Batch:F0} events/s (goal ≥ 10,000)"));
}

// 3. End to end through Kafka to the DVCQG stand-in at a fixed rate (--e2e-seconds 0 leaves it out: ingestion only).
if (options.E2eSeconds == 0)
{
    return 0;
}

Console.WriteLine();
Console.WriteLine("== 3. End to end: hub → Kafka → consumer → dvcqg adapter → DVCQG stand-in ==");
using var kafka = KafkaTestCluster.Start(3);
Console.WriteLine(kafka.IsMock
    ? $"  Kafka: librdkafka MOCK CLUSTER (3 brokers) in the benchmark process at {kafka.BootstrapServers} — not a real Kafka; set {KafkaTestCluster.EnvironmentVariable} for one"
    : $"  Kafka: the cluster of {KafkaTestCluster.EnvironmentVariable} ({kafka.BootstrapServers})");
await kafka.CreateTopicAsync("lgsp.dossier.events", 12);
await kafka.CreateTopicAsync("lgsp.dossier.events.dlq", 12);

var sandboxUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
await using var sandbox = ChildProcess.Start("sandbox", "dotnet",
    [
        RepoPaths.Combine("src", "Lgsp.Sandbox", "bin", "Release", "net10.0", "Lgsp.Sandbox.dll"),
        "--Kestrel:Endpoints:Http:Url", sandboxUrl.ToString().TrimEnd('/'),
        "--Kestrel:Endpoints:Grpc:Url", $"http://127.0.0.1:{FreePort.Next()}",
        "--Kestrel:Endpoints:Grpc:Protocols", "Http2",
        "--Sandbox:NaturalLatency", "false",
        "--Sandbox:NationalPortal:RequestsPerSecond", "100000",
        "--Logging:LogLevel:Default", "Warning",
    ],
    RepoPaths.Combine("src", "Lgsp.Sandbox"),
    new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });
await sandbox.WaitHealthyAsync(http, new Uri(sandboxUrl, "/health"), TimeSpan.FromSeconds(60));
Console.WriteLine("  DVCQG stand-in: the sandbox, natural latency off, gateway throttling at 100,000 calls/s, no faults");

var e2eDatabase = await postgres.CreateDatabaseAsync("e2e");
var e2eDirectory = Path.Combine(work, "hub-e2e");
Directory.CreateDirectory(e2eDirectory);
var e2eUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
await using (var hub = HubProcess.Start(e2eUrl,
    [
        .. HubProcess.Settings(e2eDirectory, "postgres", e2eDatabase),
        "--Kafka:BootstrapServers", kafka.BootstrapServers,
        "--Adapters:Dvcqg:BaseUrl", new Uri(sandboxUrl, "/dvcqg/").ToString(),
        "--Adapters:Provincial:BaseUrl", new Uri(sandboxUrl, "/motcua/").ToString(),
    ]))
{
    await hub.WaitHealthyAsync(http, new Uri(e2eUrl, "/health/ready"), TimeSpan.FromSeconds(120));
    var bearer = new AuthenticationHeaderValue("Bearer", await HubProcess.TokenAsync(http, e2eUrl, e2eDirectory, "lgsp.dossier.sync"));
    var dossiers = options.E2eDossiers;
    var rowsSoFar = 0;
    foreach (var (rate, firstDossier) in new[] { (options.Rate, 0), (options.LowRate, dossiers) })
    {
        await CreateDossiersAsync(http, e2eUrl, bearer, firstDossier, dossiers);
        var created = await WaitAsync(async () => (await ReceivedSummaryAsync(http, sandboxUrl)).GetProperty("dossiers").GetInt32(), firstDossier + dossiers, TimeSpan.FromMinutes(5));
        Console.WriteLine();
        Console.WriteLine($"  -- at {rate} events/s: {created - firstDossier} new dossiers created on the stand-in beforehand (ThemMoi, not measured) --");

        // Step i goes to dossier i mod D as its (i / D + 1)-th step: a dossier gets a step every D / rate seconds.
        var total = rate * options.E2eSeconds;
        var answeredAt = new DateTimeOffset?[total];
        var load = await FixedRateLoad.RunAsync(rate, options.E2eSeconds, async i =>
        {
            var dossier = firstDossier + (i % dossiers);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(e2eUrl, $"/api/v1/dossiers/{SyncBodies.Code(dossier)}/steps"))
            {
                Content = SyncBodies.Json(SyncBodies.Steps(SyncBodies.Step((i / dossiers) + 1))),
            };
            request.Headers.Authorization = bearer;
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Created)
            {
                return $"{(int)response.StatusCode} {body}";
            }

            answeredAt[i] = TimeProvider.System.GetUtcNow();
            return null;
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  POST …/steps at {rate}/s open loop ({load.Sent} sent, achieved {load.AchievedRate:F0}/s, {load.Errors} not 201{(load.FirstError is null ? string.Empty : ", first: " + load.FirstError[..Math.Min(200, load.FirstError.Length)])}): answer p50 {load.P50:F1} ms, p90 {load.P90:F1} ms, p99 {load.P99:F1} ms, max {load.Max:F0} ms (from when each was due)"));
        Console.WriteLine($"  load average: {LoadAverage()}");

        var expected = answeredAt.Count(a => a is not null);
        var rows = await WaitAsync(async () => (await ReceivedSummaryAsync(http, sandboxUrl)).GetProperty("rows").GetInt32(), rowsSoFar + expected, TimeSpan.FromMinutes(3));
        rowsSoFar = rows;
        var outcome = await EndToEnd.MatchAsync(http, sandboxUrl, firstDossier, dossiers, answeredAt);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  arrived at the stand-in: {outcome.Arrived} of {expected} answered steps; lost {outcome.Lost}, duplicated {outcome.Duplicates}, out of order {outcome.OutOfOrder}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  latency from the POST's answer to the stand-in recording the row: p50 {outcome.Latency.At(0.50):F0} ms, p90 {outcome.Latency.At(0.90):F0} ms, p99 {outcome.Latency.At(0.99):F0} ms (goal < 2000), max {outcome.Latency.Max:F0} ms"));
    }
}

Console.WriteLine();
Console.WriteLine($"load average after the run: {LoadAverage()}");
if (!options.Keep)
{
    Directory.Delete(work, recursive: true);
}

return 0;

static void Print(string label, ClosedLoop.Result result, int eventsPerRequest) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  {label}: {result.Rate * eventsPerRequest:F0} events/s ({result.Rate:F1} requests/s, {result.Succeeded} in {result.Elapsed.TotalSeconds:F1} s, {result.Failed} failed{(result.FirstError is null ? string.Empty : ", first: " + result.FirstError[..Math.Min(160, result.FirstError.Length)])}); request p50 {result.Latency.At(0.5):F1} ms, p99 {result.Latency.At(0.99):F1} ms"));

// The hub's CPU time over a run (warm-up included) per event it answered: not distorted by other work on the cores.
static void PrintCpu(int pid, double before, long events) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  hub CPU: {CpuMilliseconds(pid) - before:F0} ms (utime+stime) for {events} events answered = {(CpuMilliseconds(pid) - before) / Math.Max(1, events):F3} ms per event"));

// PostgreSQL's committed transactions in the database (reads included; its statistics lag by up to a second).
static async Task<long> TransactionsAsync(string connectionString) =>
    long.Parse(await ScalarAsync(connectionString, "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"), CultureInfo.InvariantCulture);

static async Task PrintTransactionsAsync(string connectionString, long before, long events)
{
    await Task.Delay(TimeSpan.FromSeconds(1.5)); // the statistics are flushed about once a second
    var transactions = await TransactionsAsync(connectionString) - before;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  PostgreSQL: {transactions} transactions committed for {events} events = {(double)transactions / Math.Max(1, events):F3} per event"));
}

// utime + stime of a process from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 1/100 s on Linux).
static double CpuMilliseconds(int pid)
{
    var stat = File.ReadAllText($"/proc/{pid}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
}

static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]);

static async Task<string> ScalarAsync(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = sql;
    return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
}

static async Task<long> CountEventsAsync(string connectionString) =>
    long.Parse(await ScalarAsync(connectionString, "SELECT count(*) FROM dossier_events"), CultureInfo.InvariantCulture);

// Dossiers first, untimed: batches of 500 accepted dossiers (status 2).
static async Task CreateDossiersAsync(HttpClient http, Uri hubUrl, AuthenticationHeaderValue bearer, int first, int count)
{
    for (var start = first; start < first + count; start += 500)
    {
        var body = SyncBodies.Batch(Enumerable.Range(start, Math.Min(500, first + count - start)).Select(n => SyncBodies.DossierItem(SyncBodies.Code(n))));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(hubUrl, "/api/v1/dossiers:batch")) { Content = SyncBodies.Json(body) };
        request.Headers.Authorization = bearer;
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            var problem = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException($"Creating dossiers failed: {(int)response.StatusCode} {problem[..Math.Min(600, problem.Length)]}");
        }
    }
}

static async Task<JsonElement> ReceivedSummaryAsync(HttpClient http, Uri sandboxUrl) =>
    await http.GetFromJsonAsync<JsonElement>(new Uri(sandboxUrl, "/_sandbox/dvcqg/received"));

// Polls until the value reaches the target, or it has not moved for the given time.
static async Task<int> WaitAsync(Func<Task<int>> read, int target, TimeSpan stalled)
{
    var last = -1;
    var since = TimeProvider.System.GetTimestamp();
    while (true)
    {
        var value = await read();
        if (value >= target)
        {
            return value;
        }

        if (value != last)
        {
            (last, since) = (value, TimeProvider.System.GetTimestamp());
        }
        else if (TimeProvider.System.GetElapsedTime(since) > stalled)
        {
            return value;
        }

        await Task.Delay(1000);
    }
}

/// <summary>Command-line options (bench/sync.sh passes them through).</summary>
internal sealed record SyncOptions(int Seconds, int Warmup, int Clients, int Batch, int Rate, int LowRate, int E2eSeconds, int E2eDossiers, bool Keep)
{
    public static SyncOptions Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return new SyncOptions(Number("--seconds", 20), Number("--warmup", 3), Number("--clients", 16), Number("--batch", 200),
            Number("--rate", 1000), Number("--low-rate", 200), Number("--e2e-seconds", 30), Number("--e2e-dossiers", 2000), args.Contains("--keep"));
    }
}
