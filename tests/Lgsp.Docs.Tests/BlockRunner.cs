using System.Diagnostics;
using System.Text;
using Lgsp.Testing;

namespace Lgsp.Docs.Tests;

/// <summary>
/// Runs one README block as a reader would paste it into a shell at the repository's root, but strictly:
/// <c>bash -euo pipefail</c>, so a failing command (a <c>curl -fsS</c> that got an HTTP error included) fails the block.
/// The addresses come in as <c>HUB</c>, <c>MANAGEMENT</c>, <c>SANDBOX</c> and <c>SANDBOX_GRPC</c> (the blocks read
/// them as <c>${HUB:-http://127.0.0.1:8080}</c>) and <c>LGSP_HUB_URL</c> (the CLI's own variable); <c>lgsp</c> is the
/// CLI's build output on the PATH.
/// </summary>
internal static class BlockRunner
{
    private static readonly TimeSpan BlockLimit = TimeSpan.FromMinutes(3);

    private static readonly Lazy<string> ToolsDir = new(CreateTools);

    public static async Task<(int ExitCode, string Output)> RunAsync(ReadmeBlock block, RunShHub hub)
    {
        var script = Path.Combine(Path.GetTempPath(), $"lgsp-readme-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(script, block.Text);
        try
        {
            var start = new ProcessStartInfo("bash", ["-euo", "pipefail", script])
            {
                WorkingDirectory = RepoPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            start.Environment["HUB"] = hub.HubUrl;
            start.Environment["MANAGEMENT"] = hub.ManagementUrl;
            start.Environment["SANDBOX"] = hub.SandboxUrl;
            start.Environment["SANDBOX_GRPC"] = hub.SandboxGrpcUrl;
            start.Environment["LGSP_HUB_URL"] = hub.HubUrl;
            start.Environment["PATH"] = ToolsDir.Value + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");

            var output = new StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            process.Start();
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var limit = new CancellationTokenSource(BlockLimit);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                Append(output, $"(stopped: still running after {BlockLimit})");
                return (-1, Read(output));
            }

            process.WaitForExit(); // the output's last lines
            return (process.ExitCode, Read(output));
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    /// <summary>The CLI's output folder, which holds its executable <c>lgsp</c> (no <c>dotnet run</c> per command).</summary>
    private static string CreateTools()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var dir = RepoPaths.Combine("src", "Lgsp.Cli", "bin", configuration, "net10.0");
        if (!File.Exists(Path.Combine(dir, "lgsp")))
        {
            throw new InvalidOperationException($"The CLI is not built in {dir}: build tests/Lgsp.Docs.Tests, which builds it.");
        }

        return dir;
    }
}
