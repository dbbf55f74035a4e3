using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Lgsp.Bench.Lookups;

/// <summary>
/// Closed-loop maximum rate with wrk (Debian's package): N connections, each sending its next request as soon as the
/// previous answer arrived, over the given paths in turn with fixed headers (a Lua script). Only 2xx answers count.
/// </summary>
internal static partial class Wrk
{
    public sealed record Result(double Rate, long Requests, long Errors, double Seconds, string Output);

    public static async Task<Result> RunAsync(Uri baseUrl, IReadOnlyList<string> paths, IDictionary<string, string> headers, int seconds, int connections, string workDirectory)
    {
        var script = Path.Combine(workDirectory, $"wrk-{Guid.NewGuid():N}.lua");
        var lua = new StringBuilder();
        foreach (var (name, value) in headers)
        {
            lua.Append(CultureInfo.InvariantCulture, $"wrk.headers[\"{name}\"] = \"{value}\"\n");
        }

        lua.Append("local paths = {").AppendJoin(",", paths.Select(p => $"\"{p}\"")).Append("}\n");
        lua.Append("""
            local i = 0
            request = function()
              i = i + 1
              return wrk.format("GET", paths[(i % #paths) + 1])
            end
            """);
        await File.WriteAllTextAsync(script, lua.ToString());
        await using var wrk = ChildProcess.Start("wrk", "wrk",
            ["-t2", $"-c{connections}", $"-d{seconds}s", "--timeout", "10s", "-s", script, baseUrl.ToString().TrimEnd('/')],
            workDirectory);
        await wrk.WaitForExitAsync();
        await Task.Delay(100); // the output readers
        var output = wrk.Tail;
        var total = RequestsLine().Match(output);
        if (!total.Success)
        {
            throw new InvalidOperationException("wrk printed no result:\n" + output);
        }

        var requests = long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture);
        var elapsed = ParseSeconds(total.Groups[2].Value, total.Groups[3].Value);
        var errors = NonSuccess().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        errors += SocketErrors().Matches(output).Sum(e => long.Parse(e.Groups[2].Value, CultureInfo.InvariantCulture));
        return new Result((requests - errors) / elapsed, requests, errors, elapsed, output);
    }

    private static double ParseSeconds(string value, string unit)
    {
        var number = double.Parse(value, CultureInfo.InvariantCulture);
        return unit switch { "ms" => number / 1000, "m" => number * 60, _ => number };
    }

    [GeneratedRegex(@"(\d+) requests in ([\d.]+)(ms|s|m),")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"(connect|read|write|timeout) (\d+)")]
    private static partial Regex SocketErrors();
}
