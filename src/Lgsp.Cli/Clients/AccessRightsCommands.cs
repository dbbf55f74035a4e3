using System.CommandLine;
using System.Text.Json.Nodes;
using Lgsp.Cli.Changes;
using Lgsp.Cli.Output;

namespace Lgsp.Cli.Clients;

/// <summary>
/// <c>lgsp clients rights …</c>: which sources a client may call, for which purposes (procedure codes) and which
/// fields, and the agency it acts for. Versioned like an adapter's settings (0 = <c>config/access-rights.json</c>):
/// show, change (a merge patch under optimistic concurrency), history, rollback.
/// </summary>
internal static class AccessRightsCommands
{
    public static Command Build(CliContext context)
    {
        var rights = new Command("rights", "Quyền truy cập của một client (có phiên bản) / a client's access rights (versioned)");
        rights.Add(ShowCommand(context));
        rights.Add(SetCommand(context));
        rights.Add(HistoryCommand(context));
        rights.Add(RollbackCommand(context));
        return rights;
    }

    private static Argument<string> ClientArgument() => new("clientId")
    {
        Description = "Mã client (cột CLIENT của 'clients list') / the client id (CLIENT column of 'clients list')",
    };

    private static string Rights(string clientId) => $"clients/{Uri.EscapeDataString(clientId)}/access-rights";

    private static Command ShowCommand(CliContext context)
    {
        var client = ClientArgument();
        var command = new Command("show", "Xem quyền truy cập của một client / show a client's access rights") { client };
        return context.Runs(command, async (call, ct) =>
        {
            var answer = await call.Hub.GetAsync(Rights(call.Value(client)), ct);
            return call.Print(answer, a => WriteRights(call.Out, a.Object()));
        });
    }

    private static Command SetCommand(CliContext context)
    {
        var client = ClientArgument();
        var reason = VersionedChange.ReasonOption();
        var ifVersion = VersionedChange.IfVersionOption();
        var agency = new Option<string>("--agency") { Description = "Mã cơ quan mà client đại diện / the agency code the client acts for", HelpName = "code" };
        var grant = new Option<string[]>("--grant")
        {
            Description = "Cho phép gọi một nguồn với các mục đích (mã thủ tục; * = mọi mục đích), thay cả danh sách / allow a source for these purposes (procedure codes; * = any), replacing the list; lặp lại được / repeatable",
            HelpName = "source=purpose[,purpose...]",
        };
        var fields = new Option<string[]>("--fields")
        {
            Description = "Chỉ trả các trường này của nguồn, thay cả danh sách / return only these fields of the source, replacing the list; lặp lại được / repeatable",
            HelpName = "source=field[,field...]",
        };
        var allFields = new Option<string[]>("--all-fields")
        {
            Description = "Trả toàn bộ bản ghi của nguồn (fields: null) / return the source's whole record (fields: null); lặp lại được / repeatable",
            HelpName = "source",
        };
        var revoke = new Option<string[]>("--revoke")
        {
            Description = "Thu hồi quyền gọi nguồn (services.<source>: null) / withdraw the right to call the source; lặp lại được / repeatable",
            HelpName = "source",
        };
        var set = new Option<string[]>("--set")
        {
            Description = "Đặt một khóa bất kỳ của accessRights / set any key of accessRights: key.path=value (JSON nếu đọc được, không thì chuỗi; null = xóa / JSON if it parses, else a string; null removes); lặp lại được / repeatable",
            HelpName = "key.path=value",
        };

        var command = new Command("set", "Thay đổi quyền truy cập (merge patch) / change the access rights (a merge patch)")
        {
            client, reason, agency, grant, fields, allFields, revoke, set, ifVersion,
        };
        return context.Runs(command, async (call, ct) =>
        {
            var changes = AccessRightsPatch.Build(new AccessRightsChanges(
                call.Value(agency), call.Value(grant), call.Value(fields), call.Value(allFields), call.Value(revoke), call.Value(set)));
            var body = new JsonObject { ["reason"] = call.Value(reason), ["changes"] = changes };
            return await MutateAsync(call, call.Value(client), call.Value(ifVersion), HttpMethod.Patch, "", body, ct);
        });
    }

    private static Command HistoryCommand(CliContext context)
    {
        var client = ClientArgument();
        var command = new Command("history", "Lịch sử thay đổi quyền, mới nhất trước / the history of the rights, newest first") { client };
        return context.Runs(command, async (call, ct) =>
        {
            var answer = await call.Hub.GetAsync(Rights(call.Value(client)) + "/history", ct);
            return call.Print(answer, a => VersionedChange.WriteHistory(call.Out, a.Object(), "clientId"));
        });
    }

