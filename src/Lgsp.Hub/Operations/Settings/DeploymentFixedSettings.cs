using System.Collections.Frozen;
using System.Reflection;
using Lgsp.Adapters.Sdk.Options;

namespace Lgsp.Hub.Operations.Settings;

/// <summary>
/// The settings of each adapter that the deployment fixes (<see cref="FixedByDeploymentAttribute"/>: the names of its
/// secrets, key files and trust anchors), as configuration keys relative to the adapter's section
/// (<c>CredentialsSecret</c>, <c>TrustedCertificatePath</c>). The runtime layer always takes them from the files, the
/// control API refuses to change them and stores no version of them.
/// </summary>
internal sealed class DeploymentFixedSettings
{
    private readonly FrozenDictionary<string, string[]> _keys;

    public DeploymentFixedSettings(IEnumerable<UpstreamSettingsType> types)
    {
        _keys = types.GroupBy(t => t.Source, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.SelectMany(t => KeysOf(t.OptionsType)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Nothing fixed (a layer without adapters, in tests).</summary>
    public static DeploymentFixedSettings None { get; } = new([]);

    /// <summary>The fixed keys of one document (none for access rights).</summary>
    public IReadOnlyList<string> KeysOf(string kind, string name) =>
        kind == SettingsKinds.Adapter ? _keys.GetValueOrDefault(name) ?? [] : [];

    /// <summary>Whether <paramref name="key"/> (relative to the document) is, or lies under, a fixed setting.</summary>
    public bool IsFixed(string kind, string name, string key) =>
        KeysOf(kind, name).Any(f => string.Equals(key, f, StringComparison.OrdinalIgnoreCase)
            || key.StartsWith(f + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase));

    /// <summary>The fixed keys an options type declares, nested ones with their path (<c>Tls:KeyPath</c>).</summary>
    public static IEnumerable<string> KeysOf(Type type) => KeysOf(type, null, 0);

    private static IEnumerable<string> KeysOf(Type type, string? prefix, int depth)
    {
        if (depth > 8)
        {
            yield break;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length != 0)
            {
                continue;
            }

            var key = prefix is null ? property.Name : ConfigurationPath.Combine(prefix, property.Name);
            if (property.GetCustomAttribute<FixedByDeploymentAttribute>() is not null)
            {
                yield return key;
                continue;
            }

            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (target.IsClass && target != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(target) && target.Namespace?.StartsWith("System", StringComparison.Ordinal) != true)
            {
                foreach (var nested in KeysOf(target, key, depth + 1))
                {
                    yield return nested;
                }
            }
        }
    }
}
