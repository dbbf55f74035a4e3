using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lgsp.Cli.Hub;

/// <summary>
/// An error answer of the hub: its status, the body as received (printed as is with <c>--json</c>) and, when the body is
/// an RFC 9457 problem, the problem itself.
/// </summary>
internal sealed class HubProblem(int status, string? reasonPhrase, string body) : Exception($"The hub answered {status}.")
{
    public int Status { get; } = status;

    public string? ReasonPhrase { get; } = reasonPhrase;

    public string Body { get; } = body;

    public JsonObject? Problem { get; } = TryParse(body);

    public int ExitCode => ExitCodes.ForStatus(Status);

    private long? _lookedUp;

    /// <summary>The version the adapter is at now: from the problem (<c>currentVersion</c>), or looked up by the command.</summary>
    public long? CurrentVersion
    {
        get => _lookedUp ?? (Problem?["currentVersion"] is JsonValue v && v.TryGetValue<long>(out var n) ? n : null);
        set => _lookedUp = value;
    }

    public string? Code => Str(Problem?["code"]);

    private static JsonObject? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static string? Str(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The human report, on stderr: both languages, the code, every field error, the current version.</summary>
    public void WriteTo(TextWriter error)
    {
        var problem = Problem;
        error.WriteLine($"Lỗi / Error: HTTP {Status}{(Code is { } code ? " " + code : ReasonPhrase is { Length: > 0 } r ? " " + r : "")}");
        if (problem is null)
        {
            return;
        }

        var vi = Str(problem["message"]?["vi"]);
        var en = Str(problem["message"]?["en"]) ?? Str(problem["detail"]) ?? Str(problem["title"]);
        if (vi is not null)
        {
            error.WriteLine($"  {vi}");
        }

        if (en is not null && en != vi)
        {
            error.WriteLine($"  {en}");
        }

        // What happened this time, when the hub says more than the title: both languages too.
        var detailVi = Str(problem["detailMessage"]?["vi"]);
        var detailEn = Str(problem["detailMessage"]?["en"]);
        if (detailVi is not null)
        {
            error.WriteLine($"  {detailVi}");
        }

        if (detailEn is not null && detailEn != detailVi)
        {
            error.WriteLine($"  {detailEn}");
        }

        if (problem["errors"] is JsonArray errors)
        {
            foreach (var entry in errors)
            {
                var field = Str(entry?["field"]);
                var messageVi = Str(entry?["messageVi"]);
                var messageEn = Str(entry?["messageEn"]) ?? Str(entry?["message"]);
                var message = messageVi is not null && messageEn is not null && messageVi != messageEn
                    ? $"{messageVi} / {messageEn}"
                    : messageVi ?? messageEn ?? "";
                var reason = Str(entry?["reason"]);
                error.WriteLine($"  - {(string.IsNullOrEmpty(field) ? "" : field + ": ")}{message}{(reason is null ? "" : $" [{reason}]")}");
            }
        }

        if (CurrentVersion is { } version)
        {
            error.WriteLine($"  Phiên bản hiện tại / current version: {version} (dùng / use --if-version {version} sau khi xem lại / after checking)");
        }

        if (Str(problem["traceId"]) is { } traceId)
        {
            error.WriteLine($"  traceId: {traceId}");
        }
    }
}
