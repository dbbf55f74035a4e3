using System.Text.Json.Nodes;
using Lgsp.Cli.Changes;
using Lgsp.Cli.Hub;

namespace Lgsp.Cli.Clients;

/// <summary>What <c>clients rights set</c> was asked to change, as typed on the command line.</summary>
internal sealed record AccessRightsChanges(
    string? Agency = null,
    IReadOnlyList<string>? Grants = null,
    IReadOnlyList<string>? Fields = null,
    IReadOnlyList<string>? AllFields = null,
    IReadOnlyList<string>? Revokes = null,
    IReadOnlyList<string>? Sets = null);

/// <summary>
/// Builds the JSON merge patch (RFC 7396) of a client's access rights from <see cref="AccessRightsChanges"/>:
/// <c>agencyCode</c>; <c>services.&lt;source&gt;.purposes</c> and <c>.fields</c> as whole lists (the hub replaces lists);
/// <c>fields: null</c> for the whole record; <c>services.&lt;source&gt;: null</c> to withdraw a source; then each
/// <c>--set</c> in order (a later one wins). Contradictions (one source granted and revoked, given fields and the whole
/// record, given twice) are refused, every problem at once. The hub checks the values (agency code, sources, purposes).
/// </summary>
internal static class AccessRightsPatch
{
    public const string AnyPurpose = "*";

    public static JsonObject Build(AccessRightsChanges changes)
    {
        var patch = MergePatch.NewObject();
        var errors = new List<string>();

        if (changes.Agency is { } agency)
        {
            if (agency.Trim().Length == 0 || agency.Trim() != agency)
            {
                errors.Add($"--agency: mã cơ quan không được trống hay có khoảng trắng thừa / an agency code is neither empty nor padded: '{agency}'");
            }
            else
            {
                patch["agencyCode"] = agency;
            }
        }

        // Sources compare case-insensitively, as the hub reads keys.
        var granted = Assignments("--grant", changes.Grants, errors);
        var fields = Assignments("--fields", changes.Fields, errors);
        var allFields = Sources("--all-fields", changes.AllFields, errors);
        var revoked = Sources("--revoke", changes.Revokes, errors);

        foreach (var (source, purposes) in granted)
        {
            if (purposes.Contains(AnyPurpose, StringComparer.Ordinal) && purposes.Count > 1)
            {
                errors.Add($"--grant {source}: '*' đã là mọi mục đích, không kèm mục đích khác / '*' already means any purpose, give it alone");
            }

            MergePatch.Set(patch, ["services", source, "purposes"], new JsonArray([.. purposes.Select(p => (JsonNode)p)]));
        }

        foreach (var (source, list) in fields)
        {
            if (allFields.Contains(source))
            {
                errors.Add($"--fields {source} và/and --all-fields {source}: chỉ dùng một / use one of them");
            }

            MergePatch.Set(patch, ["services", source, "fields"], new JsonArray([.. list.Select(f => (JsonNode)f)]));
        }

        foreach (var source in allFields)
        {
            MergePatch.Set(patch, ["services", source, "fields"], null);
        }

        foreach (var source in revoked)
        {
            var also = new[] { ("--grant", granted.ContainsKey(source)), ("--fields", fields.ContainsKey(source)), ("--all-fields", allFields.Contains(source)) }
                .Where(o => o.Item2).Select(o => o.Item1).ToList();
            if (also.Count > 0)
            {
                errors.Add($"--revoke {source} và/and {string.Join(", ", also)} {source}: không thể vừa thu hồi vừa cấp / cannot both withdraw and grant one source");
            }

            MergePatch.Set(patch, ["services", source], null);
        }

        MergePatch.ApplySets(patch, changes.Sets, errors);

        if (errors.Count > 0)
        {
            throw CliFailure.Usage("Tham số thay đổi quyền truy cập không hợp lệ.", "Invalid access-rights arguments.", errors);
        }

        if (patch.Count == 0)
        {
            throw CliFailure.Usage(
                "Không có gì để thay đổi: dùng --agency, --grant, --fields, --all-fields, --revoke hoặc --set.",
                "Nothing to change: use --agency, --grant, --fields, --all-fields, --revoke or --set.");
        }

        return patch;
    }

    /// <summary>Each <c>source=a,b</c>: one per source (lists replace whole, so two would be ambiguous), no empty item, duplicates dropped.</summary>
    private static Dictionary<string, List<string>> Assignments(string option, IReadOnlyList<string>? texts, List<string> errors)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var text in texts ?? [])
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            var source = equals > 0 ? text[..equals] : "";
            var items = equals > 0 ? text[(equals + 1)..].Split(',') : [];
            if (!IsSource(source) || items.Length == 0 || items.Any(i => i.Trim().Length == 0 || i.Trim() != i))
            {
                errors.Add($"{option}: dạng / form <source>=<a>[,<b>...], không có mục trống / no empty item: '{text}'");
                continue;
            }

            if (!result.TryAdd(source, [.. items.Distinct(StringComparer.Ordinal)]))
            {
                errors.Add($"{option} {source}: đã cho hai lần, gộp vào một / given twice, give the whole list once: {source}=<a>,<b>");
            }
        }

        return result;
    }

    private static HashSet<string> Sources(string option, IReadOnlyList<string>? texts, List<string> errors)
    {
        var result = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in texts ?? [])
        {
            if (IsSource(source))
            {
                result.Add(source);
            }
            else
            {
                errors.Add($"{option}: cần tên nguồn / a source name is needed: '{source}'");
            }
        }

        return result;
    }

    // A source becomes a key of "services": no dot (it would read as a path in error fields), no space, not empty.
    private static bool IsSource(string text) => text.Length > 0 && !text.Any(c => char.IsWhiteSpace(c) || c is '.' or '=' or ',');
}
