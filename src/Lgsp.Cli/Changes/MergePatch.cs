using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lgsp.Cli.Changes;

/// <summary>
/// Building a JSON merge patch (RFC 7396) from the command line: nested keys by path and the generic
/// <c>--set key.path=value</c>, shared by <c>adapters set</c> and <c>clients rights set</c>.
/// </summary>
internal static class MergePatch
{
    // The hub reads keys case-insensitively, so "Retry" and "retry" must land in one object here too.
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = true };

    public static JsonObject NewObject() => new(NodeOptions);

    /// <summary>Sets <paramref name="value"/> at <paramref name="path"/>, making the objects on the way (replacing a non-object).</summary>
    public static void Set(JsonObject patch, IReadOnlyList<string> path, JsonNode? value)
    {
        var parent = patch;
        foreach (var key in path.Take(path.Count - 1))
        {
            if (parent[key] is not JsonObject child)
            {
                child = NewObject();
                parent[key] = child;
            }

            parent = child;
        }

        parent[path[^1]] = value;
    }

    /// <summary>Applies each <c>key.path=value</c> in order (a later one wins); a malformed one goes to <paramref name="errors"/>.</summary>
    public static void ApplySets(JsonObject patch, IEnumerable<string>? sets, List<string> errors)
    {
        foreach (var assignment in sets ?? [])
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            var path = equals > 0 ? assignment[..equals].Split('.') : [];
            if (path.Length == 0 || path.Any(segment => segment.Trim().Length == 0 || segment.Trim() != segment))
            {
                errors.Add($"--set: dạng / form key.path=value: '{assignment}'");
                continue;
            }

            Set(patch, path, ParseValue(assignment[(equals + 1)..]));
        }
    }

    /// <summary>JSON when it reads as JSON (<c>3</c>, <c>true</c>, <c>{"a":1}</c>, <c>null</c> = remove), else the text.</summary>
    public static JsonNode? ParseValue(string text)
    {
        try
        {
            return JsonNode.Parse(text, NodeOptions);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
