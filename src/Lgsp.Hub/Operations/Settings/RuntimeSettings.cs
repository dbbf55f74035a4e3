using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;

namespace Lgsp.Hub.Operations.Settings;

/// <summary>
/// What operators may change at runtime, each a "document": one subtree of the configuration, versioned on its own.
/// </summary>
internal static class SettingsKinds
{
    /// <summary>An adapter's section, <c>Adapters:&lt;source&gt;</c>.</summary>
    public const string Adapter = "adapter";

    /// <summary>A client's access rights, <c>Gateway:AccessRights:&lt;client_id&gt;</c>.</summary>
    public const string AccessRights = "access-rights";

    /// <summary>A maintenance window, <c>Maintenance:hub</c> (the whole hub) or <c>Maintenance:&lt;agency code&gt;</c> (that agency's clients).</summary>
    public const string Maintenance = "maintenance";

    public static readonly string[] All = [Adapter, AccessRights, Maintenance];

    public static string SectionOf(string kind) => kind switch
    {
        Adapter => "Adapters",
        AccessRights => "Gateway:AccessRights",
        Maintenance => "Maintenance",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind of settings."),
    };

    /// <summary>The configuration path of one document: <c>Adapters:business</c>, <c>Gateway:AccessRights:provincial-portal</c>.</summary>
    public static string PathOf(string kind, string name) => ConfigurationPath.Combine(SectionOf(kind), name);
}

/// <summary>
/// The configuration the adapters and the gateway are bound from: the <c>Adapters</c> and <c>Gateway</c> sections of the
/// hub's configuration (files, environment, command line), except that a document an operator changed (an adapter's
/// section, a client's access rights) is taken whole from its latest stored version. A stored version is complete, so
/// an operator's change can also remove a key the files set (a rate limit turned off, a purpose withdrawn), and a
/// rollback restores a version exactly. Version 0 means "the files": rolling back to it gives the document back to them.
/// Changes raise the configuration's reload token, so the options monitors rebuild an adapter's pipeline and base
/// address for the next call (a call in flight keeps what it started with) and the access rights are re-read.
/// Settings the deployment fixes (<see cref="DeploymentFixedSettings"/>: names of secrets, key files, trust anchors) are
/// always the files', whatever a stored version holds.
/// </summary>
internal sealed class RuntimeSettings
{
    private static readonly string[] Roots = ["Adapters", "Gateway", "Maintenance"];

    private readonly IConfiguration _files;
    private readonly Provider _provider;
    private FrozenDictionary<(string Kind, string Name), SettingsVersion> _versions = Empty();
    private DeploymentFixedSettings _fixed = DeploymentFixedSettings.None;

    private RuntimeSettings(IConfiguration files)
    {
        _files = files;
        _provider = new Provider(this);
        Configuration = new ConfigurationBuilder().Add(new Source(_provider)).Build();
        ChangeToken.OnChange(files.GetReloadToken, _provider.Reload);
    }

    /// <summary>What the adapters and the gateway bind: the <c>Adapters</c> and <c>Gateway</c> sections, as the files and the operators make them.</summary>
    public IConfigurationRoot Configuration { get; }

    /// <summary>The settings layer over <paramref name="files"/> (the hub's whole configuration; only its two sections are read, live).</summary>
    public static RuntimeSettings Over(IConfiguration files) => new(files);

    /// <summary>The settings the deployment fixes; set once the adapters are known, before any stored version is applied.</summary>
    public DeploymentFixedSettings Fixed
    {
        get => _fixed;
        set
        {
            _fixed = value;
            _provider.Reload();
        }
    }

    /// <summary>The latest stored version of a document; null when no operator ever changed it (version 0).</summary>
    public SettingsVersion? Current(string kind, string name) => _versions.GetValueOrDefault((kind, name.ToLowerInvariant()));

    /// <summary>The versions in force as one object: a new one after every change (compare by reference to notice it).</summary>
    public object VersionsInForce => _versions;

