using System.CommandLine;
using System.Text.Json.Nodes;
using Lgsp.Cli.Changes;
using Lgsp.Cli.Output;

namespace Lgsp.Cli.Adapters;

/// <summary>
/// <c>lgsp adapters …</c>: read an adapter's settings and health, change them (a merge patch under optimistic
/// concurrency: <c>If-Match</c> with the version the operator saw, or the one just read), enable, disable, test a
/// target, read the history and roll back.
/// </summary>
internal static class AdaptersCommands
{
    private const string Path = "adapters";

    public static Command Build(CliContext context)
    {
        var adapters = new Command("adapters", "Bộ điều hợp tới các hệ thống nguồn / the adapters to the upstream systems");
        adapters.Add(List(context));
        adapters.Add(ShowCommand(context));
        adapters.Add(SetCommand(context));
        adapters.Add(Toggle(context, "disable", "Tắt bộ điều hợp (bảo trì) / turn the adapter off (maintenance)"));
        adapters.Add(Toggle(context, "enable", "Bật lại bộ điều hợp / turn the adapter back on"));
        adapters.Add(TestCommand(context));
        adapters.Add(HistoryCommand(context));
        adapters.Add(RollbackCommand(context));
        return adapters;
    }

    private static Argument<string> SourceArgument() => new("source")
    {
        Description = "Nguồn / the source: business, population, land, insurance, civilregistry, dvcqg, provincial",
    };

    private static string Source(string source) => $"{Path}/{Uri.EscapeDataString(source)}";

    private static Command List(CliContext context)
    {
        var command = new Command("list", "Liệt kê bộ điều hợp và sức khỏe / list the adapters and their health");
        return context.Runs(command, async (call, ct) =>
        {
            var answer = await call.Hub.GetAsync(Path, ct);
            return call.Print(answer, a =>
            {
                var table = new Table("NGUỒN / SOURCE", "LOẠI / KIND", "BẬT / ON", "PHIÊN BẢN / VERSION", "MẠCH / CIRCUIT",
                    "GỌI / CALLS", "LỖI / FAILED", "P95 ms", "ĐỊA CHỈ / BASE URL");
                foreach (var adapter in a.Array().OfType<JsonObject>())
                {
                    var health = adapter["health"];
                    table.Add(
                        Show.Term(Terms.Of.Source, adapter["source"]), Show.Term(Terms.Of.Kind, adapter["kind"]), Show.YesNo(adapter["enabled"]),
                        $"{Show.Value(adapter["version"])} ({Show.Term(Terms.Of.Origin, adapter["origin"])})",
                        Show.Term(Terms.Of.Circuit, health?["circuit"]), Show.Value(health?["calls"]), Failures(health),
                        Show.Number(health?["p95Ms"]), Show.Value(adapter["baseUrl"]));
                }

                table.WriteTo(call.Out);
            });
        });
    }

    private static Command ShowCommand(CliContext context)
    {
        var source = SourceArgument();
        var command = new Command("show", "Xem cấu hình và sức khỏe một bộ điều hợp / show one adapter's settings and health") { source };
        return context.Runs(command, async (call, ct) =>
        {
            var answer = await call.Hub.GetAsync(Source(call.Value(source)), ct);
            return call.Print(answer, a => WriteAdapter(call.Out, a.Object()));
        });
    }