    private static Command RollbackCommand(CliContext context)
    {
        var client = ClientArgument();
        var reason = VersionedChange.ReasonOption();
        var ifVersion = VersionedChange.IfVersionOption();
        var to = VersionedChange.ToOption();
        var command = new Command("rollback", "Quay về quyền của một phiên bản cũ (tạo phiên bản mới) / go back to an earlier version's rights (as a new version)")
        {
            client, to, reason, ifVersion,
        };
        return context.Runs(command, async (call, ct) =>
        {
            var body = VersionedChange.RollbackBody(call.Value(to), call.Value(reason));
            return await MutateAsync(call, call.Value(client), call.Value(ifVersion), HttpMethod.Post, "/rollback", body, ct);
        });
    }

    /// <summary>A change of the rights under optimistic concurrency, then the rights now in force.</summary>
    private static async Task<int> MutateAsync(
        CliCall call, string clientId, long? ifVersion, HttpMethod method, string suffix, JsonObject body, CancellationToken ct)
    {
        var (answer, before) = await VersionedChange.SendAsync(call, Rights(clientId), ifVersion, method, suffix, body, ct);
        return call.Print(answer, a =>
        {
            var rights = a.Object();
            call.Out.WriteLine(
                $"Đã lưu / saved: quyền của / rights of {Show.Value(rights["clientId"])} phiên bản / version {VersionedChange.Versions(before, rights["version"])}");
            call.Out.WriteLine();
            WriteRights(call.Out, rights);
        });
    }

    private static void WriteRights(TextWriter output, JsonObject answer)
    {
        var rights = answer["accessRights"] as JsonObject;
        output.WriteLine($"Client:                {Show.Value(answer["clientId"])}");
        output.WriteLine($"Cơ quan / agency:      {Show.Value(rights?["agencyCode"])}");
        output.WriteLine($"Phiên bản / version:   {Show.Value(answer["version"])} ({Show.Term(Terms.Of.Origin, answer["origin"])})");
        if (answer["changedAt"] is not null || answer["changedBy"] is not null)
        {
            output.WriteLine($"Thay đổi / changed:    {Show.When(answer["changedAt"])} bởi / by {Show.Value(answer["changedBy"])}");
            output.WriteLine($"Lý do / reason:        {Show.Value(answer["reason"])}");
        }

        output.WriteLine();
        var table = new Table("NGUỒN / SOURCE", "MỤC ĐÍCH / PURPOSES", "TRƯỜNG / FIELDS");
        foreach (var (source, service) in rights?["services"] as JsonObject ?? [])
        {
            table.Add(Terms.Name(Terms.Of.Source, source), string.Join(' ', Terms.Names(Terms.Of.Purpose, service?["purposes"])),
                service?["fields"] is JsonArray list ? Show.List(list) : "toàn bộ / whole record");
        }

        table.WriteTo(output);
        if (table.Count == 0)
        {
            output.WriteLine("Client này không được gọi nguồn nào / this client may not call any source.");
        }

        WriteLimits(output, rights?["services"] as JsonObject ?? []);
    }

    /// <summary>Each source's rate limit and daily quota, when it has any (set with <c>--set services.&lt;source&gt;.rateLimit.permitsPerSecond=…</c>).</summary>
    private static void WriteLimits(TextWriter output, JsonObject services)
    {
        var lines = new List<string>();
        foreach (var (source, service) in services)
        {
            var parts = new List<string>();
            if (service?["rateLimit"] is JsonObject rate)
            {
                var burst = rate["burst"] ?? rate["permitsPerSecond"];
                parts.Add($"{Show.Value(rate["permitsPerSecond"])} yêu cầu/giây, dồn tối đa {Show.Value(burst)} / {Show.Value(rate["permitsPerSecond"])} requests/s, burst {Show.Value(burst)}");
            }

            if (service?["dailyQuota"] is { } quota)
            {
                parts.Add($"{Show.Value(quota)} yêu cầu/ngày (giờ Việt Nam) / {Show.Value(quota)} requests a day (Vietnam time)");
            }

            if (parts.Count > 0)
            {
                lines.Add($"  {Terms.Name(Terms.Of.Source, source)}: {string.Join("; ", parts)}");
            }
        }

        if (lines.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Giới hạn / limits:");
            lines.ForEach(output.WriteLine);
        }
    }
}
