using System.CommandLine;
using System.Text.Json.Nodes;
using Lgsp.Cli.Hub;
using Lgsp.Cli.Output;

namespace Lgsp.Cli.Catalogue;

/// <summary>
/// <c>lgsp catalogue …</c>: the hub's copy of the national procedure catalogue (counts, last refresh, last failure)
/// and a refresh now.
/// </summary>
internal static class CatalogueCommands
{
    private const string Path = "catalogue";

    public static Command Build(CliContext context)
    {
        var catalogue = new Command("catalogue", "Danh mục thủ tục hành chính quốc gia (bản sao của hub) / the hub's copy of the national procedure catalogue");
        catalogue.Add(Show(context));
        catalogue.Add(Refresh(context));
        return catalogue;
    }

    private static Command Show(CliContext context)
    {
        var command = new Command("show", "Số lượng, lần làm mới, lỗi gần nhất / counts, last refresh, last failure");
        return context.Runs(command, async (call, ct) =>
        {
            var answer = await call.Hub.GetAsync(Path, ct);
            return call.Print(answer, a => Write(call.Out, a.Object()));
        });
    }

    private static Command Refresh(CliContext context)
    {
        var command = new Command("refresh", "Lấy lại danh mục từ Cổng DVCQG ngay / fetch the catalogue from DVCQG now");
        return context.Runs(command, async (call, ct) =>
        {
            var answer = await call.Hub.SendAsync(HttpMethod.Post, Path + "/refresh", null, null, ct);
            return call.Print(answer, a => Write(call.Out, a.Object()));
        });
    }

    private static void Write(TextWriter output, JsonObject status)
    {
        var table = new Table("MỤC / ITEM", "GIÁ TRỊ / VALUE");
        table.Add("Đang áp dụng / in force", Output.Show.YesNo(status["inForce"]));
        table.Add("Thủ tục / procedures", Output.Show.Value(status["procedures"]));
        table.Add("Cơ quan / agencies", Output.Show.Value(status["agencies"]));
        table.Add("Lĩnh vực / fields", Output.Show.Value(status["fields"]));
        table.Add("Lần thử cuối / last attempt", Output.Show.When(status["lastAttemptAt"]));
        table.Add("Thành công cuối / last success", Output.Show.When(status["lastSuccessAt"]));
        table.Add("Lỗi cuối / last failure", Output.Show.When(status["lastFailureAt"]));
        table.Add("Mã lỗi / error code", Output.Show.Value(status["lastErrorCode"]));
        table.Add("Lỗi liên tiếp / failures in a row", Output.Show.Value(status["consecutiveFailures"]));
        table.WriteTo(output);
    }
}