    /// <summary>Every document of <paramref name="kind"/> the files or a stored version name (lower case).</summary>
    public IReadOnlyList<string> Names(string kind) =>
        [.. _versions.Keys.Where(k => k.Kind == kind).Select(k => k.Name)
            .Concat(_files.GetSection(SettingsKinds.SectionOf(kind)).GetChildren().Select(c => c.Key.ToLowerInvariant()))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The document as the configuration files (and environment) give it, flat keys relative to its path.</summary>
    public IReadOnlyDictionary<string, string> FileSettings(string kind, string name)
    {
        var section = _files.GetSection(SettingsKinds.SectionOf(kind)).GetChildren()
            .FirstOrDefault(c => string.Equals(c.Key, name, StringComparison.OrdinalIgnoreCase));
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

    /// <summary>The document in force: the latest stored version's, or the files'; the fixed settings always the files'.</summary>
    public IReadOnlyDictionary<string, string> EffectiveSettings(string kind, string name)
    {
        var files = FileSettings(kind, name);
        if (Current(kind, name)?.Settings is not { } stored)
        {
            return files;
        }

        var fixedKeys = _fixed;
        var effective = stored.Where(s => !fixedKeys.IsFixed(kind, name, s.Key))
            .Concat(files.Where(f => fixedKeys.IsFixed(kind, name, f.Key)))
            .ToDictionary(s => s.Key, s => s.Value, StringComparer.OrdinalIgnoreCase);
        return effective;
    }

    /// <summary>
    /// Puts the latest stored version of each document in force (documents absent: the files). Reloads only when a
    /// version differs from what is in force, so polling with nothing new costs nothing downstream.
    /// </summary>
    public bool Apply(IEnumerable<SettingsVersion> latest)
    {
        var next = latest.ToFrozenDictionary(v => (v.Kind, v.Name.ToLowerInvariant()));
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

    private static FrozenDictionary<(string, string), SettingsVersion> Empty() => FrozenDictionary<(string, string), SettingsVersion>.Empty;

    private Dictionary<string, string?> Snapshot(FrozenDictionary<(string Kind, string Name), SettingsVersion> versions)
    {
        var fixedKeys = _fixed;
        var replaced = versions.Values.Where(v => v.Settings is not null)
            .Select(v => (v.Kind, v.Name, Prefix: SettingsKinds.PathOf(v.Kind, v.Name) + ConfigurationPath.KeyDelimiter))
            .ToList();
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var root in Roots)
        {
            foreach (var (key, value) in _files.GetSection(root).AsEnumerable())
            {
                // A stored version replaces its document, except what the deployment fixes.
                if (value is not null && !replaced.Any(r => key.StartsWith(r.Prefix, StringComparison.OrdinalIgnoreCase)
                    && !fixedKeys.IsFixed(r.Kind, r.Name, key[r.Prefix.Length..])))
                {
                    data[key] = value;
                }
            }
        }

        foreach (var version in versions.Values)
        {
            foreach (var (key, value) in version.Settings ?? FrozenDictionary<string, string>.Empty)
            {
                if (!fixedKeys.IsFixed(version.Kind, version.Name, key))
                {
                    data[ConfigurationPath.Combine(SettingsKinds.PathOf(version.Kind, version.Name), key)] = value;
                }
            }
        }

        return data;
    }

    private sealed class Provider(RuntimeSettings owner) : ConfigurationProvider
    {
        public override void Load() => Data = owner.Snapshot(owner._versions);

        /// <summary>The files changed: same versions, new files.</summary>
        public void Reload() => Reload(owner._versions);

        public void Reload(FrozenDictionary<(string Kind, string Name), SettingsVersion> versions)
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

/// <summary>A stored version in force: its number, the whole document (null: back to the files), and who made it, when and why.</summary>
internal sealed record SettingsVersion(
    string Kind, string Name, int Version, IReadOnlyDictionary<string, string>? Settings, string Action, DateTimeOffset ChangedAt, string ChangedBy, string Reason);
