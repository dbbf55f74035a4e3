using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Bench.Sync;

namespace Lgsp.Bench.Soak;

/// <summary>
/// Status sync under the soak: the province creates dossiers and adds steps (each event sent until the hub accepts it,
/// with the same idempotency key), and DVCQG's stand-in hands portal dossiers to the hub for the one-stop system.
/// Afterwards, what the destinations received is compared with what the hub accepted.
/// </summary>
internal sealed class Dossiers(Cluster cluster, Tokens province, int firstDossier, int stepsPerDossier)
{
    private readonly ConcurrentDictionary<string, int> _acceptedSteps = new(StringComparer.Ordinal);
    private int _dossiers;
    private int _eventsAccepted;
    private int _eventRetries;
    private int _nationalSubmitted;
    private readonly ConcurrentQueue<string> _national = new();

    public int EventsAccepted => _eventsAccepted;

    public int EventRetries => _eventRetries;

    public int NationalSubmitted => _nationalSubmitted;

    /// <summary>A new dossier every 1/<paramref name="rate"/> s, each followed by its steps, one at a time, until <paramref name="stop"/>.</summary>
    public async Task RunProvinceAsync(double rate, CancellationToken stop)
    {
        using var http = new HttpClient(new SocketsHttpHandler(), disposeHandler: true) { Timeout = TimeSpan.FromSeconds(30) };
        var flows = new List<Task>();
        while (!stop.IsCancellationRequested)
        {
            var code = SyncBodies.Code(firstDossier + Interlocked.Increment(ref _dossiers) - 1);
            flows.Add(FlowAsync(http, code, stop));
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1 / rate), stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(flows);
    }

    /// <summary>Portal dossiers submitted at DVCQG's stand-in, one every 1/<paramref name="rate"/> s.</summary>
    public async Task RunNationalAsync(double rate, CancellationToken stop)
    {
        using var http = new HttpClient(new SocketsHttpHandler(), disposeHandler: true) { Timeout = TimeSpan.FromSeconds(60) };
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await http.PostAsJsonAsync(new Uri(cluster.Sandbox, "/_sandbox/dvcqg/submit"), new { count = 1 }, CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    foreach (var outcome in (await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None)).EnumerateArray())
                    {
                        if (outcome.GetProperty("hubStatus").GetInt32() is 200 or 201)
                        {
                            Interlocked.Increment(ref _nationalSubmitted);
                            _national.Enqueue(outcome.GetProperty("code").GetString()!);
                        }
                    }
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1 / rate), stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task FlowAsync(HttpClient http, string code, CancellationToken stop)
    {
        if (!await SendUntilAcceptedAsync(http, $"/api/v1/dossiers", SyncBodies.Dossier(code), code + "-create", stop))
        {
            return;
        }

        for (var seq = 1; seq <= stepsPerDossier && !stop.IsCancellationRequested; seq++)
        {
            if (!await SendUntilAcceptedAsync(http, $"/api/v1/dossiers/{code}/steps", SyncBodies.Steps(SyncBodies.Step(seq)), $"{code}-step-{seq}", stop))
            {
                return;
            }

            _acceptedSteps[code] = seq;
        }
    }

    private async Task<bool> SendUntilAcceptedAsync(HttpClient http, string path, System.Text.Json.Nodes.JsonObject body, string key, CancellationToken stop)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0)
            {
                Interlocked.Increment(ref _eventRetries);
                if (stop.IsCancellationRequested && attempt > 60)
                {
                    return false;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None);
            }

            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(cluster.Balancer, path)) { Content = SyncBodies.Json(body) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await province.GetAsync("lgsp.dossier.sync"));
                request.Headers.Add("Idempotency-Key", key);
                using var response = await http.SendAsync(request, CancellationToken.None);
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref _eventsAccepted);
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
        }
    }

    /// <summary>What DVCQG holds for each dossier: created, every accepted step once, in order.</summary>
    public async Task<(int Expected, int Delivered, int Lost, int Duplicated, int OutOfOrder)> CheckDvcqgAsync(HttpClient http)
    {
        int expected = 0, delivered = 0, lost = 0, duplicated = 0, disorder = 0;
        for (var n = 0; n < _dossiers; n++)
        {
            var code = SyncBodies.Code(firstDossier + n);
            _acceptedSteps.TryGetValue(code, out var steps);
            using var response = await http.GetAsync(new Uri(cluster.Sandbox, "/_sandbox/dvcqg/received?dossier=" + Uri.EscapeDataString(code)));
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                continue;
            }

            var view = await response.Content.ReadFromJsonAsync<JsonElement>();
            var seen = new HashSet<int>();
            var previous = 0;
            foreach (var row in view.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("errorCode").GetString() == "0"))
            {
                var seq = SyncBodies.SeqOf(row.GetProperty("row").GetProperty("ThoiDiemXuLy").GetString()) ?? -1;
                duplicated += seen.Add(seq) ? 0 : 1;
                disorder += seq < previous ? 1 : 0;
                previous = Math.Max(previous, seq);
            }

            expected += steps;
            var got = Enumerable.Range(1, steps).Count(seen.Contains);
            delivered += got;
            lost += steps - got;
        }

        return (expected, delivered, lost, duplicated, disorder);
    }

    /// <summary>Portal dossiers the hub accepted from DVCQG and those the one-stop system holds.</summary>
    public async Task<(int Accepted, int Delivered)> CheckOneStopAsync(HttpClient http)
    {
        var delivered = 0;
        foreach (var code in _national)
        {
            using var response = await http.GetAsync(new Uri(cluster.Sandbox, "/_sandbox/provincial/received?dossier=" + Uri.EscapeDataString(code)));
            delivered += response.IsSuccessStatusCode ? 1 : 0;
        }

        return (_national.Count, delivered);
    }

    /// <summary>Rows expected at DVCQG so far and rows there (to wait for the delivery to finish).</summary>
    public int ExpectedSteps => _acceptedSteps.Values.Sum();
}