    private static Command SetCommand(CliContext context)
    {
        var source = SourceArgument();
        var reason = VersionedChange.ReasonOption();
        var ifVersion = VersionedChange.IfVersionOption();
        var baseUrl = new Option<string>("--base-url") { Description = "Địa chỉ mới / the new base URL", HelpName = "url" };
        var attemptTimeout = new Option<string>("--attempt-timeout") { Description = "Thời gian chờ một lần gọi / one try's timeout", HelpName = "hh:mm:ss" };
        var totalTimeout = new Option<string>("--total-timeout") { Description = "Thời gian chờ cả lượt gọi kể cả thử lại / the whole call's timeout, retries included", HelpName = "hh:mm:ss" };
        var retries = Numbers.Int("--retries", "Số lần thử lại (retry.maxRetryAttempts) / retries after the first try");
        var concurrency = Numbers.Int("--concurrency", "Số lời gọi đồng thời tối đa (concurrency.permitLimit) / calls in flight at most");
        var rateLimit = new Option<string>("--rate-limit") { Description = "Giới hạn N lời gọi mỗi khoảng / at most N calls per window, e.g. 10/00:00:01", HelpName = "N/hh:mm:ss" };
        var noRateLimit = new Option<bool>("--no-rate-limit") { Description = "Bỏ giới hạn tần suất / remove the rate limit" };
        var set = new Option<string[]>("--set")
        {
            Description = "Đặt một khóa bất kỳ / set any key: key.path=value (JSON nếu đọc được, không thì chuỗi; null = xóa / JSON if it parses, else a string; null removes); lặp lại được / repeatable",
            HelpName = "key.path=value",
        };

        var command = new Command("set", "Thay đổi cấu hình (merge patch) / change the settings (a merge patch)")
        {
            source, reason, baseUrl, attemptTimeout, totalTimeout, retries, concurrency, rateLimit, noRateLimit, set, ifVersion,
        };
        return context.Runs(command, async (call, ct) =>
        {
            var changes = AdapterPatch.Build(new AdapterChanges(
                call.Value(baseUrl), call.Value(attemptTimeout), call.Value(totalTimeout), call.Value(retries), call.Value(concurrency),
                call.Value(rateLimit), call.Value(noRateLimit), call.Value(set)));
            var body = new JsonObject { ["reason"] = call.Value(reason), ["changes"] = changes };
            return await MutateAsync(call, call.Value(source), call.Value(ifVersion), HttpMethod.Patch, "", body, ct);
        });
    }

    private static Command Toggle(CliContext context, string action, string description)
    {
        var source = SourceArgument();
        var reason = VersionedChange.ReasonOption();
        var ifVersion = VersionedChange.IfVersionOption();
        var command = new Command(action, description) { source, reason, ifVersion };
        return context.Runs(command, (call, ct) => MutateAsync(
            call, call.Value(source), call.Value(ifVersion), HttpMethod.Post, "/" + action, new JsonObject { ["reason"] = call.Value(reason) }, ct));
    }

    private static Command RollbackCommand(CliContext context)
    {
        var source = SourceArgument();
        var reason = VersionedChange.ReasonOption();
        var ifVersion = VersionedChange.IfVersionOption();
        var to = VersionedChange.ToOption();
        var command = new Command("rollback", "Quay về cấu hình của một phiên bản cũ (tạo phiên bản mới) / go back to an earlier version's settings (as a new version)")
        {
            source, to, reason, ifVersion,
        };
        return context.Runs(command, async (call, ct) =>
        {
            var body = VersionedChange.RollbackBody(call.Value(to), call.Value(reason));
            return await MutateAsync(call, call.Value(source), call.Value(ifVersion), HttpMethod.Post, "/rollback", body, ct);
        });
    }

    private static Command TestCommand(CliContext context)
    {
        var source = SourceArgument();
        var baseUrl = new Option<string>("--base-url")
        {
            Description = "Thử một địa chỉ khác trước khi đổi / try another address before switching to it",
            HelpName = "url",
        };
        var command = new Command("test", $"Thử kết nối tới hệ thống nguồn (mã thoát {ExitCodes.TargetUnreachable} nếu không tới được) / try reaching the upstream (exit {ExitCodes.TargetUnreachable} when not reachable)")
        {
            source, baseUrl,
        };
        return context.Runs(command, async (call, ct) =>
        {
            var body = call.Value(baseUrl) is { } url ? new JsonObject { ["baseUrl"] = url } : null;
            var answer = await call.Hub.SendAsync(HttpMethod.Post, Source(call.Value(source)) + "/test", body, null, ct);
            var result = answer.Object();
            call.Print(answer, _ =>
            {
                call.Out.WriteLine($"Nguồn / source:          {Show.Term(Terms.Of.Source, result["source"])}");
                call.Out.WriteLine($"Đích / target:           {Show.Value(result["target"])}");
                if (Show.Flag(result["reachable"]) == true)
                {
                    call.Out.WriteLine($"Kết nối / reachable:     có / yes — HTTP {Show.Value(result["status"])}, {Show.Number(result["latencyMs"])} ms");
                }
                else
                {
                    call.Out.WriteLine($"Kết nối / reachable:     KHÔNG / no — {Show.Value(result["error"]?["code"])}: {Show.Value(result["error"]?["message"])}");
                }
            });
            return Show.Flag(result["reachable"]) == true
                ? ExitCodes.Success
                : ExitCodes.TargetUnreachable;
        });
    }

