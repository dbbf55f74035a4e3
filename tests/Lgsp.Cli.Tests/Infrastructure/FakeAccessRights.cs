using System.Text.Json.Nodes;

namespace Lgsp.Cli.Tests.Infrastructure;

/// <summary>
/// The access rights of the fake hub's clients, as OPERATIONS-API.md says: versions per client (0 = the files),
/// ETag / If-Match (428 without, 409 with <c>currentVersion</c> on a stale one), a required reason, a merge patch whose
/// lists replace whole, history newest first with leaf diffs, rollback as a new version. Two clients:
/// <c>provincial-portal</c> at version 2 and <c>lgsp-cli</c> at version 0 without rights.
/// </summary>
public sealed class FakeAccessRights
{
    private const string Prefix = "/admin/v1/clients/";
    private const string Suffix = "/access-rights";
    private static readonly string[] KnownSources = ["business", "population", "land", "insurance", "civilregistry"];

    private readonly Dictionary<string, List<RightsVersion>> _clients = new(StringComparer.Ordinal)
    {
        ["provincial-portal"] =
        [
            new(0, "files", null, null, null, null, JsonNode.Parse("""
                { "agencyCode": "000.00.01.H56", "services": { "business": { "purposes": ["*"] } } }
                """)!.AsObject()),
            new(1, "change", "2026-11-20T09:00:00+07:00", "quantri.demo", "Thêm bảo hiểm", null, JsonNode.Parse("""
                { "agencyCode": "000.00.01.H56", "services": { "business": { "purposes": ["*"] },
                                                             "insurance": { "purposes": ["1.001193"] } } }
                """)!.AsObject()),
            new(2, "change", "2026-11-24T20:01:02+07:00", "lgsp-cli", "Giới hạn trường theo công văn 45", null, JsonNode.Parse("""
                { "agencyCode": "000.00.01.H56", "services": { "business": { "purposes": ["*"] },
                                                             "insurance": { "purposes": ["1.001193"], "fields": ["name", "insuranceCode"] } } }
                """)!.AsObject()),
        ],
        ["lgsp-cli"] = [new(0, "files", null, null, null, null, [])],
    };

    public long VersionOf(string clientId) => _clients[clientId][^1].Version;

    public JsonObject RightsOf(string clientId) => (JsonObject)_clients[clientId][^1].Rights.DeepClone();

    /// <summary>The answer to an access-rights request, or null when <paramref name="r"/> is not one.</summary>
    internal Answer? Route(Recorded r)
    {
        if (r.Method == "GET" && r.Path.StartsWith(Prefix, StringComparison.Ordinal) && r.Path.EndsWith("/usage", StringComparison.Ordinal))
        {
            var id = Uri.UnescapeDataString(r.Path[Prefix.Length..^"/usage".Length]);
            return _clients.TryGetValue(id, out var held) ? Usage(id, held[^1].Rights) : FakeHub.Problem(404, "client.not_found", "Không tìm thấy client.", "No such client.");
        }

        if (!r.Path.StartsWith(Prefix, StringComparison.Ordinal) || r.Path.IndexOf(Suffix, StringComparison.Ordinal) is var at && at < 0)
        {
            return null;
        }

        var clientId = Uri.UnescapeDataString(r.Path[Prefix.Length..at]);
        var rest = r.Path[(at + Suffix.Length)..];
        if (!_clients.TryGetValue(clientId, out var versions))
        {
            return FakeHub.Problem(404, "client.not_found", "Không tìm thấy client.", "No such client.");
        }

        return (r.Method, rest) switch
        {
            ("GET", "") => Current(clientId, versions),
            ("GET", "/history") => History(clientId, versions),
            ("PATCH", "") => Change(r, clientId, versions, rollback: false),
            ("POST", "/rollback") => Change(r, clientId, versions, rollback: true),
            _ => FakeHub.Problem(404, "client.not_found", "Không tìm thấy.", "Not found."),
        };
    }

    /// <summary>Today's figures: each granted source's limits in force, 12 calls counted, 3 refused by rate and 1 by the daily quota.</summary>
    private static Answer Usage(string clientId, JsonObject rights)
    {
        var sources = new JsonArray();
        foreach (var (source, service) in rights["services"] as JsonObject ?? [])
        {
            sources.Add(new JsonObject
            {
                ["source"] = source, ["granted"] = true, ["rateLimit"] = service?["rateLimit"]?.DeepClone(), ["dailyQuota"] = service?["dailyQuota"]?.DeepClone(),
                ["used"] = 12, ["refused"] = new JsonObject { ["rate"] = 3, ["concurrency"] = 0, ["dailyQuota"] = 1 },
            });
        }

        return FakeHub.Json(200, new JsonObject { ["clientId"] = clientId, ["day"] = "2026-11-25", ["sources"] = sources });
    }

    private static Answer Current(string clientId, List<RightsVersion> versions)
    {
        var v = versions[^1];
        var body = new JsonObject
        {
            ["clientId"] = clientId, ["version"] = v.Version, ["origin"] = v.Version == 0 ? "files" : "operator",
            ["changedAt"] = v.At, ["changedBy"] = v.By, ["reason"] = v.Reason, ["accessRights"] = v.Rights.DeepClone(),
        };
        return FakeHub.Json(200, body, ETagOf(v.Version));
    }

