using System.Security.Cryptography;
using System.Text;
using Lgsp.Hub.Keys;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Identity;

/// <summary>
/// Secrets of a development or embedded hub that has none configured: client secrets and the demo accounts'
/// passwords. Each is derived (HMAC-SHA256) from one random seed made once under Identity:DevelopmentDirectory
/// (owner-only), so every restart, and every instance sharing that folder, derives the same values, and a client
/// added to the configuration later gets its secret without rewriting the seed. On each start the current values are
/// written to <c>development.env</c> beside it (owner-only, <c>NAME=value</c> lines) for <c>run.sh</c> to print and
/// for a developer to <c>source</c>. Never used by a production hub.
/// </summary>
internal sealed class DevelopmentCredentials(IOptions<HubIdentityOptions> options, IHostEnvironment environment)
{
    public const string SeedFileName = "development-seed";
    public const string EnvironmentFileName = "development.env";

    private readonly Lazy<byte[]> _seed = new(() => LoadSeed(Directory(options.Value, environment)));

    public string EnvironmentFilePath => Path.Combine(Directory(options.Value, environment), EnvironmentFileName);

    /// <summary>A 256-bit secret for <paramref name="purpose"/> (e.g. an environment variable's name), base64url.</summary>
    public string Derive(string purpose) =>
        Encode(HMACSHA256.HashData(_seed.Value, Encoding.UTF8.GetBytes("lgsp-development:" + purpose)));

    /// <summary>Rewrites <c>development.env</c> with <paramref name="values"/>: whole or not at all, owner-only.</summary>
    public void WriteEnvironmentFile(IEnumerable<KeyValuePair<string, string>> values)
    {
        var text = new StringBuilder()
            .Append("# Development credentials of the LGSP hub (generated; never use them in production).\n")
            .Append("# `. ").Append(EnvironmentFileName).Append("` puts them in your shell.\n");
        foreach (var (name, value) in values)
        {
            text.Append(name).Append('=').Append(value).Append('\n');
        }

        var path = EnvironmentFilePath;
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{EnvironmentFileName}.{Guid.NewGuid():N}.tmp");
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, fileOptions))
            {
                stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
            }

            // Instances sharing the folder write identical content, so the last rename winning is harmless.
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string Directory(HubIdentityOptions options, IHostEnvironment environment) =>
        Path.GetFullPath(options.DevelopmentDirectory, environment.ContentRootPath);

    private static byte[] LoadSeed(string directory)
    {
        var path = Path.Combine(directory, SeedFileName);
        try
        {
            if (!File.Exists(path))
            {
                OwnerOnlyFile.TryCreate(path, Encoding.ASCII.GetBytes(Encode(RandomNumberGenerator.GetBytes(32))));
            }

            var seed = File.ReadAllText(path).Trim();
            return seed.Length >= 43
                ? Encoding.ASCII.GetBytes(seed)
                : throw new InvalidOperationException($"Identity: the development seed '{path}' is damaged; delete it to have a new one made (development secrets and demo passwords change).");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Identity: the development seed could not be written to '{path}' ({ex.Message}); point Identity:DevelopmentDirectory to a writable place.", ex);
        }
    }

    private static string Encode(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
