using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lgsp.Hub.Gateway.MessageLog;

/// <summary>
/// How a record's hash is computed: SHA-256 over a versioned canonical form, every field as
/// <c>name=&lt;UTF-8 byte length&gt;:value</c> on its own line in a fixed order (absent = <c>-</c>), starting with the
/// previous record's hash. Length prefixes make the form unambiguous whatever a value contains.
/// </summary>
internal static class MessageLogChain
{
    /// <summary>The previous hash of record 1.</summary>
    public static readonly string Genesis = new('0', 64);

    private const string Version = "lgsp-message-log/1";

    public static string HashOf(MessageLogRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var text = new StringBuilder(512).Append(Version).Append('\n');
        Field(text, "previous", r.PreviousHash);
        Field(text, "id", r.Id.ToString(CultureInfo.InvariantCulture));
        Field(text, "instance", r.InstanceId);
        Field(text, "exchange", r.ExchangeId.ToString("D"));
        Field(text, "correlation", r.CorrelationId);
        Field(text, "at", r.OccurredAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        Field(text, "client", r.ClientId);
        Field(text, "officer", r.OfficerId);
        Field(text, "purpose", r.Purpose);
        Field(text, "service", r.Service);
        Field(text, "operation", r.Operation);
        Field(text, "subject", r.SubjectHash);
        Field(text, "request", r.RequestDigest);
        Field(text, "response", r.ResponseDigest);
        Field(text, "signature", r.Signature);
        Field(text, "outcome", r.Outcome);
        Field(text, "status", r.HttpStatus.ToString(CultureInfo.InvariantCulture));
        Field(text, "latency", r.LatencyMicroseconds.ToString(CultureInfo.InvariantCulture));
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text.ToString(), bytes);
            return Convert.ToHexStringLower(SHA256.HashData(bytes.AsSpan(0, length)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static void Field(StringBuilder text, string name, string? value)
    {
        text.Append(name).Append('=');
        if (value is null)
        {
            text.Append('-');
        }
        else
        {
            text.Append(Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
        }

        text.Append('\n');
    }
}
