using System.Diagnostics;

namespace Lgsp.Bench.Shared;

/// <summary>
/// N workers in a closed loop (each sends its next request when the previous one answered) for a fixed time after a
/// warm-up; every request's latency is kept. The rate is what the server sustains at that concurrency.
/// </summary>
public static class ClosedLoop
{
    public sealed record Result(int Succeeded, int Failed, TimeSpan Elapsed, Percentiles Latency, string? FirstError)
    {
        public double Rate => Succeeded / Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Runs <paramref name="request"/>(worker, ct) on <paramref name="workers"/> workers; it answers null on success or
    /// what went wrong. The warm-up's requests are sent the same way but not counted.
    /// </summary>
    public static async Task<Result> RunAsync(int workers, TimeSpan warmup, TimeSpan measured, Func<int, CancellationToken, Task<string?>> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? firstError = null;
        if (warmup > TimeSpan.Zero)
        {
            using var warm = new CancellationTokenSource(warmup);
            await Task.WhenAll(Enumerable.Range(0, workers).Select(w => LoopAsync(w, warm.Token, null)));
        }

        var latencies = new List<double>[workers];
        var failures = new int[workers];
        using var stop = new CancellationTokenSource(measured);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            latencies[w] = [];
            failures[w] = await LoopAsync(w, stop.Token, latencies[w]);
        }));
        clock.Stop();
        return new Result(latencies.Sum(l => l.Count), failures.Sum(), clock.Elapsed, Percentiles.Of(latencies.SelectMany(l => l)), firstError);

        async Task<int> LoopAsync(int worker, CancellationToken ct, List<double>? kept)
        {
            var failed = 0;
            while (!ct.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                string? error;
                try
                {
                    // The request itself is not cancelled at the end of the run: an answer the server gave counts as sent.
                    error = await request(worker, CancellationToken.None);
                }
                catch (HttpRequestException ex)
                {
                    error = ex.Message;
                }

                if (error is not null)
                {
                    failed++;
                    Interlocked.CompareExchange(ref firstError, error, null);
                    continue;
                }

                kept?.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return failed;
        }
    }
}
