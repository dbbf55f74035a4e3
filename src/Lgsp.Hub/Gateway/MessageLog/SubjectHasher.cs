using System.Security.Cryptography;
using System.Text;
using Lgsp.Hub.Identity;
using Lgsp.Hub.Keys;
using Lgsp.Hub.Storage;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Gateway.MessageLog;

/// <summary>
/// The keyed hash that stands for a lookup's subject (a personal id, an enterprise code, a parcel) in the message log:
/// HMAC-SHA256 under a secret key, so the log links every lookup of one subject without holding the identifier, and a
/// 12-digit personal id cannot be found again by trying all of them without the key. The key comes from the
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
