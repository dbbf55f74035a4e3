// Client-credentials tokens per second from the real hub (its Program) on Kestrel, on the embedded default
// (SQLite) or PostgreSQL. Run: dotnet run -c Release --project bench/Lgsp.Bench.Tokens -- [options]
//   --seconds N        measured time per phase (default 20)        --concurrency N   parallel requests (default 32)
//   --store sqlite|postgres (default sqlite)                        --warmup N        seconds before measuring (default 3)
//   --no-secret-cache  full PBKDF2 check of the client secret on every request
//   --api              also measure GET /api/v1/me with one token (local validation)
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Lgsp.Testing;

namespace Lgsp.Bench.Tokens;

internal static class TokenBenchmark
{
    public static async Task<int> Main(string[] args)
    {
        var options = BenchOptions.Parse(args);
        var directory = Path.Combine(Path.GetTempPath(), "lgsp-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        PostgresServer? postgres = null;
        try
        {
            string? connectionString = null;
            if (options.Store == "postgres")
            {
                postgres = await PostgresServer.StartAsync();
                connectionString = await postgres.CreateDatabaseAsync("bench");
            }

            await using var hub = new BenchHub(directory, connectionString, options.SecretCache);
            var address = hub.Start();
            var secret = hub.DevelopmentValue("LGSP_PROVINCIAL_PORTAL_SECRET");

            Console.WriteLine($"LGSP hub on {address} ({options.Store}), {Environment.ProcessorCount} cores, concurrency {options.Concurrency}, " +
                $"secret cache {(options.SecretCache ? "on" : "off")}, {options.Seconds} s measured after {options.Warmup} s warm-up");

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                BaseAddress = address,
            };
            var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("provincial-portal:" + secret)));

            async Task<bool> IssueAsync(CancellationToken ct)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token");
                request.Headers.Authorization = basic;
                request.Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", "lgsp.population.read")]);
                using var response = await http.SendAsync(request, ct);
                await response.Content.ReadAsByteArrayAsync(ct);
                return response.StatusCode == HttpStatusCode.OK;
            }

            var tokens = await Load.RunAsync("client_credentials tokens", IssueAsync, options);
            tokens.Print();

            if (options.Api)
            {
                using var first = new HttpRequestMessage(HttpMethod.Post, "/connect/token");
                first.Headers.Authorization = basic;
                first.Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", "lgsp.population.read")]);
                using var issued = await http.SendAsync(first);
                var body = System.Text.Json.JsonDocument.Parse(await issued.Content.ReadAsStringAsync());
                var bearer = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("access_token").GetString());

                async Task<bool> CallAsync(CancellationToken ct)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
                    request.Headers.Authorization = bearer;
                    using var response = await http.SendAsync(request, ct);
                    await response.Content.ReadAsByteArrayAsync(ct);
                    return response.StatusCode == HttpStatusCode.OK;
                }

                (await Load.RunAsync("GET /api/v1/me (token validated locally)", CallAsync, options)).Print();
            }

            return tokens.Failed == 0 ? 0 : 1;
        }
        finally
        {
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}

internal sealed record BenchOptions(int Seconds, int Concurrency, string Store, int Warmup, bool SecretCache, bool Api)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => int.TryParse(Value(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
        var store = Value("--store") ?? "sqlite";
        if (store is not ("sqlite" or "postgres"))
        {
            throw new ArgumentException("--store is sqlite or postgres");
        }

        return new BenchOptions(Number("--seconds", 20), Number("--concurrency", 32), store, Number("--warmup", 3),
            !args.Contains("--no-secret-cache"), args.Contains("--api"));
    }
}

/// <summary>N workers in a closed loop for a fixed time; latency of every request measured.</summary>
internal static class Load
{
    public static async Task<Result> RunAsync(string name, Func<CancellationToken, Task<bool>> request, BenchOptions options)
    {
        using (var warm = new CancellationTokenSource(TimeSpan.FromSeconds(options.Warmup)))
        {
            await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => LoopAsync(request, warm.Token, null)));
        }

        var latencies = new List<long>[options.Concurrency];
        var failures = new int[options.Concurrency];
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds));
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async i =>
        {
            latencies[i] = [];
            failures[i] = await LoopAsync(request, stop.Token, latencies[i]);
        }));
        clock.Stop();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(name, all.Length, failures.Sum(), clock.Elapsed, all);
    }

    private static async Task<int> LoopAsync(Func<CancellationToken, Task<bool>> request, CancellationToken stop, List<long>? latencies)
    {
        var failed = 0;
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                if (!await request(stop))
                {
                    failed++;
                    continue;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }

            latencies?.Add(Stopwatch.GetTimestamp() - started);
        }

        return failed;
    }
}

internal sealed record Result(string Name, int Succeeded, int Failed, TimeSpan Elapsed, long[] SortedTicks)
{
    public void Print()
    {
        double Ms(double q) => SortedTicks.Length == 0 ? 0 : SortedTicks[Math.Min(SortedTicks.Length - 1, (int)(q * SortedTicks.Length))] * 1000.0 / Stopwatch.Frequency;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Name}: {Succeeded / Elapsed.TotalSeconds:F0}/s ({Succeeded} in {Elapsed.TotalSeconds:F1} s, {Failed} failed); latency p50 {Ms(0.50):F2} ms, p99 {Ms(0.99):F2} ms"));
    }
}
