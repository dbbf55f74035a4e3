using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Lgsp.Cli.Hub;
using Lgsp.Cli.Output;

namespace Lgsp.Cli.DeadLetters;

/// <summary>
/// <c>lgsp dead-letters …</c>: the status sync's events whose delivery failed for good, and their replay (the event
/// goes first again; the dossier's later events, held behind it, follow).
/// </summary>
internal static class DeadLettersCommands
{
    private const string Path = "dead-letters";

    public static Command Build(CliContext context)
    {
        var deadLetters = new Command("dead-letters", "Sự kiện đồng bộ gửi thất bại hẳn / status events whose delivery failed for good");
        deadLetters.Add(List(context));
        deadLetters.Add(Replay(context));
        return deadLetters;
    }

    private static Command List(CliContext context)
    {
        var destination = new Option<string>("--destination") { Description = "Nơi nhận / the destination", HelpName = "dvcqg|provincial" };
        destination.AcceptOnlyFromAmong("dvcqg", "provincial");
        var limit = Numbers.Int("--limit", "Số dòng tối đa (1–500, mặc định 50) / rows at most (1–500, default 50)");
        var after = Numbers.Long("--after", "Tiếp sau vị trí này (trang sau) / resume after this position (next page)", "position");
        var command = new Command("list", "Liệt kê, cũ nhất trước / list, oldest first") { destination, limit, after };
        return context.Runs(command, async (call, ct) =>
        {
            var query = new List<string>();
            if (call.Value(destination) is { } d)
            {
                query.Add("destination=" + Uri.EscapeDataString(d));
            }

            if (call.Value(after) is { } a)
            {
                query.Add("after=" + a.ToString(CultureInfo.InvariantCulture));
            }

            if (call.Value(limit) is { } l)
            {
                query.Add("limit=" + l.ToString(CultureInfo.InvariantCulture));
            }

            var answer = await call.Hub.GetAsync(Path + (query.Count == 0 ? "" : "?" + string.Join('&', query)), ct);
            return call.Print(answer, page =>
            {
                var body = page.Object();
                var table = new Table("VỊ TRÍ / POS", "MÃ SỰ KIỆN / EVENT ID", "HỒ SƠ / DOSSIER", "NƠI NHẬN / TO", "LOẠI / TYPE",
                    "LÚC / DEAD AT", "LẦN / TRIES", "LÝ DO / REASON");
                foreach (var item in (body["items"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    table.Add(Show.Value(item["position"]), Show.Value(item["eventId"]), Show.Value(item["dossierCode"]), Show.Term(Terms.Of.Destination, item["destination"]),
                        Show.Term(Terms.Of.EventType, item["type"]), Show.When(item["deadAt"]), Show.Value(item["attempts"]), Show.Value(item["reason"]));
                }

                table.WriteTo(call.Out);
                if (body["next"] is JsonValue next)
                {
                    call.Out.WriteLine($"Còn nữa / more: --after {next.ToJsonString()}");
                }
            });
        });
    }

    private static Command Replay(CliContext context)
    {
        var eventId = new Argument<string>("eventId") { Description = "Mã sự kiện (cột EVENT ID) / the event id (EVENT ID column)" };
        var command = new Command("replay", "Gửi lại một sự kiện gửi lỗi / deliver a dead letter again") { eventId };
        return context.Runs(command, async (call, ct) =>
        {
            var id = call.Value(eventId);
            if (!Guid.TryParseExact(id, "D", out _))
            {
                throw CliFailure.Usage(
                    $"Mã sự kiện là một GUID như 3f2504e0-4f89-11d3-9a0c-0305e82c3301: '{id}'.",
                    $"An event id is a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301: '{id}'.");
            }

            var answer = await call.Hub.SendAsync(HttpMethod.Post, $"{Path}/{id}/replay", null, null, ct);
            return call.Print(answer, a =>
                call.Out.WriteLine($"Đã xếp gửi lại / queued again: {Show.Value(a.Object()["eventId"])} ({Show.Term(Terms.Of.ReplayState, a.Object()["state"])})"));
        });
    }
}
