using System.Security.Cryptography.X509Certificates;
using System.Text;
using Lgsp.Core.Errors;
using Lgsp.Core.Signing;

namespace Lgsp.Hub.Gateway.MessageLog;

/// <summary>A checkpoint as found: where (the database, a file's line), and its signed text.</summary>
internal sealed record FoundCheckpoint(string Origin, SignedCheckpoint Signed);

/// <summary>What the checkpoints prove: the valid ones by sequence, and every problem found with the others.</summary>
internal sealed record CheckpointVerification(IReadOnlyList<MessageLogCheckpointDocument> Valid, IReadOnlyList<string> Problems);

/// <summary>
/// Checks each checkpoint's signature with the given certificates only (public parts: an auditor needs nothing else),
/// at the time the checkpoint states (a certificate renewed since still proves what it signed while valid), and that
/// the valid ones form one unbroken sequence (a removed checkpoint leaves a gap unless it was the last). A checkpoint
/// found twice (the database and a file) must say the same; one copy with a bad signature is a problem even when the
/// other is good.
/// </summary>
internal static class MessageLogCheckpointVerifier
{
    public static CheckpointVerification Verify(IEnumerable<FoundCheckpoint> found, IReadOnlyList<X509Certificate2> trusted)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(trusted);
        var problems = new List<string>();
        var valid = new SortedDictionary<long, MessageLogCheckpointDocument>();
        foreach (var (origin, signed) in found)
        {
            MessageLogCheckpointDocument document;
            try
            {
                document = MessageLogCheckpointDocument.Parse(signed.Document);
            }
            catch (FormatException ex)
            {
                problems.Add($"checkpoint in {origin}: {ex.Message}.");
                continue;
            }

            try
            {
                using var verifier = new PacketSignatureVerifier(trusted, new FixedTime(document.At));
                verifier.VerifyDetachedJws(signed.Signature, Encoding.UTF8.GetBytes(signed.Document), MessageLogCheckpointDocument.JwsType);
            }
            catch (LgspException ex)
            {
                problems.Add($"checkpoint {document.Sequence} (records {document.FirstId}–{document.LastId}) in {origin}: signature not valid ({ex.Error.Code}: {ex.Detail}).");
                continue;
            }

            if (valid.TryGetValue(document.Sequence, out var other))
            {
                if (!SameContent(other, document))
                {
                    problems.Add($"checkpoint {document.Sequence} in {origin} differs from another validly signed copy.");
                }

                continue;
            }

            valid[document.Sequence] = document;
        }

        long expected = 1;
        long nextFirst = 1;
        foreach (var (sequence, document) in valid)
        {
            if (sequence != expected)
            {
                problems.Add(sequence - expected == 1
                    ? $"checkpoint {expected} is missing (removed from the database? pass the published copies with --checkpoints)."
                    : $"checkpoints {expected}–{sequence - 1} are missing (removed from the database? pass the published copies with --checkpoints).");
            }
            else if (document.FirstId != nextFirst)
            {
                problems.Add($"checkpoint {sequence} starts at record {document.FirstId}, not {nextFirst}.");
            }

            expected = sequence + 1;
            nextFirst = document.LastId + 1;
        }

        return new CheckpointVerification([.. valid.Values], problems);
    }

    private static bool SameContent(MessageLogCheckpointDocument a, MessageLogCheckpointDocument b) =>
        a with { Hashes = [] } == b with { Hashes = [] } && a.Hashes.SequenceEqual(b.Hashes, StringComparer.Ordinal);

    /// <summary>The checkpoint's own time, for the certificate's validity.</summary>
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
