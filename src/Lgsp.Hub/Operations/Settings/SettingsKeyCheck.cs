using System.Globalization;
using Lgsp.Adapters.Sdk.Options;

namespace Lgsp.Hub.Operations.Settings;

/// <summary>
/// The first check of a candidate document, before any validator: every key must be a setting of the document's options
/// types, and every value must read as its setting's type. What passes is handed to the validators.
/// </summary>
internal static class SettingsKeyCheck
{
    /// <returns>The failures (keys relative to the document) and the settings that passed.</returns>
    public static (List<SettingFailure> Failures, Dictionary<string, string> Readable) Check(SettingsNode root, string document, IReadOnlyDictionary<string, string> settings)
    {
        var failures = new List<SettingFailure>();
        var readable = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in settings.OrderBy(k => k.Key, StringComparer.OrdinalIgnoreCase))
        {
            SettingsNode? node = root;
            var path = new List<string>();
            foreach (var segment in key.Split(ConfigurationPath.KeyDelimiter))
            {
                path.Add(segment);
                var next = node.Child(segment);
                if (next is null || (node.Kind == SettingsNodeKind.List && !int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                {
                    failures.Add(new SettingFailure(string.Join(ConfigurationPath.KeyDelimiter, path), SettingReasons.UnknownSetting, document, string.Join('.', path)));
                    node = null;
                    break;
                }

                node = next;
            }

            if (node is null)
            {
                continue;
            }

            var at = string.Join(ConfigurationPath.KeyDelimiter, path);
            if (node.Kind != SettingsNodeKind.Leaf)
            {
                failures.Add(new SettingFailure(at, SettingReasons.GroupNotValue));
            }
            else if (!SettingValues.Converts(node.Type, value))
            {
                failures.Add(new SettingFailure(at, SettingReasons.WrongType, SettingValues.TypeName(node.Type)));
            }
            else
            {
                readable[key] = value;
            }
        }

        return (failures, readable);
    }
}
