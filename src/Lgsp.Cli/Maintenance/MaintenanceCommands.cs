using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Lgsp.Cli.Changes;
using Lgsp.Cli.Hub;
using Lgsp.Cli.Output;

namespace Lgsp.Cli.Maintenance;

/// <summary>
/// <c>lgsp maintenance on|off|show|history</c>: the whole hub (<c>--scope hub</c>, the default) or one agency's clients
/// (<c>--scope H56.14</c>) into or out of maintenance, with a message in Vietnamese and English and an end
/// (<c>/admin/v1/maintenance</c>, versioned: reason, If-Match, history).
/// </summary>
internal static class MaintenanceCommands
{
    public static Command Build(CliContext context)
    {
        var maintenance = new Command("maintenance", "Bảo trì cả nền tảng hoặc các hệ thống của một cơ quan / maintenance of the whole hub or of one agency's clients");
        maintenance.Add(ShowCommand(context));
        maintenance.Add(OnCommand(context));
        maintenance.Add(OffCommand(context));
        maintenance.Add(HistoryCommand(context));
        return maintenance;
    }

    private static Option<string> ScopeOption() => new("--scope")
    {
        Description = "'hub' (cả nền tảng, mặc định) hoặc mã cơ quan / 'hub' (the whole hub, default) or an agency code",
        HelpName = "hub|agency",
        DefaultValueFactory = _ => "hub",
    };

    private static string Path(string? scope) => $"maintenance/{Uri.EscapeDataString(scope ?? "hub")}";

    private static Command ShowCommand(CliContext context)
    {
        var command = new Command("show", "Các đợt bảo trì và đợt nào đang có hiệu lực / the maintenance windows and which are in force");
        return context.Runs(command, async (call, ct) =>
        {
            var answer = await call.Hub.GetAsync("maintenance", ct);
            return call.Print(answer, a =>
            {
                var table = new Table("PHẠM VI / SCOPE", "PHIÊN BẢN / VERSION", "HIỆU LỰC / IN FORCE", "ĐẾN / UNTIL", "THÔNG BÁO / MESSAGE");
                foreach (var window in a.Array().OfType<JsonObject>())
                {
                    table.Add(Show.Value(window["scope"]), Show.Value(window["version"]), Show.YesNo(window["active"]),
                        window["until"] is null ? Show.None : Show.When(window["until"]),
                        window["on"]?.GetValue<bool>() == true ? $"{Show.Value(window["messageVi"])} / {Show.Value(window["messageEn"])}" : Show.None);
                }

                table.WriteTo(call.Out);
            });
        });
    }

    private static Command OnCommand(CliContext context)
    {
        var scope = ScopeOption();
        var vi = new Option<string>("--message-vi") { Description = "Thông báo cho bên gọi (tiếng Việt) / the message to callers in Vietnamese", Required = true, HelpName = "text" };
        var en = new Option<string>("--message-en") { Description = "Thông báo cho bên gọi (tiếng Anh) / the message to callers in English", Required = true, HelpName = "text" };
        var until = new Option<string>("--until")
        {
            Description = "Kết thúc lúc (ISO 8601, ví dụ 2026-12-08T22:00+07:00) hoặc sau bao lâu (90m, 2h) / ends at (ISO 8601) or after (90m, 2h)",
            Required = true,
            HelpName = "time|duration",
        };
        var reason = VersionedChange.ReasonOption();
        var ifVersion = VersionedChange.IfVersionOption();
        var command = new Command("on", "Bật bảo trì đến một thời điểm / into maintenance until a time") { scope, vi, en, until, reason, ifVersion };
        return context.Runs(command, async (call, ct) =>
        {
            var end = EndOf(call.Value(until)!, TimeProvider.System.GetUtcNow());
            var body = new JsonObject
            {
                ["reason"] = call.Value(reason), ["messageVi"] = call.Value(vi), ["messageEn"] = call.Value(en),
                ["until"] = end.ToString("O", CultureInfo.InvariantCulture),
            };
            var (answer, before) = await VersionedChange.SendAsync(call, Path(call.Value(scope)), call.Value(ifVersion), HttpMethod.Post, "/on", body, ct);
            return call.Print(answer, a => Saved(call, a.Object(), before));
        });
    }

    /// <summary>An ISO 8601 time, or a duration from now: <c>90m</c>, <c>2h</c>, <c>1d</c>.</summary>
    internal static DateTimeOffset EndOf(string text, DateTimeOffset now)
    {
        var value = text.Trim();
        if (value.Length > 1 && long.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            TimeSpan? length = value[^1] switch { 'm' => TimeSpan.FromMinutes(n), 'h' => TimeSpan.FromHours(n), 'd' => TimeSpan.FromDays(n), _ => null };
            if (length is { } l)
            {
                return now + l;
            }
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw CliFailure.Usage($"--until: '{text}' không phải thời điểm ISO 8601 hay khoảng thời gian (90m, 2h, 1d).", $"--until: '{text}' is neither an ISO 8601 time nor a duration (90m, 2h, 1d).");
    }

    private static Command OffCommand(CliContext context)
    {
        var scope = ScopeOption();
        var reason = VersionedChange.ReasonOption();
        var ifVersion = VersionedChange.IfVersionOption();
        var command = new Command("off", "Tắt bảo trì ngay / out of maintenance now") { scope, reason, ifVersion };
        return context.Runs(command, async (call, ct) =>
        {
            var body = new JsonObject { ["reason"] = call.Value(reason) };
            var (answer, before) = await VersionedChange.SendAsync(call, Path(call.Value(scope)), call.Value(ifVersion), HttpMethod.Post, "/off", body, ct);
            return call.Print(answer, a => Saved(call, a.Object(), before));
        });
    }

    private static Command HistoryCommand(CliContext context)
    {
        var scope = ScopeOption();
        var command = new Command("history", "Lịch sử bật/tắt bảo trì, mới nhất trước / the history, newest first") { scope };
        return context.Runs(command, async (call, ct) =>
        {
            var answer = await call.Hub.GetAsync(Path(call.Value(scope)) + "/history", ct);
            return call.Print(answer, a => VersionedChange.WriteHistory(call.Out, a.Object(), "scope"));
        });
    }

    private static void Saved(CliCall call, JsonObject window, long? before)
    {
        call.Out.WriteLine($"Đã lưu / saved: bảo trì / maintenance {Show.Value(window["scope"])} phiên bản / version {VersionedChange.Versions(before, window["version"])}");
        call.Out.WriteLine($"Hiệu lực / in force:   {Show.YesNo(window["active"])}");
        if (window["active"]?.GetValue<bool>() == true)
        {
            call.Out.WriteLine($"Đến / until:           {Show.When(window["until"])}");
            call.Out.WriteLine($"Thông báo / message:   {Show.Value(window["messageVi"])} / {Show.Value(window["messageEn"])}");
        }
    }
}
