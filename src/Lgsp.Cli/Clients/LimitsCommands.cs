using System.CommandLine;
using System.Text.Json.Nodes;
using Lgsp.Cli.Changes;
using Lgsp.Cli.Hub;
using Lgsp.Cli.Output;

namespace Lgsp.Cli.Clients;

/// <summary>
/// <c>lgsp clients limits …</c>: a client's rate limit and daily quota per source, on top of the versioned access
/// rights (the limits are part of them): show (with today's use and refusals, <c>/admin/v1/clients/{id}/usage</c>), set
/// (a merge patch of one source's <c>rateLimit</c> / <c>dailyQuota</c>, a reason, If-Match), the history of the versions
/// that changed limits, and rollback (a new version with an earlier version's rights, limits included).
/// </summary>
internal static class LimitsCommands
{
    public static Command Build(CliContext context)
    {
        var limits = new Command("limits", "Giới hạn tốc độ và hạn mức ngày của một client (có phiên bản) / a client's rate limits and daily quotas (versioned)");
        limits.Add(ShowCommand(context));
        limits.Add(SetCommand(context));
        limits.Add(HistoryCommand(context));
        limits.Add(RollbackCommand(context));
        return limits;
    }

    private static Argument<string> ClientArgument() => new("clientId")
    {
        Description = "Mã client (cột CLIENT của 'clients list') / the client id (CLIENT column of 'clients list')",
    };

    private static string Rights(string clientId) => $"clients/{Uri.EscapeDataString(clientId)}/access-rights";

    private static Command ShowCommand(CliContext context)
    {
        var client = ClientArgument();
        var command = new Command("show", "Xem giới hạn, mức dùng và số lần bị từ chối hôm nay / show the limits, today's use and refusals") { client };
        return context.Runs(command, async (call, ct) =>
        {
            var usage = await call.Hub.GetAsync($"clients/{Uri.EscapeDataString(call.Value(client))}/usage", ct);
            if (call.Json)
            {
                return call.Print(usage, _ => { });
            }

            var rights = (await call.Hub.GetAsync(Rights(call.Value(client)), ct)).Object();
            call.Out.WriteLine($"Client:                {Show.Value(rights["clientId"])}");
            call.Out.WriteLine($"Phiên bản / version:   {Show.Value(rights["version"])} ({Show.Term(Terms.Of.Origin, rights["origin"])})");
            WriteUsage(call.Out, usage.Object());
            return ExitCodes.Success;
        });
    }

    private static Command SetCommand(CliContext context)
    {
        var client = ClientArgument();
        var source = new Option<string>("--source") { Description = "Nguồn (business, population, land, insurance, civilregistry) / the source", Required = true, HelpName = "source" };
        var rate = Numbers.Int("--rate", "Số yêu cầu mỗi giây / requests per second", "n");
        var burst = Numbers.Int("--burst", "Số yêu cầu dồn tối đa (mặc định: bằng --rate) / burst (default: --rate)", "n");
        var quota = Numbers.Int("--daily-quota", "Số yêu cầu mỗi ngày (giờ Việt Nam) / requests a day (Vietnam time)", "n");
        var noRate = new Option<bool>("--no-rate") { Description = "Bỏ giới hạn tốc độ / remove the rate limit" };
        var noQuota = new Option<bool>("--no-daily-quota") { Description = "Bỏ hạn mức ngày / remove the daily quota" };
        var reason = VersionedChange.ReasonOption();
        var ifVersion = VersionedChange.IfVersionOption();
        var command = new Command("set", "Đổi giới hạn của một client với một nguồn / change a client's limits on one source")
        {
            client, source, rate, burst, quota, noRate, noQuota, reason, ifVersion,
        };
        return context.Runs(command, async (call, ct) =>
        {
            var service = LimitsPatch(call.Value(rate), call.Value(burst), call.Value(quota), call.Value(noRate), call.Value(noQuota));
            var name = call.Value(source)!.Trim().ToLowerInvariant();
            var body = new JsonObject { ["reason"] = call.Value(reason), ["changes"] = new JsonObject { ["services"] = new JsonObject { [name] = service } } };
            var (answer, before) = await VersionedChange.SendAsync(call, Rights(call.Value(client)), call.Value(ifVersion), HttpMethod.Patch, "", body, ct);
            return call.Print(answer, a => Saved(call, a.Object(), before));
        });
    }

    /// <summary>The merge patch of one source's limits; a usage error when it would change nothing or contradicts itself.</summary>
    internal static JsonObject LimitsPatch(int? rate, int? burst, int? quota, bool noRate, bool noQuota)
    {
        if (noRate && (rate is not null || burst is not null))
        {
            throw CliFailure.Usage("--no-rate không đi cùng --rate hay --burst.", "--no-rate does not go with --rate or --burst.");
        }

        if (noQuota && quota is not null)
        {
            throw CliFailure.Usage("--no-daily-quota không đi cùng --daily-quota.", "--no-daily-quota does not go with --daily-quota.");
        }

        if (burst is not null && rate is null)
        {
            throw CliFailure.Usage("--burst cần --rate.", "--burst needs --rate.");
        }

        var service = new JsonObject();
        if (noRate)
        {
            service["rateLimit"] = null;
        }
        else if (rate is { } permits)
        {
            // The whole rate limit: a burst not given follows the rate rather than an older burst.
            service["rateLimit"] = new JsonObject { ["permitsPerSecond"] = permits, ["burst"] = burst ?? permits };
        }

        if (noQuota)
        {
            service["dailyQuota"] = null;
        }
        else if (quota is { } q)
        {
            service["dailyQuota"] = q;
        }

        return service.Count > 0 ? service : throw CliFailure.Usage(
            "Chưa có thay đổi: dùng --rate, --daily-quota, --no-rate hoặc --no-daily-quota.",
            "Nothing to change: use --rate, --daily-quota, --no-rate or --no-daily-quota.");
    }

