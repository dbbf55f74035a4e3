using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lgsp.Bench.Sync;

/// <summary>
/// Matches what the DVCQG stand-in received (<c>GET /_sandbox/dvcqg/received?dossier=</c>: every progress row with the
/// instant the stand-in recorded it, <c>at</c>) with what the hub answered, step by step: a row's
/// <c>ThoiDiemXuLy</c> names its step (<see cref="SyncBodies.SeqOf"/>). Both clocks are this machine's clock.
/// </summary>
internal static class EndToEnd
{
    public sealed record Outcome(int Arrived, int Lost, int Duplicates, int OutOfOrder, Percentiles Latency);

    /// <param name="answeredAt">When the hub answered 201 for step i (dossier first + i mod D, seq i / D + 1); null if it did not.</param>
    public static async Task<Outcome> MatchAsync(HttpClient http, Uri sandboxUrl, int firstDossier, int dossiers, DateTimeOffset?[] answeredAt)
    {
        var latencies = new List<double>(answeredAt.Length);
        int arrived = 0, lost = 0, duplicates = 0, outOfOrder = 0;
        var gate = new Lock();
        await Parallel.ForEachAsync(Enumerable.Range(0, dossiers), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (dossier, ct) =>
        {
            var view = await http.GetFromJsonAsync<JsonElement>(new Uri(sandboxUrl, "/_sandbox/dvcqg/received?dossier=" + Uri.EscapeDataString(SyncBodies.Code(firstDossier + dossier))), ct);
            var received = new Dictionary<int, DateTimeOffset>();
            int dup = 0, disorder = 0, previous = 0;
            foreach (var row in view.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("errorCode").GetString() == "0"))
            {
                var seq = SyncBodies.SeqOf(row.GetProperty("row").GetProperty("ThoiDiemXuLy").GetString()) ?? -1;
                var at = DateTimeOffset.Parse(row.GetProperty("at").GetString()!, CultureInfo.InvariantCulture);
                if (!received.TryAdd(seq, at))
                {
                    dup++;
                }

                if (seq < previous)
                {
                    disorder++;
                }

                previous = Math.Max(previous, seq);
            }

            var mine = new List<double>();
            int got = 0, missing = 0;
            for (var i = dossier; i < answeredAt.Length; i += dossiers)
            {
                if (answeredAt[i] is not { } answered)
                {
                    continue;
                }

                if (received.TryGetValue((i / dossiers) + 1, out var at))
                {
                    got++;
                    mine.Add((at - answered).TotalMilliseconds);
                }
                else
                {
                    missing++;
                }
            }

            lock (gate)
            {
                latencies.AddRange(mine);
                arrived += got;
                lost += missing;
                duplicates += dup;
                outOfOrder += disorder;
            }
        });

        return new Outcome(arrived, lost, duplicates, outOfOrder, Percentiles.Of(latencies));
    }
}
