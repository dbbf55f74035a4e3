using System.Diagnostics;
using System.Globalization;

namespace Lgsp.Bench.Soak;

/// <summary>The local cluster of <c>./cluster.sh</c>: its addresses (from the same port layout) and its commands.</summary>
internal sealed class Cluster(string repo, string run, int basePort, int hubs)
{
    public Uri Balancer { get; } = new($"http://127.0.0.1:{basePort}/");

    public Uri Sandbox { get; } = new($"http://127.0.0.1:{basePort + 1}/");

    public int Hubs => hubs;

    public string Run => run;

    public Uri Hub(int i) => new($"http://127.0.0.1:{basePort + 10 + i}/");

    public int? Pid(string name)
    {
        var file = Path.Combine(run, name + ".pid");
        return File.Exists(file) ? int.Parse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Resident memory of hub i in MB (VmRSS), or null when it is not running.</summary>
    public double? RssMb(int i)
    {
        try
        {
            var line = File.ReadLines($"/proc/{Pid("hub-" + i)}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public string Secret(string variable) =>
        File.ReadAllLines(Path.Combine(run, "shared", "identity", "development.env")).Select(l => l.Split('=', 2)).Single(p => p[0] == variable)[1];

    /// <summary>Runs <c>./cluster.sh</c> with <paramref name="arguments"/>; returns its exit code and output.</summary>
    public async Task<(int Code, string Output)> CommandAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo(Path.Combine(repo, "cluster.sh")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["LGSP_CLUSTER_DIR"] = run;
        info.Environment["LGSP_CLUSTER_PORT"] = basePort.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await output + await errors).Trim());
    }
}