    private static Command HistoryCommand(CliContext context)
    {
        var client = ClientArgument();
        var command = new Command("history", "Các phiên bản đã đổi giới hạn, mới nhất trước / the versions that changed limits, newest first") { client };
        return context.Runs(command, async (call, ct) =>
        {
            var answer = await call.Hub.GetAsync(Rights(call.Value(client)) + "/history", ct);
            var history = answer.Object();
            var items = new JsonArray([.. (history["items"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(item => (Item: item, Limits: (item["changes"] as JsonArray ?? []).OfType<JsonObject>().Where(IsLimit).ToList()))
                .Where(x => x.Limits.Count > 0)
                .Select(x =>
                {
                    var item = (JsonObject)x.Item.DeepClone();
                    item["changes"] = new JsonArray([.. x.Limits.Select(c => c.DeepClone())]);
                    return (JsonNode)item;
                })]);
            var limitsOnly = new JsonObject { ["clientId"] = history["clientId"]?.DeepClone(), ["currentVersion"] = history["currentVersion"]?.DeepClone(), ["items"] = items };
            if (call.Json)
            {
                call.Out.WriteLine(limitsOnly.ToJsonString());
                return ExitCodes.Success;
            }

            VersionedChange.WriteHistory(call.Out, limitsOnly, "clientId");
            if (items.Count == 0)
            {
                call.Out.WriteLine("Chưa phiên bản nào đổi giới hạn / no version changed the limits.");
            }

            return ExitCodes.Success;
        });
    }

    private static bool IsLimit(JsonObject change) =>
        change["path"]?.GetValue<string>() is { } path
        && path.Split('.') is var parts && parts.Length >= 3 && parts[0] == "services" && parts[2] is "rateLimit" or "dailyQuota";

    private static Command RollbackCommand(CliContext context)
    {
        var client = ClientArgument();
        var reason = VersionedChange.ReasonOption();
        var ifVersion = VersionedChange.IfVersionOption();
        var to = VersionedChange.ToOption();
        var command = new Command("rollback", "Quay về quyền (cả giới hạn) của một phiên bản cũ, tạo phiên bản mới / go back to an earlier version's rights, limits included (as a new version)")
        {
            client, to, reason, ifVersion,
        };
        return context.Runs(command, async (call, ct) =>
        {
            var body = VersionedChange.RollbackBody(call.Value(to), call.Value(reason));
            var (answer, before) = await VersionedChange.SendAsync(call, Rights(call.Value(client)), call.Value(ifVersion), HttpMethod.Post, "/rollback", body, ct);
            return call.Print(answer, a => Saved(call, a.Object(), before));
        });
    }

    private static void Saved(CliCall call, JsonObject rights, long? before)
    {
        call.Out.WriteLine(
            $"Đã lưu / saved: giới hạn của / limits of {Show.Value(rights["clientId"])} phiên bản / version {VersionedChange.Versions(before, rights["version"])}");
        var table = new Table("NGUỒN / SOURCE", "TỐC ĐỘ / RATE", "HẠN MỨC NGÀY / DAILY QUOTA");
        foreach (var (source, service) in rights["accessRights"]?["services"] as JsonObject ?? [])
        {
            table.Add(Terms.Name(Terms.Of.Source, source), RateText(service?["rateLimit"]), QuotaText(service?["dailyQuota"]));
        }

        table.WriteTo(call.Out);
    }

    private static void WriteUsage(TextWriter output, JsonObject usage)
    {
        output.WriteLine($"Ngày / day:            {Show.Value(usage["day"])} (giờ Việt Nam / Vietnam time; cả cụm / whole cluster)");
        output.WriteLine();
        var table = new Table("NGUỒN / SOURCE", "TỐC ĐỘ / RATE", "HẠN MỨC NGÀY / DAILY QUOTA", "ĐÃ DÙNG / USED",
            "TỪ CHỐI: TỐC ĐỘ / REFUSED: RATE", "ĐỒNG THỜI / CONCURRENCY", "HẠN MỨC / QUOTA");
        foreach (var source in (usage["sources"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var refused = source["refused"];
            table.Add(Terms.Name(Terms.Of.Source, source["source"]), RateText(source["rateLimit"]), QuotaText(source["dailyQuota"]),
                Show.Value(source["used"]), Show.Value(refused?["rate"]), Show.Value(refused?["concurrency"]), Show.Value(refused?["dailyQuota"]));
        }

        table.WriteTo(output);
    }

    private static string RateText(JsonNode? rate) => rate is JsonObject r
        ? $"{Show.Value(r["permitsPerSecond"])}/s (dồn / burst {Show.Value(r["burst"] ?? r["permitsPerSecond"])})"
        : "không giới hạn / none";

    private static string QuotaText(JsonNode? quota) => quota is null ? "không giới hạn / none" : $"{Show.Value(quota)}/ngày / day";
}
