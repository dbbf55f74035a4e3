namespace Lgsp.Cli.Hub;

/// <summary>
/// A failure the CLI explains itself (bad argument, no secret, hub unreachable): a message in Vietnamese and English,
/// and the exit code it ends with. Nothing secret is ever put in the messages.
/// </summary>
internal sealed class CliFailure(int exitCode, string messageVi, string messageEn, IReadOnlyList<string>? details = null)
    : Exception(messageEn)
{
    public int ExitCode { get; } = exitCode;

    public string MessageVi { get; } = messageVi;

    public string MessageEn { get; } = messageEn;

    /// <summary>Every problem found, when there are several (all are reported at once, not the first only).</summary>
    public IReadOnlyList<string> Details { get; } = details ?? [];

    public static CliFailure Usage(string messageVi, string messageEn, IReadOnlyList<string>? details = null) =>
        new(ExitCodes.Usage, messageVi, messageEn, details);
}
