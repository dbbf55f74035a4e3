using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lgsp.Cli.Output;

/// <summary>How JSON values of the contract read in a table.</summary>
internal static class Show
{
    public const string None = "—";

    /// <summary>A string as is, null as a dash, anything else as compact JSON.</summary>
    public static string Value(JsonNode? node) => node switch
    {
        null => None,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    /// <summary>A value in a change (<c>from → to</c>): strings quoted, so "" and null stay apart.</summary>
    public static string Json(JsonNode? node) => node is null ? "null" : node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static bool? Flag(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    /// <summary>A value of the contract named in Vietnamese too (<see cref="Terms"/>).</summary>
    public static string Term(Terms.Of field, JsonNode? node) => Terms.Name(field, node);

    public static string YesNo(JsonNode? node) => Flag(node) switch
    {
        true => "có / yes",
        false => "KHÔNG / no",
        null => None,
    };

    /// <summary>
    /// An instant in Vietnam's time with its offset (<c>2026-12-07 22:13:50 +07:00</c>), to the second, whatever offset
    /// the hub wrote it in (the console shows the same); anything that is not an instant as <see cref="Value"/>.
    /// </summary>
    public static string When(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? VietnamTime.Format(at)
            : Value(node);

    public static string Number(JsonNode? node, string format = "0.#") =>
        node is JsonValue v && v.TryGetValue<double>(out var d) ? d.ToString(format, CultureInfo.InvariantCulture) : None;

    public static string List(JsonNode? node) => node is JsonArray a ? string.Join(' ', a.Select(Value)) : Value(node);

    /// <summary>Every leaf of an object as <c>dotted.path = value</c>, in the hub's order.</summary>
    public static IEnumerable<(string Path, string Value)> Flatten(JsonNode? node, string prefix = "")
    {
        if (node is JsonObject o && o.Count > 0)
        {
            foreach (var (key, child) in o)
            {
                foreach (var leaf in Flatten(child, prefix.Length == 0 ? key : prefix + "." + key))
                {
                    yield return leaf;
                }
            }
        }
        else
        {
            yield return (prefix, Value(node));
        }
    }
}
