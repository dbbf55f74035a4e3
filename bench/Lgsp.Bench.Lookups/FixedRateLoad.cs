using System.Diagnostics;

namespace Lgsp.Bench.Lookups;

/// <summary>
/// Open-loop load at a fixed rate (what wrk2 does; it is not packaged): request i is due at start + i/rate and is sent
/// then whether or not earlier ones have answered, and its latency counts from when it was due, so a stall shows in
/// the percentiles instead of slowing the generator down (no coordinated omission).
/// </summary>
internal static class FixedRateLoad
{
    public sealed record Result(int Sent, int Errors, double AchievedRate, double P50, double P90, double P99, double P999, double Max, string? FirstError);

    public static async Task<Result> RunAsync(HttpClient http, IReadOnlyList<string> paths, IDictionary<string, string> headers, int rate, int seconds)
    {
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
        Array.Sort(latencies);
        return new Result(total, errors, total / elapsed,
            At(0.50), At(0.90), At(0.99), At(0.999), latencies[^1], firstError);

        double At(double quantile) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(quantile * latencies.Length) - 1)];

        async Task SendAsync(int index, TimeSpan dueAt)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, paths[index % paths.Count]);
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                    firstError ??= $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                }
            }
            catch (HttpRequestException ex)
            {
                Interlocked.Increment(ref errors);
                firstError ??= ex.Message;
            }

            latencies[index] = (clock.Elapsed - dueAt).TotalMilliseconds;
        }
    }
}
