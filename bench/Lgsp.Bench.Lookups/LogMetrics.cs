using System.Globalization;
using System.Text.RegularExpressions;

namespace Lgsp.Bench.Lookups;

/// <summary>The message log's group-commit figures, read from the hub's Prometheus endpoint (<c>/metrics</c> on its management endpoint).</summary>
internal sealed partial record LogMetrics(double CommitMsSum, double Commits, double RecordsSum)
{
    public static async Task<LogMetrics> ReadAsync(HttpClient http, Uri managementUrl)
    {
        var text = await http.GetStringAsync(new Uri(managementUrl, "/metrics"));
        return new LogMetrics(Value(text, "lgsp_message_log_commit_duration", "sum"), Value(text, "lgsp_message_log_commit_duration", "count"), Value(text, "lgsp_message_log_batch_size", "sum"));
    }

    public string Since(LogMetrics before)
    {
        var commits = Commits - before.Commits;
        if (commits <= 0)
        {
            return "message log: no commits seen in /metrics";
        }

        var records = RecordsSum - before.RecordsSum;
        return string.Create(CultureInfo.InvariantCulture,
            $"message log during that run: {commits:F0} commits, {records / commits:F1} records per commit, {(CommitMsSum - before.CommitMsSum) / commits:F2} ms per commit (lock + insert + fsync)");
    }

    private static double Value(string text, string metric, string suffix)
    {
        foreach (Match match in Line().Matches(text))
        {
            if (match.Groups["name"].Value.StartsWith(metric, StringComparison.Ordinal) && match.Groups["name"].Value.EndsWith("_" + suffix, StringComparison.Ordinal))
            {
                return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{[^}]*\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Line();
}
