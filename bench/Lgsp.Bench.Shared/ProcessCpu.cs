using System.Globalization;

namespace Lgsp.Bench.Shared;

/// <summary>
/// CPU time a process has used, from <c>/proc/&lt;pid&gt;/stat</c> (utime + stime, fields 14 and 15, in clock ticks):
/// taken before and after a run, the difference over the requests the process answered is its CPU per request, a
/// figure other work on the machine distorts far less than a rate.
/// </summary>
public static class ProcessCpu
{
    /// <summary>USER_HZ: /proc reports times in these ticks, 100 per second on every Linux ABI .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>User + system CPU time of <paramref name="pid"/> so far.</summary>
    public static TimeSpan Of(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((double)ticks / TicksPerSecond);
    }

    /// <summary>The 1-, 5- and 15-minute load averages as <c>/proc/loadavg</c> prints them.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
