using System.Globalization;
using System.Text.Json.Nodes;

namespace Lgsp.Hub.Operations.Settings;

/// <summary>
/// A JSON merge patch (RFC 7396) applied to flat keys: null removes a key and everything under it, an object merges, any
/// other value replaces (a list is replaced whole). Names match case-insensitively; known ones take the options' own
/// spelling so the stored keys read like the configuration files.
/// </summary>
internal static class SettingsMergePatch
{
    public static Dictionary<string, string> Apply(SettingsNode root, IReadOnlyDictionary<string, string> settings, JsonObject patch)
    {
        var result = new Dictionary<string, string>(settings, StringComparer.OrdinalIgnoreCase);
        Apply(result, patch, [], root);
        return result;
    }

    private static void Apply(Dictionary<string, string> result, JsonObject patch, List<string> prefix, SettingsNode? node)
    {
        foreach (var (name, value) in patch)
        {
            var child = node?.Child(name);
            var path = new List<string>(prefix) { node?.Kind == SettingsNodeKind.Object && child?.Name is { } own ? own : name };
            var key = string.Join(ConfigurationPath.KeyDelimiter, path);
            if (value is JsonObject inner)
            {
                if (result.ContainsKey(key))
                {
                    result.Remove(key); // a value replaced by a group
                }

                Apply(result, inner, path, child);
                continue;
            }

            Remove(result, key);
            switch (value)
            {
                case null:
                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (array[i] is { } item)
                        {
                            result[key + ConfigurationPath.KeyDelimiter + i.ToString(CultureInfo.InvariantCulture)] = Text(item);
                        }
                    }

                    break;
                default:
                    result[key] = Text(value);
                    break;
            }
        }
    }

    private static void Remove(Dictionary<string, string> settings, string key)
    {
        foreach (var existing in settings.Keys.Where(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)
            || k.StartsWith(key + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            settings.Remove(existing);
        }
    }

    private static string Text(JsonNode value) => value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString();
}
