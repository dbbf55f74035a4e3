using System.Diagnostics;
using System.Text;
using Lgsp.Testing;

namespace Lgsp.Docs.Tests;

/// <summary>
/// The hub and the sandbox exactly as a reader starts them: <c>./run.sh</c> itself (Development, the embedded SQLite
/// under <c>src/Lgsp.Hub/.data</c>, every adapter on the sandbox), on free loopback ports through the
/// <c>LGSP_*_URL</c> variables <c>.ci/run</c> also uses. Ready when run.sh says so (it waits on the hub's
/// <c>/health/ready</c> and the sandbox's <c>/health</c> before it prints "Press Ctrl+C to stop."); stopped as a
/// process group, as Ctrl+C would.
/// </summary>
public sealed class RunShHub : IAsyncLifetime
{
    private const string ReadyLine = "Press Ctrl+C to stop.";
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(6);

    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _runner;

    public string HubUrl { get; } = $"http://127.0.0.1:{FreePort.Next()}";

    public string ManagementUrl { get; } = $"http://127.0.0.1:{FreePort.Next()}";

    public string SandboxUrl { get; } = $"http://127.0.0.1:{FreePort.Next()}";

    public string SandboxGrpcUrl { get; } = $"http://127.0.0.1:{FreePort.Next()}";

    /// <summary>run.sh's output so far, for a failure message.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        // setsid: run.sh leads its own process group, so stopping it reaches the hub and the sandbox it started.
        var start = new ProcessStartInfo("setsid", ["./run.sh"])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["LGSP_HUB_URL"] = HubUrl;
        start.Environment["LGSP_MANAGEMENT_URL"] = ManagementUrl;
        start.Environment["LGSP_SANDBOX_URL"] = SandboxUrl;
        start.Environment["LGSP_SANDBOX_GRPC_URL"] = SandboxGrpcUrl;
#if DEBUG
        // run.sh starts the Debug build, which building this project has just made (its project references).
        start.Environment["LGSP_RUN_NO_BUILD"] = "1";
#endif
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("ASPNETCORE_URLS");

        _runner = new Process { StartInfo = start, EnableRaisingEvents = true };
        _runner.OutputDataReceived += (_, e) => Append(e.Data);
        _runner.ErrorDataReceived += (_, e) => Append(e.Data);
        _runner.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException("run.sh ended before the hub was up:\n" + Log));
        _runner.Start();
        _runner.BeginOutputReadLine();
        _runner.BeginErrorReadLine();

        try
        {
            await _ready.Task.WaitAsync(StartLimit);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"run.sh did not finish starting within {StartLimit}:\n{Log}");
        }

        using var http = new HttpClient();
        using var ready = await http.GetAsync(new Uri(HubUrl + "/health/ready"));
        if (!ready.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"run.sh is up but {HubUrl}/health/ready answers {(int)ready.StatusCode}:\n{Log}");
        }
    }

    public async Task DisposeAsync()
    {
        if (_runner is null)
        {
            return;
        }

        // TERM to the group (run.sh traps it and stops its children), then KILL whatever is left of the group.
        await SignalGroupAsync("TERM");
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            try
            {
                await _runner.WaitForExitAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                // Still there: killed below.
            }
        }

        await SignalGroupAsync("KILL");
        _runner.Dispose();
    }

    private async Task SignalGroupAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", "--", $"-{_runner!.Id}"])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        await kill.WaitForExitAsync();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        if (line.Contains(ReadyLine, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}

/// <summary>The tests that need <c>./run.sh</c>'s hub share one, started once (two would share one database).</summary>
[CollectionDefinition(Name)]
public sealed class RunShCollection : ICollectionFixture<RunShHub>
{
    public const string Name = "run.sh";
}