    private static Answer History(string clientId, List<RightsVersion> versions)
    {
        var items = new JsonArray();
        for (var i = versions.Count - 1; i >= 0; i--)
        {
            var v = versions[i];
            var changes = i == 0 ? [] : Diff(versions[i - 1].Rights, v.Rights);
            items.Add(new JsonObject
            {
                ["version"] = v.Version, ["action"] = v.Action, ["at"] = v.At, ["by"] = v.By, ["reason"] = v.Reason,
                ["rolledBackTo"] = v.RolledBackTo, ["changes"] = new JsonArray([.. changes]),
            });
        }

        return FakeHub.Json(200, new JsonObject { ["clientId"] = clientId, ["currentVersion"] = versions[^1].Version, ["items"] = items });
    }

    private static Answer Change(Recorded r, string clientId, List<RightsVersion> versions, bool rollback)
    {
        var current = versions[^1];
        if (r.IfMatch is null)
        {
            return FakeHub.Problem(428, "client.precondition_required", "Thiếu If-Match.", "If-Match is required.");
        }

        if (r.IfMatch != ETagOf(current.Version))
        {
            var conflict = FakeHub.ProblemBody(409, "client.conflict", "Quyền truy cập đã bị thay đổi.", "The access rights were changed since your version.");
            conflict["currentVersion"] = current.Version;
            return FakeHub.Json(409, conflict, contentType: "application/problem+json");
        }

        var body = r.Json as JsonObject ?? [];
        var errors = new List<(string, string, string, string)>();
        var reason = body["reason"] is JsonValue text && text.TryGetValue<string>(out var s) && s.Trim().Length > 0 ? s : null;
        if (reason is null)
        {
            errors.Add(("reason", "reason.required", "Cần lý do.", "A reason is required."));
        }

        JsonObject rights;
        long? rolledBackTo = null;
        if (rollback)
        {
            var to = body["toVersion"] is JsonValue t && t.TryGetValue<long>(out var n) ? versions.FirstOrDefault(v => v.Version == n) : null;
            if (to is null)
            {
                errors.Add(("toVersion", "version.unknown", "Không có phiên bản này.", "No such version."));
            }

            rolledBackTo = to?.Version;
            rights = (JsonObject)(to?.Rights ?? current.Rights).DeepClone();
        }
        else
        {
            rights = (JsonObject)current.Rights.DeepClone();
            if (body["changes"] is JsonObject patch)
            {
                Merge(rights, patch);
            }
            else
            {
                errors.Add(("changes", "changes.required", "Cần thay đổi.", "Changes are required."));
            }

            foreach (var (source, service) in rights["services"] as JsonObject ?? [])
            {
                if (!KnownSources.Contains(source))
                {
                    errors.Add(($"services.{source}", "source.unknown", "Không có nguồn này.", "No such source."));
                }
                else if (service?["purposes"] is not JsonArray { Count: > 0 })
                {
                    errors.Add(($"services.{source}.purposes", "purposes.required", "Cần ít nhất một mục đích.", "At least one purpose is needed."));
                }
            }
        }

        if (errors.Count > 0)
        {
            return FakeHub.Problem(400, "client.validation_failed", "Dữ liệu không hợp lệ.", "Validation failed.", [.. errors]);
        }

        versions.Add(new(current.Version + 1, rollback ? "rollback" : "change", "2026-11-25T08:00:00+07:00", "lgsp-cli", reason, rolledBackTo, rights));
        return Current(clientId, versions);
    }

    /// <summary>RFC 7396: null removes, an object merges, anything else (lists included) replaces.</summary>
    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject child)
            {
                if (target[key] is not JsonObject existing)
                {
                    existing = [];
                    target[key] = existing;
                }

                Merge(existing, child);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    private static IEnumerable<JsonNode> Diff(JsonObject before, JsonObject after)
    {
        var from = Leaves(before, "");
        var to = Leaves(after, "");
        foreach (var path in from.Keys.Union(to.Keys).Order(StringComparer.Ordinal))
        {
            var a = from.GetValueOrDefault(path);
            var b = to.GetValueOrDefault(path);
            if (!JsonNode.DeepEquals(a, b))
            {
                yield return new JsonObject { ["path"] = path, ["from"] = a?.DeepClone(), ["to"] = b?.DeepClone() };
            }
        }
    }

    private static Dictionary<string, JsonNode?> Leaves(JsonObject node, string prefix)
    {
        var leaves = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in node)
        {
            var path = prefix + key;
            if (value is JsonObject child)
            {
                foreach (var leaf in Leaves(child, path + "."))
                {
                    leaves[leaf.Key] = leaf.Value;
                }
            }
            else
            {
                leaves[path] = value;
            }
        }

        return leaves;
    }

    private static string ETagOf(long version) => $"\"{version}\"";

    private sealed record RightsVersion(long Version, string Action, string? At, string? By, string? Reason, long? RolledBackTo, JsonObject Rights);
}
