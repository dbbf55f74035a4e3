using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Lgsp.Hub.Gateway;

/// <summary>
/// The request as the client sent it, in the canonical form whose SHA-256 an answer carries as its
/// <c>requestHash</c> (X-Road's request hash), so that a client can prove which question a signed answer answered:
/// <code>
/// METHOD "\n"
/// request target "\n"                       (path and query exactly as on the request line: /api/v1/…?a=1)
/// name ":" value "\n"                       (every X-Lgsp-* header: name lower-cased, sorted by name, one line per field)
/// "\n"
/// body bytes                                (as received; none for GET)
/// </code>
/// A header value cannot hold a line break, so the empty line ends the headers unambiguously. Written once, with
/// the exact text a client recomputes, in <c>Gateway/README.md</c> ("Request hash").
/// </summary>
internal static class CanonicalRequest
{
    public const string HeaderPrefix = "X-Lgsp-";

    private const int StackLimit = 512;

    /// <summary>Writes the SHA-256 of the canonical form to <paramref name="destination"/> (32 bytes), in one pass over the body.</summary>
    public static void Sha256(HttpRequest request, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, request.Method, lowerCase: false);
        hash.AppendData("\n"u8);
        Append(hash, Target(request), lowerCase: false);
        hash.AppendData("\n"u8);
        foreach (var (name, values) in LgspHeaders(request.Headers))
        {
            foreach (var value in values)
            {
                Append(hash, name, lowerCase: true);
                hash.AppendData(":"u8);
                Append(hash, value, lowerCase: false);
                hash.AppendData("\n"u8);
            }
        }

        hash.AppendData("\n"u8);
        hash.AppendData(body);
        hash.GetHashAndReset(destination);
    }

    /// <summary>The request target as received (origin form), or, where a server gives none, the path and query re-encoded.</summary>
    internal static string Target(HttpRequest request)
    {
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return raw is { Length: > 0 } && raw[0] == '/'
            ? raw
            : request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
    }

    /// <summary>The <c>X-Lgsp-*</c> headers, by their lower-cased names in ordinal order.</summary>
    private static List<KeyValuePair<string, StringValues>> LgspHeaders(IHeaderDictionary headers)
    {
        var found = new List<KeyValuePair<string, StringValues>>(4);
        foreach (var header in headers)
        {
            if (header.Key.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(header);
            }
        }

        found.Sort(static (a, b) => CompareLowerCase(a.Key, b.Key));
        return found;
    }

    /// <summary>
    /// Ordinal order of the ASCII-lower-cased names. Not <see cref="StringComparer.OrdinalIgnoreCase"/>, which compares
    /// upper-cased characters and so orders <c>_</c> and <c>a</c> the other way round.
    /// </summary>
    private static int CompareLowerCase(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            var difference = char.ToLowerInvariant(a[i]).CompareTo(char.ToLowerInvariant(b[i]));
            if (difference != 0)
            {
                return difference;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private static void Append(IncrementalHash hash, string? text, bool lowerCase)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var buffer = max <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            var bytes = buffer[..length];
            if (lowerCase)
            {
                // Header names are ASCII tokens: lower-casing their bytes is lower-casing the name.
                foreach (ref var b in bytes)
                {
                    if (b is >= (byte)'A' and <= (byte)'Z')
                    {
                        b += 'a' - 'A';
                    }
                }
            }

            hash.AppendData(bytes);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
