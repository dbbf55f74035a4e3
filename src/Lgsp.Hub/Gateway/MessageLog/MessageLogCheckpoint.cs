using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Lgsp.Hub.Gateway.MessageLog;

/// <summary>
/// A signed checkpoint as stored (table <c>message_log_checkpoints</c>, append-only like the log). Only
/// <see cref="Document"/> and <see cref="Signature"/> are evidence; the other columns repeat the document for queries.
/// </summary>
internal sealed class MessageLogCheckpoint
{
    /// <summary>The checkpoint's sequence number: 1, 2, 3… without gaps, one sequence for the one chain.</summary>
    public long Id { get; set; }

    public long FirstId { get; set; }

    public long LastId { get; set; }

    public required string LastHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string InstanceId { get; set; }

    /// <summary>The signed bytes: <see cref="MessageLogCheckpointDocument"/> as UTF-8 JSON, exactly as signed.</summary>
    public required string Document { get; set; }

    /// <summary>The detached JWS over <see cref="Document"/> (<c>typ</c> <see cref="MessageLogCheckpointDocument.JwsType"/>).</summary>
    public required string Signature { get; set; }

    public SignedCheckpoint ToSigned() => new(Document, Signature);
}

/// <summary>
/// What a checkpoint states, signed by the hub: the chain's head (<see cref="LastId"/>, <see cref="LastHash"/>, the
/// <see cref="RecordCount"/> so far), when and by which instance, and the hash of every record it covers
/// (<see cref="FirstId"/>–<see cref="LastId"/>, the records since the previous checkpoint). The hashes let the
/// verifier name the first record that was rewritten even when the chain was recomputed after it.
/// </summary>
internal sealed record MessageLogCheckpointDocument(
    long Sequence, long FirstId, long LastId, string LastHash, long RecordCount, DateTimeOffset At, string Instance, IReadOnlyList<string> Hashes)
{
    public const string Version = "lgsp-message-log-checkpoint/1";

    /// <summary>The JWS <c>typ</c>: a checkpoint's signature is never taken for a packet's, nor the reverse.</summary>
    public const string JwsType = "lgsp-message-log-checkpoint+json";

    /// <summary>Compact JSON, members in a fixed order; these bytes are what is signed and stored.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", Version);
            json.WriteNumber("sequence", Sequence);
            json.WriteNumber("firstId", FirstId);
            json.WriteNumber("lastId", LastId);
            json.WriteString("lastHash", LastHash);
            json.WriteNumber("recordCount", RecordCount);
            json.WriteString("at", At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("instance", Instance);
            json.WriteStartArray("hashes");
            foreach (var hash in Hashes)
            {
                json.WriteStringValue(hash);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads a document and checks that it is self-consistent; <see cref="FormatException"/> otherwise.</summary>
    public static MessageLogCheckpointDocument Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4 });
            var root = document.RootElement;
            if (root.GetProperty("version").GetString() != Version)
            {
                throw new FormatException($"not a {Version} document");
            }

            var hashes = root.GetProperty("hashes").EnumerateArray().Select(h => h.GetString() ?? throw new FormatException("a hash is not a string")).ToList();
            var parsed = new MessageLogCheckpointDocument(
                root.GetProperty("sequence").GetInt64(),
                root.GetProperty("firstId").GetInt64(),
                root.GetProperty("lastId").GetInt64(),
                root.GetProperty("lastHash").GetString() ?? throw new FormatException("lastHash is not a string"),
                root.GetProperty("recordCount").GetInt64(),
                DateTimeOffset.Parse(root.GetProperty("at").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                root.GetProperty("instance").GetString() ?? throw new FormatException("instance is not a string"),
                hashes);
            if (parsed.Sequence < 1 || parsed.FirstId < 1 || parsed.LastId < parsed.FirstId || hashes.Count != parsed.LastId - parsed.FirstId + 1
                || !string.Equals(hashes[^1], parsed.LastHash, StringComparison.Ordinal) || parsed.RecordCount != parsed.LastId)
            {
                throw new FormatException("its span, hashes, head and record count disagree");
            }

            return parsed;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException("not a readable checkpoint document (" + ex.Message + ")", ex);
        }
    }
}

/// <summary>
/// A checkpoint as published outside the database: one line of JSON, <c>{"checkpoint":&lt;the document, verbatim&gt;,"signature":"&lt;JWS&gt;"}</c>,
/// the form of the checkpoints file and of the messages on <c>lgsp.messagelog.checkpoints</c>.
/// </summary>
internal sealed record SignedCheckpoint(string Document, string Signature)
{
    public string ToLine()
    {
        var line = new StringBuilder(Document.Length + Signature.Length + 40)
            .Append("{\"checkpoint\":").Append(Document).Append(",\"signature\":");
        return line.Append(JsonSerializer.Serialize(Signature)).Append('}').ToString();
    }

    /// <summary>Reads a line; the document comes back as the exact text that was signed.</summary>
    public static SignedCheckpoint ParseLine(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 6 });
            var checkpoint = json.RootElement.GetProperty("checkpoint");
            if (checkpoint.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("\"checkpoint\" is not an object");
            }

            return new SignedCheckpoint(checkpoint.GetRawText(), json.RootElement.GetProperty("signature").GetString() ?? throw new FormatException("no signature"));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException("not a signed checkpoint line (" + ex.Message + ")", ex);
        }
    }
}
