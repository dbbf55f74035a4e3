using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;

namespace Lgsp.Hub.Operations.Settings;

/// <summary>
/// The configuration the adapters are bound from: the <c>Adapters</c> section of the hub's configuration (files,
/// environment, command line), except that a source an operator changed takes its whole section from its latest
/// stored version instead. A stored version is complete (every key of the section), so an operator's change can also
/// remove a key the files set (a rate limit turned off), and a rollback restores a version exactly. Version 0 means
/// "the files": rolling back to it makes the files rule the source again.
/// Changes raise the configuration's reload token, so the options monitors rebuild the source's pipeline and base
/// address for the next call; a call in flight keeps what it started with.
/// </summary>
internal sealed class RuntimeAdapterSettings
{
    public const string Section = "Adapters";

    private readonly IConfiguration _files;
    private readonly Provider _provider;
    private FrozenDictionary<string, AdapterVersion> _versions = FrozenDictionary<string, AdapterVersion>.Empty;

    private RuntimeAdapterSettings(IConfiguration files)
    {
        _files = files;
        _provider = new Provider(this);
        Configuration = new ConfigurationBuilder().Add(new Source(_provider)).Build();
        ChangeToken.OnChange(files.GetReloadToken, _provider.Reload);
    }

    /// <summary>What the adapters bind: only the <c>Adapters</c> section, as the files and the operators make it.</summary>
    public IConfigurationRoot Configuration { get; }

    /// <summary>The settings layer over <paramref name="files"/> (the hub's whole configuration; only <c>Adapters</c> is read, live).</summary>
    public static RuntimeAdapterSettings Over(IConfiguration files) => new(files);

    /// <summary>The latest stored version of <paramref name="source"/>; null when no operator ever changed it (version 0).</summary>
    public AdapterVersion? Current(string source) => _versions.GetValueOrDefault(source);

    /// <summary>The section as the configuration files (and environment) give it, flat keys relative to the section.</summary>
    public IReadOnlyDictionary<string, string> FileSettings(string source)
    {
        var section = _files.GetSection(Section).GetChildren().FirstOrDefault(c => string.Equals(c.Key, source, StringComparison.OrdinalIgnoreCase));
        var flat = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (section is not null)
        {
            foreach (var (key, value) in section.AsEnumerable(makePathsRelative: true))
            {
                if (value is not null)
                {
                    flat[key] = value;
                }
            }
        }

        // A section that also has children reads as "" from some providers; only leaves are settings.
        foreach (var parent in flat.Where(f => f.Value.Length == 0).Select(f => f.Key).ToList())
        {
            if (flat.Keys.Any(k => k.StartsWith(parent + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase)))
            {
                flat.Remove(parent);
            }
        }

        return flat;
    }

    /// <summary>The section in force: the latest stored version's, or the files'.</summary>
    public IReadOnlyDictionary<string, string> EffectiveSettings(string source) =>
        Current(source)?.Settings ?? FileSettings(source);

    /// <summary>
    /// Puts the latest stored version of each source in force (sources absent: the files). Reloads only when a version
    /// differs from what is in force, so polling with nothing new costs nothing downstream.
    /// </summary>
    public bool Apply(IEnumerable<AdapterVersion> latest)
    {
        var next = latest.ToFrozenDictionary(v => v.Source, StringComparer.OrdinalIgnoreCase);
        var current = _versions;
        if (next.Count == current.Count && next.All(n => current.TryGetValue(n.Key, out var c) && c.Version == n.Value.Version))
        {
            return false;
        }

        // The configuration first, the versions after: whoever sees the new version also gets the new options.
        _provider.Reload(next);
        _versions = next;
        return true;
    }

    private Dictionary<string, string?> Snapshot(FrozenDictionary<string, AdapterVersion> versions)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in _files.GetSection(Section).AsEnumerable())
        {
            var parts = key.Split(ConfigurationPath.KeyDelimiter, 3);
            if (value is null || parts.Length < 3 || (versions.TryGetValue(parts[1], out var stored) && stored.Settings is not null))
            {
                continue;
            }

            data[key] = value;
        }

        foreach (var version in versions.Values)
        {
            if (version.Settings is null)
            {
                continue;
            }

            foreach (var (key, value) in version.Settings)
            {
                data[ConfigurationPath.Combine(Section, version.Source, key)] = value;
            }
        }

        return data;
    }

    private sealed class Provider(RuntimeAdapterSettings owner) : ConfigurationProvider
    {
        public override void Load() => Data = owner.Snapshot(owner._versions);

        /// <summary>The files changed: same versions, new files.</summary>
        public void Reload() => Reload(owner._versions);

        public void Reload(FrozenDictionary<string, AdapterVersion> versions)
        {
            Data = owner.Snapshot(versions);
            OnReload();
        }
    }

    private sealed class Source(Provider provider) : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => provider;
    }
}

/// <summary>A stored version in force: its number, the whole section (null: back to the files), and who made it, when and why.</summary>
internal sealed record AdapterVersion(
    string Source, int Version, IReadOnlyDictionary<string, string>? Settings, string Action, DateTimeOffset ChangedAt, string ChangedBy, string Reason);
