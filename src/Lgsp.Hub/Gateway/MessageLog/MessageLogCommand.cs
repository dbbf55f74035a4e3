using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lgsp.Core.Signing;
using Lgsp.Hub.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.Gateway.MessageLog;

/// <summary>
/// <c>dotnet run --project src/Lgsp.Hub -- message-log verify [--from &lt;id&gt;] [--certificate &lt;pem&gt;]… [--checkpoints &lt;file&gt;]…</c>
/// (or the published hub binary with the same arguments, and the hub's usual configuration: <c>--Storage:Provider</c>,
/// <c>--Storage:ConnectionString</c>, environment variables). Checks the signed checkpoints (those in the database and
/// in the given files) with the given certificates, or else the hub's own signing certificate, then the chain against
/// them. Exit code 0 when everything verifies, 1 with the first broken record's id, 2 when the records verify but a
/// checkpoint does not (bad signature, removed, unreadable), 64 for a usage error. It only reads.
/// </summary>
internal static class MessageLogCommand
{
    public const string Name = "message-log";

    public const int Valid = 0;
    public const int Broken = 1;
    public const int CheckpointsInvalid = 2;
    public const int Usage = 64;

    private const string UsageText = "usage: message-log verify [--from <record id>] [--certificate <cert.pem>]... [--checkpoints <checkpoints.jsonl>]...";

    private static readonly string[] OptionsWithValue = ["--from", "--certificate", "--checkpoints"];

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
            if (OptionsWithValue.Contains(args[i], StringComparer.Ordinal))
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
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Length < 2 || args[1] != "verify")
        {
            await output.WriteLineAsync(UsageText);
            return Usage;
        }

        long from = 1;
        var certificates = new List<string>();
        var files = new List<string>();
        for (var i = 2; i < args.Length; i++)
        {
            if (!OptionsWithValue.Contains(args[i], StringComparer.Ordinal))
            {
                continue;
            }

            if (i + 1 >= args.Length)
            {
                await output.WriteLineAsync($"{UsageText}   ({args[i]} takes a value)");
                return Usage;
            }

            var value = args[++i];
            switch (args[i - 1])
            {
                case "--from" when !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out from) || from < 1:
                    await output.WriteLineAsync($"{UsageText}   (--from takes a record id ≥ 1)");
                    return Usage;
                case "--certificate":
                    certificates.Add(value);
                    break;
                case "--checkpoints":
                    files.Add(value);
                    break;
            }
        }

        var trusted = new List<X509Certificate2>();
        try
        {
            if (!await LoadCertificatesAsync(services, certificates, trusted, output))
            {
                return Usage;
            }

            var found = new List<FoundCheckpoint>();
            var problems = new List<string>();
            foreach (var file in files)
            {
                if (!File.Exists(file))
                {
                    await output.WriteLineAsync($"message log: the checkpoints file '{file}' does not exist.");
                    return Usage;
                }

                await ReadFileAsync(file, found, problems, cancellationToken);
            }

            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            await foreach (var stored in db.MessageLogCheckpoints.AsNoTracking().OrderBy(c => c.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                found.Add(new FoundCheckpoint($"the database (row {stored.Id})", stored.ToSigned()));
            }

            var checkpoints = MessageLogCheckpointVerifier.Verify(found, trusted);
            problems.AddRange(checkpoints.Problems);
            foreach (var problem in problems)
            {
                await output.WriteLineAsync("message log: CHECKPOINT PROBLEM: " + problem);
            }

            var result = await MessageLogVerifier.VerifyAsync(db, from, checkpoints.Valid, cancellationToken);
            var lastSigned = checkpoints.Valid.Where(c => result.Valid || c.LastId < result.BrokenAt).Select(c => c.LastId).DefaultIfEmpty(0).Max();
            var signedNote = checkpoints.Valid.Count == 0
                ? "no signed checkpoint"
                : $"{checkpoints.Valid.Count} signed checkpoints verified, the last valid one before any break covers records up to {lastSigned}";
            if (!result.Valid)
            {
                await output.WriteLineAsync($"message log: BROKEN at record {result.BrokenAt}: {result.Problem} ({result.Checked} records before it verified; {signedNote})");
                return Broken;
            }

            await output.WriteLineAsync(result.Checked == 0
                ? $"message log: valid (no records from {from}); {signedNote}"
                : $"message log: valid, {result.Checked} records checked ({result.FirstId}–{result.LastId}), head matches; {signedNote}" +
                  (lastSigned < result.LastId ? $" (records {Math.Max(lastSigned + 1, result.FirstId)}–{result.LastId} await the next checkpoint)" : string.Empty));
            return problems.Count == 0 ? Valid : CheckpointsInvalid;
        }
        finally
        {
            trusted.ForEach(c => c.Dispose());
        }
    }

    /// <summary>
    /// The certificates given (PEM, several per file, or DER); without any, the hub's own packet-signing certificates
    /// (<see cref="Lgsp.Hub.Signing.PublishedPacketKeys"/>: the current one and Signing:RolloverCertificatePaths, so checkpoints
    /// signed before a key rollover still verify).
    /// </summary>
    private static async Task<bool> LoadCertificatesAsync(IServiceProvider services, List<string> paths, List<X509Certificate2> trusted, TextWriter output)
    {
        if (paths.Count == 0)
        {
            // Public parts only: the hub's configured signer and the keys of its rollover.
            trusted.AddRange(services.GetRequiredService<Lgsp.Hub.Signing.PublishedPacketKeys>().All.Select(c => X509CertificateLoader.LoadCertificate(c.RawData)));
            return true;
        }

        foreach (var path in paths)
        {
            try
            {
                var pem = new X509Certificate2Collection();
                var text = await File.ReadAllTextAsync(path);
                if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
                {
                    pem.ImportFromPem(text);
                    trusted.AddRange(pem);
                }
                else
                {
                    trusted.Add(X509CertificateLoader.LoadCertificateFromFile(path));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
            {
                await output.WriteLineAsync($"message log: the certificate '{path}' cannot be read ({ex.Message}).");
                return false;
            }
        }

        return true;
    }

    private static async Task ReadFileAsync(string file, List<FoundCheckpoint> found, List<string> problems, CancellationToken cancellationToken)
    {
        var number = 0;
        await foreach (var line in File.ReadLinesAsync(file, cancellationToken))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                found.Add(new FoundCheckpoint($"{file}:{number}", SignedCheckpoint.ParseLine(line)));
            }
            catch (FormatException ex)
            {
                problems.Add($"{file}:{number}: {ex.Message}.");
            }
        }
    }
}
