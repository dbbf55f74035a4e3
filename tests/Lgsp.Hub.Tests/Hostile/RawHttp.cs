using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace Lgsp.Hub.Tests.Hostile;

/// <summary>One hostile request exactly as it goes on the wire: any method, target and header bytes (CR, LF, non-ASCII,
/// duplicates), a body sent whole or trickled in pieces.</summary>
internal sealed record HostileRequest(string Family, string Endpoint, string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body, HostileToken Token, int TrickleChunks = 0, bool Chunked = false)
{
    public override string ToString()
    {
        var headers = string.Join(" | ", Headers.Select(h => h.Key + ": " + Shorten(h.Value)));
        var body = Body is null ? "-" : Shorten(Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300))) + $" ({Body.Length} bytes{(TrickleChunks > 0 ? $", trickled in {TrickleChunks}" : string.Empty)}{(Chunked ? ", chunked" : string.Empty)})";
        return $"[{Family}] {Method} {Shorten(Target)} (endpoint {Endpoint}) token: {Token} headers: {headers} body: {body}";
    }

    private static string Shorten(string s)
    {
        var escaped = s.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\0", "\\0", StringComparison.Ordinal);
        return escaped.Length <= 160 ? escaped : escaped[..160] + $"…({s.Length} chars)";
    }
}

/// <summary>The hub's answer as read off the wire (<c>Connection: close</c>, so the answer ends with the connection).</summary>
internal sealed record RawAnswer(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    /// <summary>No answer could be read, and the hub had closed the line while the request was still being sent.</summary>
    public const int ClosedWhileSending = -1;

    /// <summary>The status of a second answer on the line (the request was split in two by an injected CR LF), or null.</summary>
    public int? Following { get; init; }

    public string? Header(string name) => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>HTTP/1.1 over TLS on a raw socket, so nothing between the suite and Kestrel cleans a header up.</summary>
internal static class RawHttp
{
    public static async Task<RawAnswer> SendAsync(Uri hub, string thumbprint, HostileRequest request, string? authorization, CancellationToken ct)
    {
        using var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(hub.Host, hub.Port, ct);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = SslProtocols.None,
            ApplicationProtocols = [SslApplicationProtocol.Http11],
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == thumbprint,
        }, ct);

        var head = new StringBuilder();
        head.Append(request.Method).Append(' ').Append(request.Target).Append(" HTTP/1.1\r\n");
        head.Append("Host: ").Append(hub.Authority).Append("\r\n");
        if (authorization is not null)
        {
            head.Append("Authorization: ").Append(authorization).Append("\r\n");
        }

        foreach (var (name, value) in request.Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        var body = request.Body;
        if (body is not null && request.Chunked)
        {
            head.Append("Transfer-Encoding: chunked\r\n");
        }
        else if (body is not null && !request.Headers.Any(h => string.Equals(h.Key, "Content-Length", StringComparison.OrdinalIgnoreCase)))
        {
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        }

        head.Append("Connection: close\r\n\r\n");
        var sendCut = false;
        try
        {
            await tls.WriteAsync(Encoding.UTF8.GetBytes(head.ToString()), ct);
            if (body is not null)
            {
                await WriteBodyAsync(tls, body, request, ct);
            }

            await tls.FlushAsync(ct);
        }
        catch (IOException)
        {
            // The hub answered (413, 431, 400) and closed while the rest was still being sent: its answer, if it
            // reached us before the close, is what counts.
            sendCut = true;
        }

        return await ReadAnswerAsync(tls, sendCut, ct);
    }

    private static async Task WriteBodyAsync(SslStream tls, byte[] body, HostileRequest request, CancellationToken ct)
    {
        var pieces = Math.Max(1, request.TrickleChunks);
        var size = Math.Max(1, (body.Length + pieces - 1) / pieces);
        for (var offset = 0; offset < body.Length; offset += size)
            {
                var piece = body.AsMemory(offset, Math.Min(size, body.Length - offset));
                if (request.Chunked)
                {
                    await tls.WriteAsync(Encoding.ASCII.GetBytes($"{piece.Length:x}\r\n"), ct);
                    await tls.WriteAsync(piece, ct);
                    await tls.WriteAsync("\r\n"u8.ToArray(), ct);
                }
                else
                {
                    await tls.WriteAsync(piece, ct);
                }

                if (request.TrickleChunks > 0)
                {
                    // A slow sender: each piece on its own, flushed, with a pause between them.
                    await tls.FlushAsync(ct);
                    await Task.Delay(15, ct);
                }
            }

        if (request.Chunked)
        {
            await tls.WriteAsync("0\r\n\r\n"u8.ToArray(), ct);
        }
    }

    private static async Task<RawAnswer> ReadAnswerAsync(SslStream tls, bool sendCut, CancellationToken ct)
    {
        using var all = new MemoryStream();
        var buffer = new byte[16384];
        try
        {
            int read;
            while ((read = await tls.ReadAsync(buffer, ct)) > 0)
            {
                all.Write(buffer, 0, read);
            }
        }
        catch (IOException) when (all.Length > 0 || sendCut)
        {
            // A reset after the answer was sent (the hub stopped reading an oversized body), or a reset that took the
            // answer with it: TCP discards what had arrived unread when the peer resets the line.
        }

        var bytes = all.ToArray();
        var end = IndexOf(bytes, "\r\n\r\n"u8);
        if (end < 0)
        {
            return new RawAnswer(sendCut ? RawAnswer.ClosedWhileSending : 0, [], bytes);
        }

        var lines = Encoding.Latin1.GetString(bytes, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Select(p => KeyValuePair.Create(p[0].Trim(), p.Length > 1 ? p[1].Trim() : string.Empty)).ToList();
        var rest = bytes.AsSpan(end + 4).ToArray();
        var answer = new RawAnswer(status, headers, rest);
        if (string.Equals(answer.Header("Transfer-Encoding"), "chunked", StringComparison.OrdinalIgnoreCase))
        {
            return answer with { Body = Dechunk(rest) };
        }

        // A CR LF injected into a header ends the request early; what follows reaches Kestrel as a second request, and
        // its answer follows the first on the line. The first answer ends where its Content-Length says.
        return int.TryParse(answer.Header("Content-Length"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length) && length < rest.Length
            ? answer with { Body = rest[..length], Following = StatusOf(rest.AsSpan(length)) }
            : answer;
    }

    /// <summary>The status of an answer that followed the first on the line, 0 when the bytes are not one.</summary>
    private static int StatusOf(ReadOnlySpan<byte> following)
    {
        var line = Encoding.Latin1.GetString(following[..Math.Max(0, following.IndexOf("\r\n"u8))]).Split(' ');
        return line.Length > 1 && line[0].StartsWith("HTTP/", StringComparison.Ordinal) && int.TryParse(line[1], System.Globalization.CultureInfo.InvariantCulture, out var status) ? status : 0;
    }

    private static byte[] Dechunk(byte[] data)
    {
        using var body = new MemoryStream();
        var at = 0;
        while (at < data.Length)
        {
            var lineEnd = IndexOf(data.AsSpan(at), "\r\n"u8);
            if (lineEnd < 0)
            {
                break;
            }

            var size = Convert.ToInt32(Encoding.ASCII.GetString(data, at, lineEnd).Split(';')[0].Trim(), 16);
            at += lineEnd + 2;
            if (size == 0)
            {
                break;
            }

            body.Write(data, at, Math.Min(size, data.Length - at));
            at += size + 2;
        }

        return body.ToArray();
    }

    private static int IndexOf(ReadOnlySpan<byte> data, ReadOnlySpan<byte> value) => data.IndexOf(value);
}
