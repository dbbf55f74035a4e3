using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Microsoft.Extensions.Configuration;

/// <summary>
/// The operator-edited defaults of <c>config/</c> (sources, clients and access rights, topics; never secrets) are
/// plain configuration: every <c>*.json</c> file there, in name order, layered above <c>appsettings*.json</c> and
/// below environment variables and the command line, so a deployment can still override any key.
/// </summary>
internal static class ConfigFolderExtensions
{
    /// <summary>Environment variable (or configuration key <c>ConfigDirectory</c>) naming the folder.</summary>
    public const string EnvironmentVariable = "LGSP_CONFIG_DIR";

    public static ConfigurationManager AddLgspConfigFolder(this ConfigurationManager configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var folder = Resolve(configuration["ConfigDirectory"] ?? Environment.GetEnvironmentVariable(EnvironmentVariable), contentRoot);
        if (folder is null)
        {
            return configuration;
        }

        var provider = new PhysicalFileProvider(folder);
        var sources = Directory.GetFiles(folder, "*.json")
            .Order(StringComparer.Ordinal)
            .Select(path => new JsonConfigurationSource
            {
                FileProvider = provider,
                Path = Path.GetFileName(path),
                Optional = false,
                ReloadOnChange = true,
            })
            .ToList();

        // Insert just before the first environment-variable source, so env and command line still win.
        var list = ((IConfigurationBuilder)configuration).Sources;
        var index = list.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
        if (index < 0)
        {
            index = list.Count;
        }

        foreach (var source in sources)
        {
            list.Insert(index++, source);
        }

        return configuration;
    }

    /// <summary>
    /// The folder named by the setting, else <c>config/</c> under the content root (a published hub), else the
    /// repository's <c>config/</c> two levels up (running from <c>src/Lgsp.Hub</c>); null when none exists.
    /// </summary>
    internal static string? Resolve(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var full = Path.GetFullPath(configured, contentRoot);
            return Directory.Exists(full)
                ? full
                : throw new DirectoryNotFoundException($"{EnvironmentVariable} / ConfigDirectory names '{full}', which does not exist.");
        }

        return new[] { Path.Combine(contentRoot, "config"), Path.Combine(contentRoot, "..", "..", "config") }
            .Select(Path.GetFullPath)
            .FirstOrDefault(Directory.Exists);
    }
}
