using System.Globalization;
using System.Text.Json.Nodes;

namespace Lgsp.Hub.Operations.Settings;

/// <summary>Flat configuration keys → typed JSON for the API (camelCase names, numbers and booleans as such, lists as arrays).</summary>
internal static class SettingsJson
{
    public static JsonObject ToJson(SettingsNode root, IReadOnlyDictionary<string, string> settings)
    {
        var json = new JsonObject();
        foreach (var (key, value) in settings.OrderBy(k => k.Key, StringComparer.OrdinalIgnoreCase))
        {
            var segments = key.Split(ConfigurationPath.KeyDelimiter);
            SettingsNode? node = root;
            var target = json;
            for (var i = 0; i < segments.Length; i++)
            {
                var inObject = node?.Kind is SettingsNodeKind.Object or null;
                var name = inObject ? SettingsSchema.CamelCase(node?.Children?.GetValueOrDefault(segments[i]) is { } known ? known.Name ?? segments[i] : segments[i]) : segments[i];
                node = node?.Child(segments[i]);
                if (i == segments.Length - 1)
                {
                    target[name] = SettingValues.Typed(node?.Kind == SettingsNodeKind.Leaf ? node.Type : typeof(string), value);
                }
                else
                {
                    if (target[name] is not JsonObject child)
                    {
                        target[name] = child = new JsonObject();
                    }

                    target = child;
                }
            }
        }

        return (JsonObject)Shape(json, root);
    }

    /// <summary>Lists come out of flat keys as objects keyed 0, 1, …: make them arrays again.</summary>
    private static JsonNode Shape(JsonNode node, SettingsNode? schema)
    {
        if (node is not JsonObject obj)
        {
            return node;
        }

        if (schema?.Kind == SettingsNodeKind.List)
        {
            var items = obj.OrderBy(p => int.TryParse(p.Key, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue)
                .Select(p => p.Value is null ? null : Shape(p.Value.DeepClone(), schema.Element)).ToArray();
            return new JsonArray(items);
        }

        var shaped = new JsonObject();
        foreach (var (key, value) in obj)
        {
            shaped[key] = value is null ? null : Shape(value.DeepClone(), schema?.Child(key));
        }

        return shaped;
    }
}
