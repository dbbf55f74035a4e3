using Microsoft.Extensions.Configuration.Json;

namespace Microsoft.Extensions.Configuration;

internal static class ConfigDirectoryExtensions
{
    /// <summary>The setting naming the folder of operator-edited defaults (the repository's <c>config/</c>).</summary>
    public const string Setting = "ConfigDirectory";

    /// <summary>Where <c>config/</c> is from the hub's content root (<c>src/Lgsp.Hub</c>) in the repository.</summary>
    public const string DefaultRelativePath = "../../config";

    /// <summary>
    /// Adds every <c>NAME.json</c> of the config folder, then <c>NAME.{Environment}.json</c>, ranked above
    /// appsettings but below user secrets, environment variables and the command line, so an operator still overrides any key
    /// (e.g. <c>Identity__Clients__provincial-portal__RedirectUris__0</c>). A folder named by <c>ConfigDirectory</c>
    /// must exist; the default one is optional (a hub deployed without it simply has no clients).
    /// </summary>
    public static ConfigurationManager AddLgspConfigDirectory(this ConfigurationManager configuration, IHostEnvironment environment)
    {
        var configured = configuration[Setting];
        var directory = Path.GetFullPath(configured ?? DefaultRelativePath, environment.ContentRootPath);
        if (!Directory.Exists(directory))
        {
            return configured is null
                ? configuration
                : throw new InvalidOperationException($"{Setting} names '{directory}', which does not exist.");
        }

        var files = Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList();
        var general = files.Where(f => !Path.GetFileNameWithoutExtension(f).Contains('.', StringComparison.Ordinal)).ToList();
        var specific = files.Where(f => Path.GetFileNameWithoutExtension(f).EndsWith("." + environment.EnvironmentName, StringComparison.OrdinalIgnoreCase));
        var sources = general.Concat(specific)
            .Select(f => new ConfigurationBuilder().AddJsonFile(f, optional: false, reloadOnChange: false).Sources[0])
            .ToList();

        // Right after appsettings.{Environment}.json: environment variables, the command line (and a test's settings)
        // still win over the files.
        IList<IConfigurationSource> all = configuration.Sources;
        var position = all.Count;
        for (var i = all.Count - 1; i >= 0; i--)
        {
            if (all[i] is JsonConfigurationSource { Path: { } path } && Path.GetFileName(path).StartsWith("appsettings", StringComparison.OrdinalIgnoreCase))
            {
                position = i + 1;
                break;
            }
        }

        foreach (var source in sources)
        {
            all.Insert(position++, source);
        }

        return configuration;
    }
}
