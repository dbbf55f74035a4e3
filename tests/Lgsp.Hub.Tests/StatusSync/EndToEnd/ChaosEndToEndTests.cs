using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lgsp.Testing;
using Lgsp.Testing.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.StatusSync.EndToEnd;

/// <summary>
/// Issue #5's "Done when", end to end: the built hub (<c>Lgsp.Hub.dll</c>) runs as a child process on Kestrel and
/// PostgreSQL with Kafka (the in-process mock cluster, or <c>LGSP_TEST_KAFKA</c>), the provincial side sends dossiers
/// and steps through the HTTP API, and during the run (a) the hub is killed and started again, (b) the Kafka connection
/// is cut for 10 s, (c) the DVCQG stand-in is down for 10 s and then answers 429 for a while. Every event must arrive
/// once, in per-dossier order. CI size: 2,000 events over 100 dossiers; <c>LGSP_E2E_EVENTS=10000</c> and
/// <c>LGSP_E2E_DOSSIERS=500</c> give the issue's full size.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ChaosEndToEndTests(PostgresFixture postgres)
{
    [Fact]
    public async Task StatusSync_HubKilledKafkaCutDestinationDown_ZeroLostZeroDuplicatedInOrder()
    {
        var events = Setting("LGSP_E2E_EVENTS", 2000);
        var dossierCount = Setting("LGSP_E2E_DOSSIERS", 100);
        var perDossier = events / dossierCount;
        Assert.True(perDossier >= 2, "at least one step per dossier");

        using var kafka = KafkaTestCluster.Start();
        var topic = "lgsp-e2e-" + Guid.NewGuid().ToString("N")[..8];
        await kafka.CreateTopicAsync(topic, 8);
        await kafka.CreateTopicAsync(topic + ".dlq", 8);
        await using var standIn = await StandIn.StartAsync();
        var directory = HubDirectory();
        var database = await postgres.Server.CreateDatabaseAsync("e2e");
        var hubUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var settings = HubSettings(directory, database, hubUrl, kafka.BootstrapServers, topic);
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_HOSTINGSTARTUPASSEMBLIES"] = "Lgsp.Hub.Tests",
            [StandInDestinationStartup.UrlVariable] = standIn.Url.ToString(),
            ["LGSP_PROVINCIAL_PORTAL_SECRET"] = null,
            ["LGSP_NATIONAL_PORTAL_SECRET"] = null,
            ["LGSP_CLI_SECRET"] = null,
        };

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var hub = await HubProcess.StartAsync(settings, environment, http, hubUrl);
        try
        {
            var token = new TokenSource(http, hubUrl, directory);
            var codes = Enumerable.Range(0, dossierCount).Select(_ => NewCode()).ToList();
            var clock = Stopwatch.StartNew();

            // The chaos, on a timeline alongside the load.
            var chaos = Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(4));
                await hub.KillAsync();
                hub = await HubProcess.StartAsync(settings, environment, http, hubUrl);
                await Task.Delay(TimeSpan.FromSeconds(2));
                using (kafka.SupportsOutages ? kafka.CutConnections() : null)
                {
                    await Task.Delay(TimeSpan.FromSeconds(10));
                }

                standIn.Mode = StandInMode.Down;
                await Task.Delay(TimeSpan.FromSeconds(10));
                standIn.Mode = StandInMode.TooManyRequests;
                await Task.Delay(TimeSpan.FromSeconds(5));
                standIn.Mode = StandInMode.Normal;
            });

            // The load: round 0 creates every dossier, round k appends step k to each; rounds spread over ~30 s.
            for (var round = 0; round < perDossier; round++)
            {
                var items = new JsonArray();
                foreach (var code in codes)
                {
                    items.Add(round == 0 ? DossierItem(Accepted(code)) : ProgressItem(code, Step(round, round == 1 ? 2 : 4, round)));
                }

                foreach (var chunk in items.Chunk(100))
                {
                    var body = new JsonObject { ["items"] = new JsonArray([.. chunk.Select(i => i!.DeepClone())]) }.ToJsonString();
                    await SendUntilAcceptedAsync(http, hubUrl, token, body, $"e2e-{round}-{chunk[0]!["dossier"]?["code"] ?? chunk[0]!["progress"]!["dossierCode"]}");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(30_000.0 / perDossier));
            }

            await chaos;
            var deadline = Stopwatch.StartNew();
            while (standIn.AcceptedCount < dossierCount * perDossier && deadline.Elapsed < TimeSpan.FromMinutes(3))
            {
                await Task.Delay(250);
            }

            var lost = dossierCount * perDossier - standIn.AcceptedCount;
            Assert.True(lost == 0, $"{lost} events lost of {dossierCount * perDossier} after {clock.Elapsed}; hub:\n{hub.Tail}");
            foreach (var code in codes)
            {
                Assert.Equal([code + "@1", .. Enumerable.Range(1, perDossier - 1).Select(i => $"{code}#{i}")], standIn.KeysOf(code));
            }

            Assert.Equal(dossierCount * perDossier, standIn.AcceptedCount);
            Assert.Equal(0, standIn.OutOfOrder);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"e2e: {dossierCount * perDossier} events over {dossierCount} dossiers in {clock.Elapsed.TotalSeconds:F0} s: 0 lost, 0 duplicated, in order; stand-in saw {standIn.Repeats} repeated deliveries (dropped by key) and refused {standIn.Refused}"));
        }
        finally
        {
            await hub.KillAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Posts a batch until the hub answers 2xx: the same Idempotency-Key, so a retry after a kill applies once.</summary>
    private static async Task SendUntilAcceptedAsync(HttpClient http, Uri hubUrl, TokenSource token, string body, string key)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(hubUrl, "/api/v1/dossiers:batch"))
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token.GetAsync());
                request.Headers.Add("Idempotency-Key", key);
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    token.Reset();
                }
                else if ((int)response.StatusCode < 500)
                {
                    Assert.Fail($"batch refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (HttpRequestException)
            {
                // The hub is down (killed): try again.
            }
            catch (TaskCanceledException)
            {
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(2), "the hub did not take a batch for 2 minutes");
            await Task.Delay(200);
        }
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private static string HubDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "lgsp-e2e-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static string[] HubSettings(string directory, string database, Uri url, string bootstrap, string topic)
    {
        var certificate = Path.Combine(directory, "signing.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=LGSP hub (e2e)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            File.WriteAllBytes(certificate, created.Export(X509ContentType.Pfx));
        }

        return
        [
            "--urls", url.ToString().TrimEnd('/'),
            "--Storage:Provider", "Postgres",
            "--Storage:ConnectionString", database,
            "--Signing:CertificatePath", certificate,
            "--Identity:DevelopmentDirectory", Path.Combine(directory, "identity"),
            "--Identity:AllowInsecureHttp", "true",
            "--Gateway:MessageLog:DevelopmentKeyPath", Path.Combine(directory, "message-log-key"),
            "--Kafka:BootstrapServers", bootstrap,
            "--Kafka:Topic", topic,
            "--Kafka:DeadLetterTopic", topic + ".dlq",
            "--Kafka:ConsumerGroup", "g-" + topic,
            "--Kafka:CommitInterval", "00:00:00.200",
            "--Kafka:Client:session.timeout.ms", "6000",
            "--Kafka:Client:heartbeat.interval.ms", "500",
            "--StatusSync:MaxConcurrency", "32",
            "--StatusSync:MaxAttempts", "1000",
            "--StatusSync:RetryBaseDelay", "00:00:00.200",
            "--StatusSync:RetryMaxDelay", "00:00:02",
            "--StatusSync:DeliveryTimeout", "00:00:05",
            "--StatusSync:LeaseDuration", "00:00:15",
            "--Logging:LogLevel:Default", "Warning",
            "--Logging:Console:FormatterName", "simple",
        ];
    }

    /// <summary>The hub's client-credentials token for the provincial one-stop system (development secret from its folder).</summary>
    private sealed class TokenSource(HttpClient http, Uri hubUrl, string directory)
    {
        private string? _token;

        public void Reset() => _token = null;

        public async Task<string> GetAsync()
        {
            if (_token is not null)
            {
                return _token;
            }

            var secret = File.ReadAllLines(Path.Combine(directory, "identity", "development.env"))
                .Select(l => l.Split('=', 2)).Single(p => p[0] == "LGSP_PROVINCIAL_PORTAL_SECRET")[1];
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(hubUrl, "/connect/token"))
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "lgsp.dossier.sync" }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"provincial-portal:{Uri.EscapeDataString(secret)}")));
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            _token = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
            return _token;
        }
    }

    /// <summary>The built hub as a child process, run with the test assembly's dependencies (for the stand-in destination).</summary>
    private sealed class HubProcess
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _output = new();

        private HubProcess(Process process) => _process = process;

        public string Tail => string.Join(Environment.NewLine, _output.TakeLast(60));

        public static async Task<HubProcess> StartAsync(string[] settings, Dictionary<string, string?> environment, HttpClient http, Uri url)
        {
            var bin = AppContext.BaseDirectory;
            var info = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = RepoPaths.Combine("src", "Lgsp.Hub"),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["exec", "--depsfile", Path.Combine(bin, "Lgsp.Hub.Tests.deps.json"),
                         "--runtimeconfig", Path.Combine(bin, "Lgsp.Hub.runtimeconfig.json"), Path.Combine(bin, "Lgsp.Hub.dll"), .. settings])
            {
                info.ArgumentList.Add(argument);
            }

            foreach (var (key, value) in environment)
            {
                if (value is null)
                {
                    info.Environment.Remove(key);
                }
                else
                {
                    info.Environment[key] = value;
                }
            }

            var hub = new HubProcess(Process.Start(info)!);
            hub._process.OutputDataReceived += (_, e) => hub.Keep(e.Data);
            hub._process.ErrorDataReceived += (_, e) => hub.Keep(e.Data);
            hub._process.BeginOutputReadLine();
            hub._process.BeginErrorReadLine();
            var until = Stopwatch.StartNew();
            while (until.Elapsed < TimeSpan.FromSeconds(90))
            {
                Assert.False(hub._process.HasExited, $"the hub exited:\n{hub.Tail}");
                try
                {
                    using var response = await http.GetAsync(new Uri(url, "/health/ready"));
                    if (response.IsSuccessStatusCode)
                    {
                        return hub;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }

                await Task.Delay(200);
            }

            throw new TimeoutException($"the hub did not become ready:\n{hub.Tail}");
        }

        /// <summary>SIGKILL: no shutdown, leases and in-flight deliveries left as a crash leaves them.</summary>
        public async Task KillAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }

        private void Keep(string? line)
        {
            if (line is not null)
            {
                _output.Enqueue(line);
                while (_output.Count > 200 && _output.TryDequeue(out _))
                {
                }
            }
        }
    }

    private enum StandInMode
    {
        Normal,
        Down,
        TooManyRequests,
    }

    /// <summary>
    /// The DVCQG stand-in for this test: records each idempotency key once, in arrival order (a repeat is answered
    /// 200 and dropped, as DVCQG's "đã tồn tại" becomes an update), and can be down (503) or throttling (429).
    /// </summary>
    private sealed class StandIn : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _byDossier = new(StringComparer.Ordinal);
        private int _accepted;
        private int _repeats;
        private int _refused;
        private int _outOfOrder;

        private StandIn(WebApplication app, Uri url)
        {
            _app = app;
            Url = url;
        }

        public Uri Url { get; }

        public volatile StandInMode Mode;

        public int AcceptedCount => Volatile.Read(ref _accepted);

        public int Repeats => Volatile.Read(ref _repeats);

        public int Refused => Volatile.Read(ref _refused);

        /// <summary>Events that arrived after a later event of their dossier was taken (would be an order violation).</summary>
        public int OutOfOrder => Volatile.Read(ref _outOfOrder);

        public IReadOnlyList<string> KeysOf(string code) => _byDossier.TryGetValue(code, out var keys) ? [.. keys] : [];

        public static async Task<StandIn> StartAsync()
        {
            var port = FreePort.Next();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var standIn = new StandIn(app, new Uri($"http://127.0.0.1:{port}/"));
            app.MapPost("/events", standIn.Handle);
            await app.StartAsync();
            return standIn;
        }

        private IResult Handle(HttpRequest request)
        {
            switch (Mode)
            {
                case StandInMode.Down:
                    Interlocked.Increment(ref _refused);
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                case StandInMode.TooManyRequests:
                    Interlocked.Increment(ref _refused);
                    return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            }

            var key = request.Headers["Idempotency-Key"].ToString();
            if (!_keys.TryAdd(key, 0))
            {
                Interlocked.Increment(ref _repeats);
                return Results.Ok();
            }

            var code = key.Split('#', '@')[0];
            var queue = _byDossier.GetOrAdd(code, _ => new ConcurrentQueue<string>());
            if (!queue.IsEmpty && Rank(queue.Last()) > Rank(key))
            {
                Interlocked.Increment(ref _outOfOrder);
            }

            queue.Enqueue(key);
            Interlocked.Increment(ref _accepted);
            return Results.Ok();
        }

        /// <summary>Version 1 first, then the steps by seq.</summary>
        private static int Rank(string key) => key.Contains('@', StringComparison.Ordinal) ? 0 : int.Parse(key[(key.IndexOf('#', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
