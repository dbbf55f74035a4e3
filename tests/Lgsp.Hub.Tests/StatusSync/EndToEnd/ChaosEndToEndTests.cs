using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lgsp.Adapters.Contract;
using Lgsp.Testing;
using Lgsp.Testing.Kafka;
using Xunit.Abstractions;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.StatusSync.EndToEnd;

/// <summary>
/// Issue #5's "Done when", end to end and with nothing of the hub replaced: the built hub (<c>Lgsp.Hub.dll</c>) runs as
/// a child process on Kestrel and PostgreSQL with Kafka (the in-process mock cluster, or <c>LGSP_TEST_KAFKA</c>) and
/// delivers through its own portal adapters, over HTTP, to the sandbox's DVCQG and one-stop stand-ins (the real
/// sandbox on a loopback Kestrel port, <see cref="SandboxFixture"/>). Chaos during the run: the hub is killed and
/// started again, the Kafka connection is cut for 10 s, the receiving stand-in is down for 10 s (its fault switch),
/// and DVCQG then answers 429. What arrived is read from the stand-ins' <c>/_sandbox/…/received</c>; a national-portal
/// consumer follows the pull feed throughout. CI size: 2,000 events over 100 dossiers per direction;
/// <c>LGSP_E2E_EVENTS=10000</c> and <c>LGSP_E2E_DOSSIERS=500</c> give the issue's full size.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ChaosEndToEndTests(PostgresFixture postgres, SandboxFixture sandbox, ITestOutputHelper output) : IClassFixture<SandboxFixture>
{
    /// <summary>
    /// Province → hub → Kafka → DVCQG. Zero lost: every dossier created at DVCQG and every step's progress row there,
    /// in step order. Zero duplicated, as DVCQG would show it: no progress row stored twice (DVCQG does not deduplicate
    /// rows; the stand-in flags a row identical to one held), no <c>ThemMoi</c> for a MaHoSo DVCQG already holds (refused
    /// "đã tồn tại") and no second one, no <c>CapNhat</c> at all (each dossier has one version, so an update could
    /// only be a repeat), no refused call. The dossiers are not all alike (issue #13): every tenth is refused at the desk
    /// (status 3, half of them without a receipt date) with one step recording it; every tenth is backfilled (first sync
    /// at 10, with its history as steps 2, 4…, 9, 10) and then reopened (10 → 2 with a reason: a second version, the
    /// one <c>CapNhat</c> it may have, and a last step 2).
    /// </summary>
    [Fact]
    public async Task StatusSync_ProvinceToDvcqgWithHubKilledKafkaCutDvcqgDownThen429_ZeroLostZeroDuplicatedInOrder()
    {
        var (dossierCount, perDossier) = Size();
        await using var run = await ChaosRun.StartAsync(postgres, sandbox);
        var token = HubToken.Provincial(run.Http, run.Settings);
        var codes = Enumerable.Range(0, dossierCount).Select(_ => NewCode()).ToList();
        var clock = Stopwatch.StartNew();

        int dropped = 0, throttled = 0;
        var chaos = run.ChaosAsync(async () =>
        {
            await sandbox.SetFaultAsync("dvcqg", new { mode = "down" });
            await Task.Delay(TimeSpan.FromSeconds(10));
            dropped = await sandbox.FaultsAppliedAsync("dvcqg");
            await sandbox.SetFaultAsync("dvcqg", new { mode = "ratelimit", retryAfterSeconds = 1 });
            await Task.Delay(TimeSpan.FromSeconds(5));
            throttled = await sandbox.FaultsAppliedAsync("dvcqg");
            await sandbox.ResetFaultAsync("dvcqg");
        });

        // The load: round 0 creates every dossier, round k appends step k to each; rounds spread over ~30 s.
        for (var round = 0; round < perDossier; round++)
        {
            var items = new JsonArray();
            for (var i = 0; i < codes.Count; i++)
            {
                foreach (var item in ProvinceItems(KindOf(i, perDossier), codes[i], i, round, perDossier))
                {
                    items.Add(item);
                }
            }

            foreach (var (chunk, n) in items.Chunk(100).Select((c, n) => (c, n)))
            {
                var body = new JsonObject { ["items"] = new JsonArray([.. chunk.Select(i => i!.DeepClone())]) }.ToJsonString();
                await SendUntilAcceptedAsync(run, token, "/api/v1/dossiers:batch", body, $"e2e-{round}-{n}-{chunk[0]!["dossier"]?["code"] ?? chunk[0]!["progress"]!["dossierCode"]}");
            }

            await PaceAsync(clock, round + 1, perDossier);
        }

        await chaos;
        Assert.True(dropped > 0 && throttled > 0, $"the DVCQG faults met no call (dropped {dropped}, throttled {throttled})");
        var expectedRows = Enumerable.Range(0, dossierCount).Sum(i => StepsOf(KindOf(i, perDossier), perDossier).Count);
        var arrived = await WaitAsync(async () =>
        {
            var summary = await sandbox.Control.GetFromJsonAsync<JsonElement>("/_sandbox/dvcqg/received");
            var ours = Ours(summary, codes);
            return (ours.Count, ours.Sum(d => d.GetProperty("rows").GetInt32()));
        }, got => got.Count == dossierCount && got.Item2 >= expectedRows);
        var loadTime = clock.Elapsed;

        var problems = new List<string>();
        var unchanged = 0;
        for (var i = 0; i < codes.Count; i++)
        {
            var (code, kind) = (codes[i], KindOf(i, perDossier));
            var received = await sandbox.Control.GetFromJsonAsync<JsonElement>($"/_sandbox/dvcqg/received?dossier={Uri.EscapeDataString(code)}");
            var calls = received.GetProperty("calls").EnumerateArray().Select(c => $"{c.GetProperty("op").GetString()}:{c.GetProperty("errorCode").GetString()}").ToList();
            var rows = received.GetProperty("rows").EnumerateArray().ToList();
            var got = rows.Select(r => $"{r.GetProperty("row").GetProperty("ThoiDiemXuLy").GetString()}/{r.GetProperty("row").GetProperty("TrangThai").GetString()}:{r.GetProperty("errorCode").GetString()}").ToList();
            var steps = StepsOf(kind, perDossier);
            var expected = steps.Select((status, n) => string.Create(CultureInfo.InvariantCulture, $"20250812{9 + ((n + 1) / 60):D2}{(n + 1) % 60:D2}00/{status}:0")).ToList();
            var expectedCalls = kind == ProvinceKind.Reopened ? "ThemMoi:0, CapNhat:0" : "ThemMoi:0";
            var finalStatus = kind == ProvinceKind.Refused ? "3" : "2";
            unchanged += received.GetProperty("unchangedUpdates").GetInt32();
            if (string.Join(", ", calls) != expectedCalls || received.GetProperty("hoSo").GetProperty("TrangThaiHoSo").GetString() != finalStatus)
            {
                problems.Add($"{code} ({kind}): dossier calls [{string.Join(", ", calls)}], status {received.GetProperty("hoSo").GetProperty("TrangThaiHoSo")}, expected [{expectedCalls}] and {finalStatus}");
            }

            if (!got.SequenceEqual(expected, StringComparer.Ordinal) || received.GetProperty("duplicateRows").GetInt32() != 0)
            {
                problems.Add($"{code} ({kind}): progress rows [{string.Join(", ", got)}] ({received.GetProperty("duplicateRows").GetInt32()} duplicate), expected [{string.Join(", ", expected)}]");
            }
        }

        await run.StopFeedAsync();
        Assert.True(problems.Count == 0, $"{problems.Count} dossiers wrong at DVCQG after {clock.Elapsed}:\n{string.Join("\n", problems.Take(10))}\nhub:\n{run.Hub.Tail}");
        Assert.Equal(0, unchanged);
        run.Feed.AssertEveryChangeOnceInOrder(codes.Select((c, i) => (c, i)).ToDictionary(
            x => x.c, x => FeedOf(KindOf(x.i, perDossier), x.c, perDossier), StringComparer.Ordinal));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"province → DVCQG: {codes.Select((c, i) => FeedOf(KindOf(i, perDossier), c, perDossier).Count).Sum()} events over {dossierCount} dossiers ({dossierCount} ThemMoi, {codes.Where((_, i) => KindOf(i, perDossier) == ProvinceKind.Reopened).Count()} reopened, {codes.Where((_, i) => KindOf(i, perDossier) == ProvinceKind.Refused).Count()} refused, {arrived.Item2} progress rows) at the stand-in in {loadTime.TotalSeconds:F0} s: 0 lost, 0 duplicated, in order; DVCQG dropped {dropped} calls while down and throttled {throttled}; feed read {run.Feed.Read.Count} changes once each ({run.Feed.FailedPages} pages retried across the restart)"));
    }

    /// <summary>
    /// National portal → hub → Kafka → the provincial one-stop system, each dossier version by version. Zero lost: every
    /// version applied, the last one held. Zero duplicated, as the one-stop system would show it: each version applied
    /// once (a repeat under its <c>Idempotency-Key</c> is answered as the first time and applied once: counted as a
    /// replay, allowed), never an older version after a newer one (<c>outOfOrder</c>), no step twice.
    /// </summary>
    [Fact]
    public async Task StatusSync_NationalToProvincialWithHubKilledKafkaCutOneStopDown_ZeroLostZeroDuplicatedInOrder()
    {
        var (dossierCount, versions) = Size();
        await using var run = await ChaosRun.StartAsync(postgres, sandbox);
        var token = HubToken.National(run.Http, run.Settings);
        var codes = Enumerable.Range(0, dossierCount).Select(_ => NewCode()).ToList();
        // Birth and death registrations waiting on the national side: the hub pulls them every second, across the chaos.
        var pulled = await AddPendingAsync(births: dossierCount / 4, deaths: dossierCount / 4);
        var clock = Stopwatch.StartNew();

        var dropped = 0;
        var chaos = run.ChaosAsync(async () =>
        {
            await sandbox.SetFaultAsync("provincial", new { mode = "down" });
            await Task.Delay(TimeSpan.FromSeconds(10));
            dropped = await sandbox.FaultsAppliedAsync("provincial");
            await sandbox.ResetFaultAsync("provincial");
        });

        // The load: version 1 of every dossier as submitted on DVCQG (status 1), version 2 accepted (status 2), later
        // versions corrections of the summary; one request per version, as the portal sends them, rounds over ~30 s.
        for (var version = 1; version <= versions; version++)
        {
            var round = version;
            await Parallel.ForEachAsync(codes, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (code, _) =>
            {
                var body = round == 1 ? Registered(code) : Accepted(code);
                if (round > 2)
                {
                    body["summary"] = string.Create(CultureInfo.InvariantCulture, $"Đăng ký khai sinh cho con (bổ sung lần {round - 2})");
                }

                await SendUntilAcceptedAsync(run, token, "/api/v1/national/dossiers", body.ToJsonString(), $"{code}@{round}");
            });
            await PaceAsync(clock, version, versions);
        }

        await chaos;
        Assert.True(dropped > 0, "the one-stop system's outage met no call");
        await WaitAsync(async () =>
        {
            var summary = await sandbox.Control.GetFromJsonAsync<JsonElement>("/_sandbox/provincial/received");
            return Ours(summary, codes).Count(d => d.GetProperty("phienBan").ValueKind == JsonValueKind.Number && d.GetProperty("phienBan").GetInt32() == versions);
        }, held => held == dossierCount);
        var loadTime = clock.Elapsed;

        var problems = new List<string>();
        var replays = 0;
        foreach (var code in codes)
        {
            var received = await sandbox.Control.GetFromJsonAsync<JsonElement>($"/_sandbox/provincial/received?dossier={Uri.EscapeDataString(code)}");
            var calls = received.GetProperty("calls").EnumerateArray().ToList();
            var applied = calls.Where(c => !c.GetProperty("replay").GetBoolean()).Select(c => $"{c.GetProperty("key").GetString()}:{c.GetProperty("status").GetInt32()}").ToList();
            var expected = Enumerable.Range(1, versions).Select(v => string.Create(CultureInfo.InvariantCulture, $"{code}@{v}:{(v == 1 ? 201 : 200)}")).ToList();
            replays += received.GetProperty("replays").GetInt32();
            if (!applied.SequenceEqual(expected, StringComparer.Ordinal)
                || (received.GetProperty("outOfOrder").GetInt32(), received.GetProperty("duplicates").GetInt32(), received.GetProperty("phienBan").GetInt32()) != (0, 0, versions))
            {
                problems.Add($"{code}: applied [{string.Join(", ", applied)}], outOfOrder {received.GetProperty("outOfOrder")}, duplicates {received.GetProperty("duplicates")}, held version {received.GetProperty("phienBan")}");
            }
        }

        // Pulled dossiers: each acknowledged at the national side, stored once under a local code (found by its national
        // code, the alias) and applied once at the one-stop system.
        var pulledLocal = await WaitAsync(() => PulledAsync(run, token, pulled), found => found.Count == pulled.Count);
        var pulledCodes = pulledLocal.Values.ToList();
        await WaitAsync(async () =>
        {
            var summary = await sandbox.Control.GetFromJsonAsync<JsonElement>("/_sandbox/provincial/received");
            return Ours(summary, pulledCodes).Count(d => d.GetProperty("phienBan").ValueKind == JsonValueKind.Number && d.GetProperty("phienBan").GetInt32() == 1);
        }, held => held == pulledCodes.Count);
        foreach (var national in pulled)
        {
            if (!pulledLocal.TryGetValue(national, out var local))
            {
                problems.Add($"pulled {national}: not stored or not acknowledged");
                continue;
            }

            var received = await sandbox.Control.GetFromJsonAsync<JsonElement>($"/_sandbox/provincial/received?dossier={Uri.EscapeDataString(local)}");
            var applied = received.GetProperty("calls").EnumerateArray().Where(c => !c.GetProperty("replay").GetBoolean()).Select(c => c.GetProperty("key").GetString()).ToList();
            if (!applied.SequenceEqual([local + "@1"]) || received.GetProperty("duplicates").GetInt32() != 0)
            {
                problems.Add($"pulled {national} as {local}: applied [{string.Join(", ", applied)}], duplicates {received.GetProperty("duplicates")}");
            }
        }

        await run.StopFeedAsync();
        Assert.True(problems.Count == 0, $"{problems.Count} dossiers wrong at the one-stop system after {clock.Elapsed}:\n{string.Join("\n", problems.Take(10))}\nhub:\n{run.Hub.Tail}");
        var expectedFeed = codes.ToDictionary(
            c => c, c => (IReadOnlyList<string>)[.. Enumerable.Range(1, versions).Select(v => string.Create(CultureInfo.InvariantCulture, $"{c}@{v}"))], StringComparer.Ordinal);
        foreach (var local in pulledLocal.Values)
        {
            expectedFeed[local] = [local + "@1"];
        }

        run.Feed.AssertEveryChangeOnceInOrder(expectedFeed);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"national → one-stop: {dossierCount * versions} events over {dossierCount} dossiers and {pulled.Count} pulled dossiers at the stand-in in {loadTime.TotalSeconds:F0} s: 0 lost, 0 duplicated, in order ({replays} replays absorbed by key; {dropped} calls dropped while it was down); feed read {run.Feed.Read.Count} changes once each ({run.Feed.FailedPages} pages retried across the restart)"));
    }

    private async Task<List<string>> AddPendingAsync(int births, int deaths)
    {
        using var response = await sandbox.Control.PostAsJsonAsync("/_sandbox/dvclt/pending", new { births, deaths });
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("maHoSo").EnumerateArray().Select(c => c.GetString()!)];
    }

    /// <summary>national code → local code of the pulled dossiers the national side shows acknowledged and the hub holds.</summary>
    private async Task<Dictionary<string, string>> PulledAsync(ChaosRun run, HubToken token, List<string> pulled)
    {
        var summary = await sandbox.Control.GetFromJsonAsync<JsonElement>("/_sandbox/dvclt/received");
        var acknowledged = summary.GetProperty("dossiers").EnumerateArray().Where(d => d.GetProperty("daNhan").GetBoolean())
            .Select(d => d.GetProperty("maHoSo").GetString()!).ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var national in pulled.Where(acknowledged.Contains))
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(run.Settings.Url, "/api/v1/dossiers/" + Uri.EscapeDataString(national)));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token.GetAsync());
                using var response = await run.Http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    var view = await response.Content.ReadFromJsonAsync<JsonElement>();
                    found[national] = view.GetProperty("dossier").GetProperty("code").GetString()!;
                }
                else if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    token.Reset();
                }
            }
            catch (HttpRequestException)
            {
                // The hub is restarting: read again on the next poll.
            }
        }

        return found;
    }

    private enum ProvinceKind
    {
        /// <summary>Accepted at the desk (2), then steps 2, 4, 4, …</summary>
        Plain,

        /// <summary>Refused at the desk (3), one step recording it.</summary>
        Refused,

        /// <summary>Backfilled finished (10) with its history (2, 4…, 9, 10), then reopened (10 → 2) with a reason.</summary>
        Reopened,
    }

    /// <summary>Every tenth dossier refused, every tenth backfilled and reopened (when there are steps enough for a history).</summary>
    private static ProvinceKind KindOf(int index, int perDossier) => perDossier < 5 ? ProvinceKind.Plain : (index % 10) switch
    {
        3 => ProvinceKind.Refused,
        6 => ProvinceKind.Reopened,
        _ => ProvinceKind.Plain,
    };

    /// <summary>The statuses of a dossier's steps 1, 2, …: step k happens at minute k.</summary>
    private static List<int> StepsOf(ProvinceKind kind, int perDossier) => kind switch
    {
        ProvinceKind.Refused => [3],
        ProvinceKind.Reopened => [.. Enumerable.Range(1, perDossier - 1).Select(k =>
            k == 1 || k == perDossier - 1 ? 2 : k == perDossier - 2 ? 10 : k == perDossier - 3 ? 9 : 4)],
        _ => [.. Enumerable.Range(1, perDossier - 1).Select(k => k == 1 ? 2 : 4)],
    };

    /// <summary>What the province sends about one dossier in one round.</summary>
    private static IEnumerable<JsonObject> ProvinceItems(ProvinceKind kind, string code, int index, int round, int perDossier)
    {
        if (round == 0)
        {
            yield return DossierItem(kind switch
            {
                ProvinceKind.Refused => Refused(code, withReceiptDate: index % 20 == 3),
                ProvinceKind.Reopened => Finished(code),
                _ => Accepted(code),
            });
            yield break;
        }

        var steps = StepsOf(kind, perDossier);
        if (round > steps.Count)
        {
            yield break;
        }

        if (kind == ProvinceKind.Reopened && round == perDossier - 1)
        {
            yield return DossierItem(Reopened(code));
            yield return ProgressItem(code, Reopening(round, round));
            yield break;
        }

        yield return ProgressItem(code, Step(round, steps[round - 1], round));
    }

    /// <summary>The dossier's changes in the order the feed must give them.</summary>
    private static IReadOnlyList<string> FeedOf(ProvinceKind kind, string code, int perDossier)
    {
        var steps = StepsOf(kind, perDossier).Select((_, n) => string.Create(CultureInfo.InvariantCulture, $"{code}#{n + 1}")).ToList();
        return kind == ProvinceKind.Reopened
            ? [code + "@1", .. steps[..^1], code + "@2", steps[^1]]
            : [code + "@1", .. steps];
    }

    /// <summary>(dossiers, events per dossier) from <c>LGSP_E2E_DOSSIERS</c> and <c>LGSP_E2E_EVENTS</c>.</summary>
    private static (int Dossiers, int PerDossier) Size()
    {
        var events = Setting("LGSP_E2E_EVENTS", 2000);
        var dossiers = Setting("LGSP_E2E_DOSSIERS", 100);
        Assert.True(events / dossiers >= 3, "at least three events per dossier");
        return (dossiers, events / dossiers);
    }

    /// <summary>Spreads the rounds over ~30 s: round <paramref name="done"/> of <paramref name="rounds"/> is not finished before its share.</summary>
    private static async Task PaceAsync(Stopwatch clock, int done, int rounds)
    {
        var due = TimeSpan.FromSeconds(30.0 * done / rounds) - clock.Elapsed;
        if (due > TimeSpan.Zero)
        {
            await Task.Delay(due);
        }
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    /// <summary>The stand-in summary's per-dossier lines for this test's dossiers (the sandbox is shared by the class).</summary>
    private static List<JsonElement> Ours(JsonElement summary, List<string> codes)
    {
        var ours = codes.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. summary.GetProperty("perDossier").EnumerateArray().Where(d => ours.Contains(d.GetProperty("maHoSo").GetString()!))];
    }

    /// <summary>Polls until <paramref name="done"/> (at most 3 minutes; the caller's checks then say what is missing).</summary>
    private static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || deadline.Elapsed > TimeSpan.FromMinutes(3))
            {
                return value;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Posts until the hub answers 2xx: the same Idempotency-Key, so a retry after a kill applies once.</summary>
    private static async Task SendUntilAcceptedAsync(ChaosRun run, HubToken token, string path, string body, string key)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(run.Settings.Url, path))
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token.GetAsync());
                request.Headers.Add("Idempotency-Key", key);
                using var response = await run.Http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    // A batch answers 200 item by item: every item must have been taken.
                    var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                    if (answer.TryGetProperty("items", out var results))
                    {
                        Assert.All(results.EnumerateArray(), r => Assert.True(r.GetProperty("status").GetInt32() < 300, $"{path} item refused: {r}"));
                    }

                    return;
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    token.Reset();
                }
                else if ((int)response.StatusCode < 500)
                {
                    Assert.Fail($"{path} refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // The hub is down (killed) or restarting: try again.
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(2), $"the hub did not take {path} for 2 minutes");
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// One run: a Kafka cluster with fresh topics, a fresh database, the hub child process pointed at the sandbox, and
    /// a national-portal consumer following the feed from the start.
    /// </summary>
    private sealed class ChaosRun : IAsyncDisposable
    {
        private readonly KafkaTestCluster _kafka;
        private readonly SandboxFixture _sandbox;
        private readonly CancellationTokenSource _stopFeed = new();
        private readonly CancellationTokenSource _abortFeed = new();
        private Task _following = Task.CompletedTask;

        private ChaosRun(KafkaTestCluster kafka, SandboxFixture sandbox, HubProcessSettings settings, HttpClient http, HubProcess hub)
        {
            _kafka = kafka;
            _sandbox = sandbox;
            Settings = settings;
            Http = http;
            Hub = hub;
            Feed = new ChangeFeedFollower(http, settings.Url, HubToken.National(http, settings));
        }

        public HubProcessSettings Settings { get; }

        public HttpClient Http { get; }

        public HubProcess Hub { get; private set; }

        public ChangeFeedFollower Feed { get; }

        public static async Task<ChaosRun> StartAsync(PostgresFixture postgres, SandboxFixture sandbox)
        {
            var kafka = KafkaTestCluster.Start();
            var topic = "lgsp-e2e-" + Guid.NewGuid().ToString("N")[..8];
            await kafka.CreateTopicAsync(topic, 8);
            await kafka.CreateTopicAsync(topic + ".dlq", 8);
            var database = await postgres.Server.CreateDatabaseAsync("e2e");
            var settings = new HubProcessSettings(database, kafka.BootstrapServers, topic, sandbox.HttpBaseUrl);
            var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var run = new ChaosRun(kafka, sandbox, settings, http, await HubProcess.StartAsync(settings, http));
            run._following = Task.Run(() => run.Feed.FollowAsync(run._stopFeed.Token, run._abortFeed.Token));
            return run;
        }

        /// <summary>
        /// The chaos, on a timeline beside the load: at 4 s the hub is killed and started again; 2 s after it is back the
        /// Kafka connection is cut for 10 s (mock cluster only); then <paramref name="destinationFaults"/>.
        /// </summary>
        public Task ChaosAsync(Func<Task> destinationFaults) => Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(4));
            await Hub.KillAsync();
            Hub = await HubProcess.StartAsync(Settings, Http);
            await Task.Delay(TimeSpan.FromSeconds(2));
            using (_kafka.SupportsOutages ? _kafka.CutConnections() : null)
            {
                await Task.Delay(TimeSpan.FromSeconds(10));
            }

            await destinationFaults();
        });

        /// <summary>Lets the feed consumer read to the end of the feed and stop.</summary>
        public async Task StopFeedAsync()
        {
            await _stopFeed.CancelAsync();
            await _following.WaitAsync(TimeSpan.FromMinutes(1));
        }

        public async ValueTask DisposeAsync()
        {
            await _abortFeed.CancelAsync();
            await _following.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { }, TaskScheduler.Default);
            await Hub.KillAsync();
            await _sandbox.ResetFaultAsync("dvcqg");
            await _sandbox.ResetFaultAsync("provincial");
            Http.Dispose();
            _stopFeed.Dispose();
            _abortFeed.Dispose();
            _kafka.Dispose();
            Settings.Dispose();
        }
    }
}
