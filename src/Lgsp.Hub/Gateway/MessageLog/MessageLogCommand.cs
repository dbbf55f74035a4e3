using System.Globalization;
using Lgsp.Hub.Storage;

namespace Lgsp.Hub.Gateway.MessageLog;

/// <summary>
/// <c>dotnet run --project src/Lgsp.Hub -- message-log verify [--from &lt;id&gt;]</c> (or the published hub binary with
/// the same arguments, and the hub's usual configuration: <c>--Storage:Provider</c>, <c>--Storage:ConnectionString</c>,
/// environment variables). Exit code 0 when the chain verifies, 1 with the first broken record's id when it does not,
/// 64 for a usage error. It only reads the database.
/// </summary>
internal static class MessageLogCommand
{
    public const string Name = "message-log";

    public const int Valid = 0;
    public const int Broken = 1;
    public const int Usage = 64;

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == Name;

    /// <summary>The hub's configuration arguments, without the command's own.</summary>
    public static string[] HostArguments(string[] args)
    {
        if (!IsCommand(args))
        {
            return args;
        }

        var rest = new List<string>();
        for (var i = 2; i < args.Length; i++)
        {
            if (args[i] == "--from")
            {
                i++;
                continue;
            }

            rest.Add(args[i]);
        }

        return [.. rest];
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Length < 2 || args[1] != "verify")
        {
            await output.WriteLineAsync("usage: message-log verify [--from <record id>]");
            return Usage;
        }

        long from = 1;
        var at = Array.IndexOf(args, "--from");
        if (at >= 0 && (at + 1 >= args.Length || !long.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out from) || from < 1))
        {
            await output.WriteLineAsync("usage: message-log verify [--from <record id>]   (--from takes a record id ≥ 1)");
            return Usage;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var result = await MessageLogVerifier.VerifyAsync(db, from, cancellationToken);
        if (result.Valid)
        {
            await output.WriteLineAsync(result.Checked == 0
                ? $"message log: valid (no records from {from})"
                : $"message log: valid, {result.Checked} records checked ({result.FirstId}–{result.LastId}), head matches");
            return Valid;
        }

        await output.WriteLineAsync($"message log: BROKEN at record {result.BrokenAt}: {result.Problem} ({result.Checked} records before it verified)");
        return Broken;
    }
}
