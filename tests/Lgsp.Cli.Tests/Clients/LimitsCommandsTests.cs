using System.Text.Json.Nodes;
using Lgsp.Cli.Tests.Infrastructure;

namespace Lgsp.Cli.Tests.Clients;

/// <summary><c>clients limits …</c> against the fake hub's versioned access rights over real HTTP: requests, tables, exit codes.</summary>
public sealed class LimitsCommandsTests
{
    private const string Portal = "provincial-portal";
    private const string RightsPath = "/admin/v1/clients/provincial-portal/access-rights";

    [Fact]
    public async Task Set_RateBurstAndQuota_PatchesOneSourceWithReasonAndIfMatch()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "clients", "limits", "set", Portal, "--source", "business",
            "--rate", "50", "--burst", "80", "--daily-quota", "1000", "--reason", "Quyết định 12/QĐ-UBND");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var requests = hub.AdminRequests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(("GET", RightsPath), (requests[0].Method, requests[0].Path));
        Assert.Equal(("PATCH", RightsPath, "\"2\""), (requests[1].Method, requests[1].Path, requests[1].IfMatch));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            { "reason": "Quyết định 12/QĐ-UBND",
              "changes": { "services": { "business": { "rateLimit": { "permitsPerSecond": 50, "burst": 80 }, "dailyQuota": 1000 } } } }
            """), requests[1].Json), requests[1].Body);
        Assert.Contains("provincial-portal phiên bản / version 2 → 3", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^CSDL đăng ký doanh nghiệp / business\s+50/s \(dồn / burst 80\)\s+1000/ngày / day\r?$", result.Out);
    }

    [Fact]
    public async Task Set_NoRateWithIfVersion_RemovesTheRateLimitAtThatVersion()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "clients", "limits", "set", Portal, "--source", "insurance", "--no-rate", "--no-daily-quota",
            "--reason", "Bỏ giới hạn", "--if-version", "2");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var patch = Assert.Single(hub.AdminRequests);
        Assert.Equal("\"2\"", patch.IfMatch);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            { "reason": "Bỏ giới hạn", "changes": { "services": { "insurance": { "rateLimit": null, "dailyQuota": null } } } }
            """), patch.Json), patch.Body);
    }

    [Theory]
    [InlineData("--reason", "x")]
    [InlineData("--burst", "5", "--reason", "x")]
    [InlineData("--rate", "5", "--no-rate", "--reason", "x")]
    public async Task Set_NothingOrContradictory_IsAUsageErrorAndSendsNothing(params string[] options)
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, ["clients", "limits", "set", Portal, "--source", "business", .. options]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Empty(hub.AdminRequests);
    }

    [Fact]
    public async Task Show_AfterSet_PrintsLimitsTodaysUseAndRefusals()
    {
        await using var hub = await FakeHub.StartAsync();
        var set = await Terminal.RunAsync(hub, "clients", "limits", "set", Portal, "--source", "business", "--rate", "20", "--reason", "Thử");
        Assert.True(set.ExitCode == ExitCodes.Success, set.ToString());

        var result = await Terminal.RunAsync(hub, "clients", "limits", "show", Portal);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Matches(@"(?m)^Phiên bản / version:\s+3 \(người vận hành / operator\)\r?$", result.Out);
        Assert.Contains("2026-11-25", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^CSDL đăng ký doanh nghiệp / business\s+20/s \(dồn / burst 20\)\s+không giới hạn / none\s+12\s+3\s+0\s+1\r?$", result.Out);
        Assert.Contains(hub.AdminRequests, r => r.Method == "GET" && r.Path == "/admin/v1/clients/provincial-portal/usage");
    }

    [Fact]
    public async Task History_ListsOnlyVersionsThatChangedLimits()
    {
        await using var hub = await FakeHub.StartAsync();
        var set = await Terminal.RunAsync(hub, "clients", "limits", "set", Portal, "--source", "business", "--daily-quota", "300", "--reason", "Hạn mức 300");
        Assert.True(set.ExitCode == ExitCodes.Success, set.ToString());

        var result = await Terminal.RunAsync(hub, "clients", "limits", "history", Portal, "--json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var items = JsonNode.Parse(result.Out)!["items"]!.AsArray();
        var only = Assert.Single(items);
        Assert.Equal(3, only!["version"]!.GetValue<long>());
        Assert.Equal("services.business.dailyQuota", Assert.Single(only["changes"]!.AsArray())!["path"]!.GetValue<string>());

        var human = await Terminal.RunAsync(hub, "clients", "limits", "history", Portal);
        Assert.Contains("Hạn mức 300", human.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Thêm bảo hiểm", human.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_ToVersion_PostsTheRollbackWithIfMatch()
    {
        await using var hub = await FakeHub.StartAsync();
        await Terminal.RunAsync(hub, "clients", "limits", "set", Portal, "--source", "business", "--rate", "5", "--reason", "Siết");

        var result = await Terminal.RunAsync(hub, "clients", "limits", "rollback", Portal, "--to", "2", "--reason", "Trả lại", "--if-version", "3");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var rollback = hub.AdminRequests[^1];
        Assert.Equal(("POST", RightsPath + "/rollback", "\"3\""), (rollback.Method, rollback.Path, rollback.IfMatch));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "toVersion": 2, "reason": "Trả lại" }"""), rollback.Json), rollback.Body);
        Assert.Contains("version 3 → 4", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^CSDL đăng ký doanh nghiệp / business\s+không giới hạn / none\s+không giới hạn / none\r?$", result.Out);
    }
}
