using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lgsp.Bench.Lookups;
using Lgsp.Testing;

// Signed lookups through the hub against the same upstream calls through nginx, in one run (bench/README.md).
var options = BenchOptions.Parse(args);
var work = Path.Combine(Path.GetTempPath(), "lgsp-bench-lookups-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(work);
Console.WriteLine($"LGSP lookup benchmark: {Environment.ProcessorCount} cores, {options.Seconds} s per run, {options.Connections} connections (wrk -t2), fixed rates {options.Rate}/s and {options.LowRate}/s, store {options.Store}, packet keys {string.Join(", ", options.Keys)}");
Console.WriteLine($"nginx's quiet-machine rate {options.NginxQuietRate}/s (bench/README.md): a hub / nginx ratio is reported only when nginx reaches {SideBySide.QuietShare:P0} of it, else the pair runs again (at most {options.MaxRuns} runs)");
Console.WriteLine($"load average before the run: {File.ReadAllText("/proc/loadavg").Trim()} (other work on the machine takes its share of the same cores)");
Console.WriteLine($"work folder {work}");

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { Timeout = TimeSpan.FromSeconds(30) };
var sandboxPort = FreePort.Next();
var sandboxGrpcPort = FreePort.Next();
var sandboxUrl = new Uri($"http://127.0.0.1:{sandboxPort}/");
await using var sandbox = ChildProcess.Start("sandbox", "dotnet",
    [
        RepoPaths.Combine("src", "Lgsp.Sandbox", "bin", "Release", "net10.0", "Lgsp.Sandbox.dll"),
        "--Kestrel:Endpoints:Http:Url", sandboxUrl.ToString().TrimEnd('/'),
        "--Kestrel:Endpoints:Grpc:Url", $"http://127.0.0.1:{sandboxGrpcPort}",
        "--Kestrel:Endpoints:Grpc:Protocols", "Http2",
        "--Sandbox:NaturalLatency", "false",
        "--Sandbox:Business:RequestsPerSecond", "100000",
        "--Logging:LogLevel:Default", "Warning",
    ],
    RepoPaths.Combine("src", "Lgsp.Sandbox"),
    new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });
await sandbox.WaitHealthyAsync(http, new Uri(sandboxUrl, "/health"), TimeSpan.FromSeconds(60));
var demo = await http.GetFromJsonAsync<JsonElement>(new Uri(sandboxUrl, "/_sandbox/demo"));
var enterprises = demo.GetProperty("enterprises").EnumerateArray().Select(e => e.GetProperty("enterpriseCode").GetString()!).ToList();
var parcels = demo.GetProperty("parcels").EnumerateArray()
    .Select(p => $"ward={p.GetProperty("wardCode").GetString()}&mapSheet={p.GetProperty("mapSheet").GetInt32()}&parcel={p.GetProperty("parcelNo").GetInt32()}").ToList();
var citizens = demo.GetProperty("citizens").EnumerateArray().Select(c => c.GetProperty("personalId").GetString()!).ToList();

// nginx: a plain reverse proxy in front of the business stand-in, the same upstream calls the hub makes.
var nginxPort = FreePort.Next();
await using var nginx = Nginx.Start(work, nginxPort, sandboxPort);
await nginx.WaitHealthyAsync(http, new Uri($"http://127.0.0.1:{nginxPort}/health"), TimeSpan.FromSeconds(20));
var registryToken = await RegistryTokenAsync(http, sandboxUrl);
var nginxHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + registryToken };
var nginxPaths = enterprises.Select(c => "/apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=" + c).ToList();

