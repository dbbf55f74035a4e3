using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Lgsp.Bench.Soak;

/// <summary>One lookup: which source, when it was sent and answered (ms since the start), its status (0: no answer).</summary>
internal sealed record LookupSample(string Source, double SentMs, double DoneMs, int Status, string? Code = null);

/// <summary>
/// The five sources' lookups (a record each from the sandbox's <c>/_sandbox/demo</c>) sent through the load balancer
/// at a steady rate by several clients, each on its own connections, open loop (a slow answer never slows the sending).
/// </summary>
internal sealed class Lookups(Cluster cluster, Stopwatch clock)
{
    private readonly ConcurrentQueue<LookupSample> _samples = new();

    public IReadOnlyCollection<LookupSample> Samples => _samples;

    public static async Task<IReadOnlyList<(string Source, string Path, string Scope, string Purpose, string? Officer)>> CasesAsync(HttpClient http, Uri sandbox)
    {
        var demo = JsonDocument.Parse(await http.GetStringAsync(new Uri(sandbox, "/_sandbox/demo"))).RootElement;
        var parcel = demo.GetProperty("parcels")[0];
        var entry = demo.GetProperty("civilRegistry")[0];
        return
        [
            ("business", "/api/v1/business/enterprises/" + demo.GetProperty("enterprises")[0].GetProperty("enterpriseCode").GetString(), "lgsp.business.read", "1.001193", null),
            ("land", $"/api/v1/land/parcels?ward={parcel.GetProperty("wardCode").GetString()}&mapSheet={parcel.GetProperty("mapSheet").GetInt32()}&parcel={parcel.GetProperty("parcelNo").GetInt32()}", "lgsp.land.read", "1.004227", null),
            ("insurance", "/api/v1/insurance/participants/" + demo.GetProperty("socialInsurance")[0].GetProperty("bhxhCode").GetString(), "lgsp.insurance.read", "1.001193", null),
            ("population", "/api/v1/population/citizens/" + demo.GetProperty("citizens")[0].GetProperty("personalId").GetString(), "lgsp.population.read", "1.001193", "CB-0042"),
            ("civilregistry", $"/api/v1/civil-registry/registrations?kind={entry.GetProperty("kind").GetString()}&office={entry.GetProperty("office").GetString()}&book={Uri.EscapeDataString(entry.GetProperty("book").GetString()!)}&number={entry.GetProperty("number").GetInt32()}", "lgsp.civilregistry.read", "1.001193", null),
        ];
    }

    /// <summary>Runs <paramref name="clients"/> clients, <paramref name="rate"/> lookups/s in total, until <paramref name="stop"/>.</summary>
    public async Task RunAsync(int clients, double rate, Tokens tokens, IReadOnlyList<(string Source, string Path, string Scope, string Purpose, string? Officer)> cases, CancellationToken stop)
    {
        var perClient = rate / clients;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) }) { Timeout = TimeSpan.FromSeconds(30) };
            var inFlight = new List<Task>();
            var interval = TimeSpan.FromSeconds(1 / perClient);
            var next = clock.Elapsed;
            for (var n = c; !stop.IsCancellationRequested; n += clients)
            {
                var wait = next - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    try
                    {
                        await Task.Delay(wait, stop);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }

                next += interval;
                var lookup = cases[n % cases.Count];
                inFlight.Add(SendAsync(http, tokens, lookup));
                inFlight.RemoveAll(t => t.IsCompleted);
            }

            await Task.WhenAll(inFlight);
        })));
    }

    private async Task SendAsync(HttpClient http, Tokens tokens, (string Source, string Path, string Scope, string Purpose, string? Officer) lookup)
    {
        var sent = clock.Elapsed.TotalMilliseconds;
        var status = 0;
        string? code = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(cluster.Balancer, lookup.Path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(lookup.Scope));
            request.Headers.Add("X-Lgsp-Purpose", lookup.Purpose);
            if (lookup.Officer is not null)
            {
                request.Headers.Add("X-Lgsp-Officer-Id", lookup.Officer);
            }

            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                // The hub's catalogue code, or the load balancer's own answer (no JSON).
                code = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                    && JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var c) ? c.GetString() : "nginx";
            }
        }
        catch (HttpRequestException)
        {
            code = "connection";
        }
        catch (TaskCanceledException)
        {
            code = "timeout";
        }

        _samples.Enqueue(new LookupSample(lookup.Source, sent, clock.Elapsed.TotalMilliseconds, status, code));
    }
}
