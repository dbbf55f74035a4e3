using System.Security.Cryptography;
using System.Text;
using Lgsp.Hub.Identity;
using Lgsp.Hub.Keys;
using Lgsp.Hub.Storage;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Gateway.MessageLog;

/// <summary>
/// The message log's keyed hashes, under its one key (loaded once, here). The subject of a lookup (a personal id, an
/// enterprise code, a parcel) is HMAC-SHA256 under a secret key, so the log links every lookup of one subject without
/// holding the identifier, and a 12-digit personal id cannot be found again by trying all of them without the key. The
/// request digest (<see cref="RequestDigest"/>) is keyed the same way, for the same reason: a request names its
/// subject too (<c>GET …/citizens/{id}</c>), and every other field of the request sits in the same row. The key comes from the
/// environment variable <see cref="MessageLogOptions.KeySecret"/> names (base64, ≥ 32 bytes); a development or
/// embedded hub without it makes one once under <see cref="MessageLogOptions.DevelopmentKeyPath"/> (owner-only), as the
/// development certificates and secrets are made. A production hub without it does not start.
/// </summary>
internal sealed class SubjectHasher
{
    public const int MinimumKeyBytes = 32;

    private readonly byte[] _key;

    public SubjectHasher(IOptions<GatewayOptions> options, IOptions<StorageOptions> storage, IHostEnvironment environment)
    {
        _key = LoadKey(options.Value.MessageLog, IdentityMode.IsProduction(environment, storage.Value), environment.ContentRootPath);
    }

    internal SubjectHasher(byte[] key)
    {
        _key = key;
    }

    /// <summary>Lower-case hex HMAC-SHA256 of the identifier, tagged with its kind (<c>personal_id</c>, …).</summary>
    public string Hash(string kind, string identifier) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(kind + ":" + identifier)));

    /// <summary>
    /// Lower-case hex HMAC-SHA256 of <c>lgsp-request-digest/1\n&lt;exchange id&gt;\n&lt;request hash in hex&gt;</c>: the
    /// message log's <c>request_digest</c>. <paramref name="requestHash"/> is the SHA-256 of the request's canonical form
    /// (<see cref="CanonicalRequest"/>), the hash the signed answer carries, so whoever holds the key can tie a client's
    /// answer to its record; whoever holds only the database learns nothing from it.
    /// </summary>
    public string RequestDigest(Guid exchangeId, ReadOnlySpan<byte> requestHash)
    {
        if (requestHash.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException("The request hash is a SHA-256 hash (32 bytes).", nameof(requestHash));
        }

        ReadOnlySpan<byte> tag = "lgsp-request-digest/1\n"u8;
        Span<byte> input = stackalloc byte[tag.Length + 36 + 1 + (2 * SHA256.HashSizeInBytes)];
        tag.CopyTo(input);
        var at = tag.Length;
        exchangeId.TryFormat(input[at..], out var written, "D");
        at += written;
        input[at++] = (byte)'\n';
        Convert.TryToHexStringLower(requestHash, input[at..], out written);
        at += written;
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, input[..at], mac);
        return Convert.ToHexStringLower(mac);
    }

    private static byte[] LoadKey(MessageLogOptions options, bool production, string contentRoot)
    {
        var configured = Environment.GetEnvironmentVariable(options.KeySecret);
        if (!string.IsNullOrEmpty(configured))
        {
            return Decode(configured, $"the environment variable {options.KeySecret}");
        }

        if (production)
        {
            throw new InvalidOperationException(
                $"Gateway:MessageLog: the environment variable {options.KeySecret} is not set; a production hub needs the message-log key (base64, at least {MinimumKeyBytes} bytes), the same on every instance.");
        }

        var path = Path.GetFullPath(options.DevelopmentKeyPath, contentRoot);
        if (!File.Exists(path))
        {
            OwnerOnlyFile.TryCreate(path, Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumKeyBytes))));
        }

        return Decode(File.ReadAllText(path).Trim(), path);
    }

    private static byte[] Decode(string text, string where)
    {
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out var length) || length < MinimumKeyBytes)
        {
            // Never echo the value.
            throw new InvalidOperationException($"Gateway:MessageLog: the key in {where} is not base64 of at least {MinimumKeyBytes} bytes.");
        }

        return buffer[..length];
    }
}
