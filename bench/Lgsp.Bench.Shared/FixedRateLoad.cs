using System.Diagnostics;

namespace Lgsp.Bench.Shared;

/// <summary>
/// Open-loop load at a fixed rate (what wrk2 does; it is not packaged): request i is due at start + i/rate and is sent
/// then whether or not earlier ones have answered, and its latency counts from when it was due, so a stall shows in
/// the percentiles instead of slowing the generator down (no coordinated omission).
/// </summary>
public static class FixedRateLoad
{
    public sealed record Result(int Sent, int Errors, double AchievedRate, double P50, double P90, double P99, double P999, double Max, string? FirstError);

    /// <summary>GETs of <paramref name="paths"/> in turn, with the same headers; any non-2xx answer is an error.</summary>
    public static Task<Result> RunAsync(HttpClient http, IReadOnlyList<string> paths, IDictionary<string, string> headers, int rate, int seconds) =>
        RunAsync(rate, seconds, async index =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, paths[index % paths.Count]);
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            return response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        });

    /// <summary>
    /// <paramref name="send"/>(i) for i in 0 … rate × seconds − 1, each at its due time; it answers null on success or
    /// what went wrong (an <see cref="HttpRequestException"/> counts as an error too).
    /// </summary>
    public static async Task<Result> RunAsync(int rate, int seconds, Func<int, Task<string?>> send)
    {
        ArgumentNullException.ThrowIfNull(send);
        var total = rate * seconds;
        var latencies = new double[total];
        var errors = 0;
        string? firstError = null;
        var tasks = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        var sent = 0;
        while (sent < total)
        {
            var due = (int)Math.Min(total, clock.Elapsed.TotalSeconds * rate) + 1;
            for (; sent < Math.Min(due, total); sent++)
            {
                var index = sent;
                var dueAt = TimeSpan.FromSeconds((double)index / rate);
                tasks.Add(SendAsync(index, dueAt));
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed.TotalSeconds;
        var sorted = Percentiles.Of(latencies);
        return new Result(total, errors, total / elapsed,
            sorted.At(0.50), sorted.At(0.90), sorted.At(0.99), sorted.At(0.999), sorted.Max, firstError);

        async Task SendAsync(int index, TimeSpan dueAt)
        {
            await Task.Yield();
            string? error;
            try
            {
                error = await send(index);
            }
            catch (HttpRequestException ex)
            {
                error = ex.Message;
            }
            catch (TaskCanceledException ex)
            {
                error = "timed out: " + ex.Message;
            }

            if (error is not null)
            {
                Interlocked.Increment(ref errors);
                Interlocked.CompareExchange(ref firstError, error, null);
            }

            latencies[index] = (clock.Elapsed - dueAt).TotalMilliseconds;
        }
    }
}