    private static Command HistoryCommand(CliContext context)
    {
        var source = SourceArgument();
        var command = new Command("history", "Lịch sử thay đổi, mới nhất trước / the history of changes, newest first") { source };
        return context.Runs(command, async (call, ct) =>
        {
            var answer = await call.Hub.GetAsync(Source(call.Value(source)) + "/history", ct);
            return call.Print(answer, a => VersionedChange.WriteHistory(call.Out, a.Object(), "source"));
        });
    }

    /// <summary>A change of the adapter under optimistic concurrency (<see cref="VersionedChange.SendAsync"/>), then one line.</summary>
    private static async Task<int> MutateAsync(
        CliCall call, string source, long? ifVersion, HttpMethod method, string suffix, JsonObject body, CancellationToken ct)
    {
        var (answer, before) = await VersionedChange.SendAsync(call, Source(source), ifVersion, method, suffix, body, ct);
        return call.Print(answer, a =>
        {
            var adapter = a.Object();
            call.Out.WriteLine(
                $"Đã lưu / saved: {Show.Value(adapter["source"])} phiên bản / version {VersionedChange.Versions(before, adapter["version"])}" +
                $" ({(Show.Flag(adapter["enabled"]) == false ? "ĐANG TẮT / disabled" : "đang bật / enabled")})");
        });
    }

    private static string Failures(JsonNode? health) => health?["failures"] is null
        ? Show.None
        : $"{Show.Value(health["failures"])} ({Show.Number(health["errorRate"] is JsonValue r && r.TryGetValue<double>(out var rate) ? JsonValue.Create(rate * 100) : null)} %)";

    private static void WriteAdapter(TextWriter output, JsonObject adapter)
    {
        output.WriteLine($"Nguồn / source:        {Show.Term(Terms.Of.Source, adapter["source"])} ({Show.Term(Terms.Of.Kind, adapter["kind"])})");
        output.WriteLine($"Bật / enabled:         {Show.YesNo(adapter["enabled"])}");
        output.WriteLine($"Phiên bản / version:   {Show.Value(adapter["version"])} ({Show.Term(Terms.Of.Origin, adapter["origin"])})");
        if (adapter["changedAt"] is not null || adapter["changedBy"] is not null)
        {
            output.WriteLine($"Thay đổi / changed:    {Show.When(adapter["changedAt"])} bởi / by {Show.Value(adapter["changedBy"])}");
            output.WriteLine($"Lý do / reason:        {Show.Value(adapter["reason"])}");
        }

        if (adapter["health"] is JsonObject health)
        {
            output.WriteLine(
                $"Sức khỏe / health:     mạch / circuit {Show.Term(Terms.Of.Circuit, health["circuit"])}, {Show.Value(health["calls"])} lời gọi / calls, " +
                $"{Failures(health)} lỗi / failed, p50 {Show.Number(health["p50Ms"])} ms, p95 {Show.Number(health["p95Ms"])} ms " +
                $"({Show.Value(health["windowSeconds"])} s)");
            if (health["lastFailure"] is JsonObject last)
            {
                output.WriteLine($"Lỗi gần nhất / last:   {Show.Value(last["code"])} lúc / at {Show.When(last["at"])}");
            }
        }

        output.WriteLine();
        var table = new Table("KHÓA / KEY", "GIÁ TRỊ / VALUE");
        foreach (var (key, value) in Show.Flatten(adapter["settings"]))
        {
            table.Add(key, value);
        }

        table.WriteTo(output);
    }
}
