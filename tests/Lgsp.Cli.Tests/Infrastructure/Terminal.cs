namespace Lgsp.Cli.Tests.Infrastructure;

/// <summary>Runs <c>lgsp</c> in-process the way an operator would, against a hub, and keeps what it printed.</summary>
public static class Terminal
{
    public static Task<CliResult> RunAsync(FakeHub hub, params string[] args) =>
        RunAsync(new Dictionary<string, string?> { ["LGSP_HUB_URL"] = hub.Url, ["LGSP_CLI_SECRET"] = FakeHub.Secret }, args);

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Cli.RunAsync(args, stdout, stderr, handler: null, environment);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}

public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
