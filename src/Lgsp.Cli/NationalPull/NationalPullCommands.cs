using System.CommandLine;
using System.Text.Json.Nodes;
using Lgsp.Cli.Hub;
using Lgsp.Cli.Output;

namespace Lgsp.Cli.NationalPull;

/// <summary>
/// <c>lgsp national-pull …</c>: the birth and death registrations the hub pulls from the national side (liên thông):
/// the last pulls, what is pending, the dossiers failing; and a pull now.
/// </summary>
internal static class NationalPullCommands
{
    private const string Path = "national-dossier-pull";

    public static Command Build(CliContext context)
    {
        var pull = new Command("national-pull", "Hồ sơ liên thông kéo từ Cổng DVCQG / dossiers pulled from the national side (liên thông)");
        pull.Add(Status(context));
        pull.Add(Run(context));
        return pull;
    }

    private static Command Status(CliContext context)
    {
        var command = new Command("status", "Lần kéo gần nhất, hồ sơ chờ, lỗi / last pull, pending, failures");
        return context.Runs(command, async (call, ct) =>
        {
            var answer = await call.Hub.GetAsync(Path, ct);
            return call.Print(answer, view =>
            {
                var body = view.Object();
                call.Out.WriteLine($"Bật / enabled: {Show.YesNo(body["enabled"])}   Chu kỳ / interval: {Show.Value(body["interval"])}");
                if (body["lastPull"] is JsonObject last)
                {
                    WriteRun(call.Out, "Lần gần nhất / last pull", last);
                }

                call.Out.WriteLine($"Thành công gần nhất / last successful: {Show.When(body["lastSuccessfulPullAt"])}");
                call.Out.WriteLine($"Đã lưu / stored: {Show.Value(body["stored"])}   Chưa báo đã nhận / unacknowledged: {Show.Value(body["unacknowledged"])}   Trạng thái chờ gửi / statuses pending: {Show.Value(body["statusesPending"])}");
                var table = new Table("MÃ DVCQG / NATIONAL", "MÃ HỒ SƠ / DOSSIER", "ĐÃ NHẬN / ACKED", "LẦN / TRIES", "LÚC / AT", "LỖI / ERROR");
                foreach (var item in (body["failing"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    table.Add(Show.Value(item["nationalCode"]), Show.Value(item["dossierCode"]), Show.YesNo(item["acknowledged"]),
                        Show.Value(item["ackAttempts"]), Show.When(item["lastErrorAt"]), Show.Value(item["lastError"]));
                }

                table.WriteTo(call.Out);
            });
        });
    }

    private static Command Run(CliContext context)
    {
        var command = new Command("run", "Kéo ngay / pull now");
        return context.Runs(command, async (call, ct) =>
        {
            var answer = await call.Hub.SendAsync(HttpMethod.Post, Path + "/run", null, null, ct);
            return call.Print(answer, run => WriteRun(call.Out, "Đã kéo / pulled", run.Object()));
        });
    }

    private static void WriteRun(TextWriter output, string title, JsonObject run)
    {
        output.WriteLine($"{title}: {Show.When(run["endedAt"])}: liệt kê / listed {Show.Value(run["listed"])}, lưu mới / stored {Show.Value(run["stored"])}, đã có / already stored {Show.Value(run["alreadyStored"])}, báo đã nhận / acknowledged {Show.Value(run["acknowledged"])}, trạng thái / statuses {Show.Value(run["statusesSent"])}, lỗi / failed {Show.Value(run["failed"])}");
        foreach (var error in (run["errors"] as JsonArray ?? []))
        {
            output.WriteLine("  " + Show.Value(error));
        }
    }
}
