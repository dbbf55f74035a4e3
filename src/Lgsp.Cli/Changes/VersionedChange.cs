using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Lgsp.Cli.Hub;
using Lgsp.Cli.Output;

namespace Lgsp.Cli.Changes;

/// <summary>
/// What every versioned resource of the control API shares (an adapter's settings, a client's access rights): the
/// <c>--reason</c>, <c>--if-version</c> and <c>--to</c> options, a change under optimistic concurrency and the history table.
/// </summary>
internal static class VersionedChange
{
    public static Option<string> ReasonOption() => new("--reason")
    {
        Description = "Lý do thay đổi (ghi vào lịch sử) / why (kept in the history)",
        Required = true,
        HelpName = "text",
    };

    public static Option<long?> IfVersionOption() => Numbers.Long("--if-version",
        "Chỉ thay đổi nếu vẫn ở phiên bản này (mặc định: phiên bản vừa đọc) / change only if still at this version (default: the one just read)",
        "version");

    public static Option<long?> ToOption()
    {
        var to = Numbers.Long("--to", "Phiên bản muốn quay về (0 = tệp cấu hình) / the version to go back to (0 = the configuration files)", "version");
        to.Required = true;
        return to;
    }

    /// <summary>The body of a rollback, <c>--to</c> checked (a negative version is a usage error).</summary>
    public static JsonObject RollbackBody(long? to, string? reason) => to is { } toVersion and >= 0
        ? new JsonObject { ["toVersion"] = toVersion, ["reason"] = reason }
        : throw CliFailure.Usage("--to: phiên bản không được âm.", "--to: a version is not negative.");

    /// <summary>
    /// A change under optimistic concurrency: <c>If-Match</c> is the version given, or the ETag of the resource read at
    /// <paramref name="path"/> just before; on a conflict the current version is shown so the operator can look again
    /// before retrying.
    /// </summary>
    /// <returns>The hub's answer and the version the change started from (null when unknown).</returns>
    public static async Task<(HubAnswer Answer, long? Before)> SendAsync(
        CliCall call, string path, long? ifVersion, HttpMethod method, string suffix, JsonObject body, CancellationToken ct)
    {
        if (ifVersion < 0)
        {
            throw CliFailure.Usage("--if-version: phiên bản không được âm.", "--if-version: a version is not negative.");
        }

        string etag;
        long? before = ifVersion;
        if (ifVersion is { } version)
        {
            etag = Quote(version);
        }
        else
        {
            var current = await call.Hub.GetAsync(path, ct);
            before = VersionOf(current);
            etag = current.ETag ?? (before is { } b ? Quote(b) : throw new CliFailure(ExitCodes.HubUnavailable,
                "Hub không cho biết phiên bản hiện tại (thiếu ETag).", "The hub did not tell the current version (no ETag)."));
        }

        try
        {
            return (await call.Hub.SendAsync(method, path + suffix, body, etag, ct), before);
        }
        catch (HubProblem problem) when (problem.ExitCode == ExitCodes.Conflict && problem.CurrentVersion is null)
        {
            problem.CurrentVersion = await CurrentVersionAsync(call, path, ct);
            throw;
        }
    }

    /// <summary>"2 → 3", or "3" when the version before is not known.</summary>
    public static string Versions(long? before, JsonNode? after) => $"{(before is null ? "" : $"{before} → ")}{Show.Value(after)}";

    /// <summary>
    /// The history of a resource (<paramref name="subjectKey"/> names it: <c>source</c>, <c>clientId</c>): current version,
    /// then version, action, when, who, reason and each change as <c>path: from → to</c>.
    /// </summary>
    public static void WriteHistory(TextWriter output, JsonObject history, string subjectKey)
    {
        output.WriteLine($"{Show.Value(history[subjectKey])}: phiên bản hiện tại / current version {Show.Value(history["currentVersion"])}");
        var table = new Table("PHIÊN BẢN / VERSION", "HÀNH ĐỘNG / ACTION", "LÚC / WHEN", "BỞI / WHO", "LÝ DO / REASON", "THAY ĐỔI / CHANGES");
        foreach (var item in (history["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var action = Show.Term(Terms.Of.Action, item["action"]);
            if (item["rolledBackTo"] is JsonValue to)
            {
                action += $" → v{to.ToJsonString()}";
            }

            var changes = (item["changes"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(c => $"{Show.Value(c["path"])}: {Show.Json(c["from"])} → {Show.Json(c["to"])}");
            table.Add(Show.Value(item["version"]), action, Show.When(item["at"]), Show.Value(item["by"]), Show.Value(item["reason"]),
                string.Join('\n', changes));
        }

        table.WriteTo(output);
    }

    /// <summary>Best effort: the hub said "conflict" without the current version, so read it (nothing if that fails too).</summary>
    private static async Task<long?> CurrentVersionAsync(CliCall call, string path, CancellationToken ct)
    {
        try
        {
            return VersionOf(await call.Hub.GetAsync(path, ct));
        }
        catch (Exception e) when (e is HubProblem or CliFailure)
        {
            return null;
        }
    }

    private static long? VersionOf(HubAnswer answer) =>
        answer.Object()["version"] is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;

    private static string Quote(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";
}
