using System.CommandLine;
using System.CommandLine.Help;
using Lgsp.Cli.Adapters;
using Lgsp.Cli.Clients;
using Lgsp.Cli.Catalogue;
using Lgsp.Cli.DeadLetters;
using Lgsp.Cli.Hub;

namespace Lgsp.Cli;

/// <summary>
/// The <c>lgsp</c> command line, runnable in-process: <see cref="RunAsync"/> is what <c>Program.Main</c> calls and
/// what tests drive (with their own output writers, HTTP handler and environment). Stable: the hub's end-to-end tests
/// call it.
/// </summary>
public static class Cli
{
    /// <summary>
    /// Parses <paramref name="args"/>, runs the command against the hub and returns the exit code (<see cref="ExitCodes"/>).
    /// </summary>
    /// <param name="handler">The HTTP handler to reach the hub with (a test's); a new socket handler when null.</param>
    /// <param name="environment">The environment variables to read (LGSP_HUB_URL, LGSP_CLI_CLIENT_ID, LGSP_CLI_SECRET);
    /// the process environment when null. When given, the process environment is not read at all.</param>
    public static async Task<int> RunAsync(
        string[] args, TextWriter stdout, TextWriter stderr, HttpMessageHandler? handler = null,
        IReadOnlyDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        Func<string, string?> env = environment is null
            ? Environment.GetEnvironmentVariable
            : name => environment.TryGetValue(name, out var value) ? value : null;
        var context = new CliContext(stdout, stderr, handler, env);
        var root = Build(context);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"Lỗi cú pháp / usage error: {error.Message}");
            }

            stderr.WriteLine($"Xem / see: {HelpHint(parse)}");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(
            new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false },
            cancellationToken);
    }

    internal static RootCommand Build(CliContext context)
    {
        var root = new RootCommand($"""
            lgsp — công cụ dòng lệnh vận hành LGSP / the LGSP operators' command line.
            Nói chuyện với API điều khiển /admin/v1 của hub / talks to the hub's /admin/v1 control API.

            Kết nối / connection: --hub hoặc/or {HubSettings.HubUrlVariable} (mặc định/default {HubSettings.DefaultHubUrl}),
            --client-id hoặc/or {HubSettings.ClientIdVariable} (mặc định/default {HubSettings.DefaultClientId}),
            khóa bí mật/secret: {HubSettings.SecretVariable} hoặc/or --client-secret-file <tệp/path>.

            {ExitCodes.Help}
            """);
        root.Add(context.Options.Hub);
        root.Add(context.Options.ClientId);
        root.Add(context.Options.SecretFile);
        root.Add(context.Options.Json);
        root.Add(AdaptersCommands.Build(context));
        root.Add(ClientsCommands.Build(context));
        root.Add(DeadLettersCommands.Build(context));
        root.Add(CatalogueCommands.Build(context));
        root.Add(Lgsp.Cli.NationalPull.NationalPullCommands.Build(context));
        root.Add(Lgsp.Cli.Maintenance.MaintenanceCommands.Build(context));
        return root;
    }

    private static string HelpHint(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command is RootCommand ? "lgsp" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names) + " --help";
    }
}

/// <summary>The options every command takes (declared once on the root, recursive).</summary>
internal sealed class GlobalOptions
{
    public Option<string> Hub { get; } = new("--hub")
    {
        Description = $"Địa chỉ hub / the hub's URL (hoặc/or {HubSettings.HubUrlVariable}; mặc định/default {HubSettings.DefaultHubUrl})",
        Recursive = true,
        HelpName = "url",
    };

    public Option<string> ClientId { get; } = new("--client-id")
    {
        Description = $"Client OAuth / the OAuth client (hoặc/or {HubSettings.ClientIdVariable}; mặc định/default {HubSettings.DefaultClientId})",
        Recursive = true,
        HelpName = "id",
    };

    public Option<string> SecretFile { get; } = new("--client-secret-file")
    {
        Description = $"Tệp chứa khóa bí mật của client / a file holding the client secret (thay cho/instead of {HubSettings.SecretVariable})",
        Recursive = true,
        HelpName = "path",
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "In nguyên câu trả lời JSON của hub (cho script) / print the hub's raw JSON answer (for scripts)",
        Recursive = true,
    };
}

/// <summary>What the commands share: the writers, the way to the hub, the environment and the global options.</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr, HttpMessageHandler? handler, Func<string, string?> environment)
{
    public GlobalOptions Options { get; } = new();

    /// <summary>Sets <paramref name="command"/>'s action to <paramref name="run"/>, turning failures into exit codes.</summary>
    public Command Runs(Command command, Func<CliCall, CancellationToken, Task<int>> run)
    {
        command.SetAction(async (parse, ct) =>
        {
            using var call = new CliCall(this, parse, stdout, stderr, handler, environment);
            try
            {
                return await run(call, ct);
            }
            catch (HubProblem problem)
            {
                if (call.Json)
                {
                    stdout.WriteLine(problem.Body);
                }

                problem.WriteTo(stderr);
                return problem.ExitCode;
            }
            catch (CliFailure failure)
            {
                stderr.WriteLine($"Lỗi / Error: {failure.MessageVi}");
                if (failure.MessageEn != failure.MessageVi)
                {
                    stderr.WriteLine($"  {failure.MessageEn}");
                }

                foreach (var detail in failure.Details)
                {
                    stderr.WriteLine($"  - {detail}");
                }

                return failure.ExitCode;
            }
        });
        return command;
    }
}

/// <summary>One run of one command: its parse result, writers and (made on first use) its hub client.</summary>
internal sealed class CliCall(
    CliContext context, ParseResult parse, TextWriter stdout, TextWriter stderr, HttpMessageHandler? handler, Func<string, string?> environment)
    : IDisposable
{
    private HubClient? _hub;

    public ParseResult Parse { get; } = parse;

    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    public bool Json => Parse.GetValue(context.Options.Json);

    public HubClient Hub => _hub ??= new HubClient(
        HubSettings.Resolve(Parse.GetValue(context.Options.Hub), Parse.GetValue(context.Options.ClientId), Parse.GetValue(context.Options.SecretFile), environment),
        handler);

    public T? Value<T>(Option<T> option) => Parse.GetValue(option);

    public T Value<T>(Argument<T> argument) => Parse.GetRequiredValue(argument);

    /// <summary>With <c>--json</c> the body as received; otherwise <paramref name="human"/> writes the table.</summary>
    public int Print(HubAnswer answer, Action<HubAnswer> human)
    {
        if (Json)
        {
            Out.WriteLine(answer.Body);
        }
        else
        {
            human(answer);
        }

        return ExitCodes.Success;
    }

    public void Dispose() => _hub?.Dispose();
}