var stores = options.Store == "both" ? new[] { "sqlite", "postgres" } : [options.Store];
foreach (var (store, key) in stores.SelectMany(s => options.Keys.Select(k => (s, k))))
{
    await using var postgres = store == "postgres" ? await PostgresServer.StartAsync() : null;
    var connection = postgres is null ? $"Data Source={Path.Combine(work, store + ".db")}" : await postgres.CreateDatabaseAsync("bench");
    var hubDirectory = Path.Combine(work, $"hub-{store}-{key}");
    Directory.CreateDirectory(hubDirectory);
    var hubPort = FreePort.Next();
    var hubUrl = new Uri($"http://127.0.0.1:{hubPort}/");
    // The population stand-in signs its answers with its own certificate; the adapter trusts exactly that one.
    using (var sourceCertificate = await http.GetAsync(new Uri(sandboxUrl, "/_sandbox/population/certificate")))
    {
        if (sourceCertificate.IsSuccessStatusCode)
        {
            await File.WriteAllBytesAsync(Path.Combine(hubDirectory, "population-source.pem"), await sourceCertificate.Content.ReadAsByteArrayAsync());
        }
    }

    // Metrics are served on the management endpoint only.
    var managementUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
    await using var hub = HubProcess.Start(hubUrl,
        [.. HubSettings(hubDirectory, store, connection, sandboxUrl, sandboxGrpcPort, key), "--Management:Urls", managementUrl.ToString().TrimEnd('/')]);
    await hub.WaitHealthyAsync(http, new Uri(hubUrl, "/health/ready"), TimeSpan.FromSeconds(90));
    var hubToken = await HubProcess.TokenAsync(http, hubUrl, hubDirectory, "lgsp.business.read lgsp.land.read lgsp.population.read");
    var hubHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + hubToken, ["X-Lgsp-Purpose"] = "1.001193", ["X-Lgsp-Officer-Id"] = "canbo.bench.01" };
    var businessPaths = enterprises.Select(c => "/api/v1/business/enterprises/" + c).ToList();

    Console.WriteLine();
    var label = key == BenchPacketKey.EcP256 ? "ES256 packet key" : "RSA-2048 packet key";
    Console.WriteLine($"== store: {store}, {label} ==");
    // Warm both (JIT, connection pools, the gateway's upstream token), then measure each for the same time.
    await Wrk.RunAsync(new Uri($"http://127.0.0.1:{nginxPort}/"), nginxPaths, nginxHeaders, 3, options.Connections, work);
    await Wrk.RunAsync(hubUrl, businessPaths, hubHeaders, 5, options.Connections, work);
    await SideBySide.RunAsync(label,
        new SideBySide.Endpoint(new Uri($"http://127.0.0.1:{nginxPort}/"), nginxPaths, nginxHeaders),
        new SideBySide.Endpoint(hubUrl, businessPaths, hubHeaders),
        hub.Id, options, work);
    if (options.BusinessOnly)
    {
        continue;
    }

    using var fixedClient = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 2048, PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { BaseAddress = hubUrl, Timeout = TimeSpan.FromSeconds(30) };
    foreach (var rate in new[] { options.Rate, options.LowRate }.Distinct())
    {
        await FixedRateLoad.RunAsync(fixedClient, businessPaths, hubHeaders, rate, 3);
        Console.WriteLine($"  load average before the {rate}/s run: {ProcessCpu.LoadAverage()}");
        var before = await LogMetrics.ReadAsync(http, managementUrl);
        var fixedRate = await FixedRateLoad.RunAsync(fixedClient, businessPaths, hubHeaders, rate, options.Seconds);
        var after = await LogMetrics.ReadAsync(http, managementUrl);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  hub at {rate}/s open loop ({fixedRate.Sent} lookups, achieved {fixedRate.AchievedRate:F0}/s): p50 {fixedRate.P50:F2} ms, p90 {fixedRate.P90:F2} ms, p99 {fixedRate.P99:F2} ms (goal ≤ 10 at 1000/s), p99.9 {fixedRate.P999:F2} ms, max {fixedRate.Max:F1} ms, errors {fixedRate.Errors}{(fixedRate.FirstError is null ? string.Empty : " (first: " + fixedRate.FirstError[..Math.Min(120, fixedRate.FirstError.Length)] + ")")}"));
        Console.WriteLine("    " + after.Since(before));
    }


    await MeasureOtherAsync("land via hub (gRPC upstream)", parcels.Select(p => "/api/v1/land/parcels?" + p).ToList(), new Dictionary<string, string>(hubHeaders) { ["X-Lgsp-Purpose"] = "1.004227" });
    await MeasureOtherAsync("population via hub (source's XML-DSig verified, answer signed)", citizens.Select(c => "/api/v1/population/citizens/" + c).ToList(), hubHeaders);

    var verify = ChildProcess.Start("verify", "dotnet",
        [HubProcess.Dll, "message-log", "verify", .. HubSettings(hubDirectory, store, connection, sandboxUrl, sandboxGrpcPort, key)],
        RepoPaths.Combine("src", "Lgsp.Hub"), HubProcess.Environment());
    await verify.WaitForExitAsync();
    await Task.Delay(100);
    Console.WriteLine("  " + verify.Tail.Split('\n').LastOrDefault(l => l.Contains("message log", StringComparison.Ordinal)));
    await verify.DisposeAsync();

    async Task MeasureOtherAsync(string label, List<string> paths, Dictionary<string, string> headers)
    {
        using var probe = new HttpRequestMessage(HttpMethod.Get, new Uri(hubUrl, paths[0]));
        foreach (var (name, value) in headers)
        {
            probe.Headers.TryAddWithoutValidation(name, value);
        }

        using var answer = await http.SendAsync(probe);
        if (!answer.IsSuccessStatusCode)
        {
            var problem = await answer.Content.ReadAsStringAsync();
            Console.WriteLine($"  {label}: not measured, the probe answered {(int)answer.StatusCode} {problem[..Math.Min(160, problem.Length)]}");
            return;
        }

        await Wrk.RunAsync(hubUrl, paths, headers, 3, options.Connections, work);
        Console.WriteLine($"  load average before the run: {ProcessCpu.LoadAverage()}");
        Print(label, await Wrk.RunAsync(hubUrl, paths, headers, options.Seconds, options.Connections, work));
    }
}

if (!options.Keep)
{
    Directory.Delete(work, recursive: true);
}

return 0;


// The shared benchmark hub (HubProcess: RSA-2048 signing, development secrets, logs at Warning), its lookup adapters on the sandbox.
static string[] HubSettings(string directory, string store, string connection, Uri sandboxUrl, int grpcPort, BenchPacketKey key) =>
[
    .. HubProcess.Settings(directory, store, connection, key),
    "--Adapters:Business:BaseUrl", sandboxUrl.ToString(),
    "--Adapters:Insurance:BaseUrl", sandboxUrl.ToString(),
    "--Adapters:Land:BaseUrl", $"http://127.0.0.1:{grpcPort}/",
    "--Adapters:Population:BaseUrl", sandboxUrl.ToString(),
    "--Adapters:Population:TrustedCertificatePath", Path.Combine(directory, "population-source.pem"),
    "--Adapters:CivilRegistry:BaseUrl", sandboxUrl.ToString(),

    // The benchmark measures the hub, not the demo client's limits (config/access-rights.json): lift them out of the way.
    "--Gateway:AccessRights:provincial-portal:Services:business:RateLimit:PermitsPerSecond", "10000",
    "--Gateway:AccessRights:provincial-portal:Services:business:RateLimit:Burst", "100000",
    "--Gateway:AccessRights:provincial-portal:Services:population:DailyQuota", "100000000",
    "--Gateway:ClientShareOfSourceConcurrency", "100",
];

static async Task<string> RegistryTokenAsync(HttpClient http, Uri sandboxUrl)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sandboxUrl, "/token"))
    {
        Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
    };
    request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("sandbox-business-consumer-key:sandbox-business-consumer-secret-NOT-A-SECRET")));
    using var response = await http.SendAsync(request);
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
}

/// <summary>Printing shared by the runs.</summary>
internal static partial class Program
{
    public static void Print(string label, Wrk.Result result) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {label}: {result.Rate:F0} lookups/s ({result.Requests} in {result.Seconds:F1} s, {result.Errors} not 2xx)"));
}

/// <summary>
/// Command-line options: <c>--seconds 15 --connections 64 --rate 1000 --low-rate 200 --store sqlite|postgres|both
/// --keys es256,rsa2048 --nginx-quiet-rate 24801 --max-runs 3 --business-only --keep</c> (the fixed-rate latency is
/// measured at the goal's rate and at a lower one, to show the hub below saturation too; <c>--business-only</c> stops
/// after the hub / nginx pair and its CPU per lookup).
/// </summary>
internal sealed record BenchOptions(int Seconds, int Connections, int Rate, int LowRate, string Store, bool Keep,
    IReadOnlyList<BenchPacketKey> Keys, double NginxQuietRate, int MaxRuns, bool BusinessOnly)
{
    /// <summary>
    /// nginx's rate on the quiet machine (bench/README.md, "Figures of 24 Nov, quiet machine": 24,801/s, load average 2.2,
    /// nothing else running). Change it here and in the README together when the reference machine changes.
    /// </summary>
    public const double QuietMachineNginxRate = 24_801;

    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var keys = (Value("--keys") ?? "es256,rsa2048").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => k.ToLowerInvariant() switch
            {
                "es256" => BenchPacketKey.EcP256,
                "rsa2048" => BenchPacketKey.Rsa2048,
                _ => throw new ArgumentException($"--keys: '{k}' is neither es256 nor rsa2048."),
            }).ToList();
        return new BenchOptions(
            int.Parse(Value("--seconds") ?? "15", CultureInfo.InvariantCulture),
            int.Parse(Value("--connections") ?? "64", CultureInfo.InvariantCulture),
            int.Parse(Value("--rate") ?? "1000", CultureInfo.InvariantCulture),
            int.Parse(Value("--low-rate") ?? "200", CultureInfo.InvariantCulture),
            Value("--store") ?? "sqlite",
            args.Contains("--keep"),
            keys,
            double.Parse(Value("--nginx-quiet-rate") ?? QuietMachineNginxRate.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            Math.Max(1, int.Parse(Value("--max-runs") ?? "3", CultureInfo.InvariantCulture)),
            args.Contains("--business-only"));
    }
}
