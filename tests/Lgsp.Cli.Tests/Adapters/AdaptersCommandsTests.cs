using System.Text.Json.Nodes;
using Lgsp.Cli.Tests.Infrastructure;

namespace Lgsp.Cli.Tests.Adapters;

/// <summary>The adapter commands against a fake hub over real HTTP: requests sent, tables printed, exit codes.</summary>
public sealed class AdaptersCommandsTests
{
    [Fact]
    public async Task List_Human_PrintsATableWithBilingualHeaders()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "adapters", "list");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("NGUỒN / SOURCE", lines[0], StringComparison.Ordinal);
        Assert.Matches(
            @"^CSDL đăng ký doanh nghiệp / business\s+tra cứu / lookup\s+có / yes\s+3 \(người vận hành / operator\)\s+bình thường / closed\s+120\s+2 \(1\.7 %\)\s+40\.3\s+http://127\.0\.0\.1:8090/$",
            lines[2].TrimEnd('\r'));
        Assert.Equal("GET", hub.AdminRequests.Single().Method);
        Assert.Equal("/admin/v1/adapters", hub.AdminRequests.Single().Path);
    }

    [Fact]
    public async Task List_Json_PrintsTheHubsAnswerAsIs()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "adapters", "list", "--json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var adapters = Assert.IsType<JsonArray>(JsonNode.Parse(result.Out));
        Assert.Equal("business", adapters[0]!["source"]!.GetValue<string>());
        Assert.Equal(0.0167, adapters[0]!["health"]!["errorRate"]!.GetValue<double>());
    }

    [Fact]
    public async Task Show_Human_PrintsEverySettingAsADottedPath()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "adapters", "show", "business");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("quantri.demo", result.Out, StringComparison.Ordinal);
        Assert.Contains("upstream.business.timeout", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^retry\.maxRetryAttempts\s+2\r?$", result.Out);
        Assert.Matches(@"(?m)^rateLimit\s+—\r?$", result.Out);
        Assert.Matches(@"(?m)^credentialsSecret\s+LGSP_BUSINESS_CREDENTIALS\r?$", result.Out);
    }

    [Fact]
    public async Task Show_UnknownSource_ExitsFiveWithTheProblemInBothLanguages()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "adapters", "show", "nowhere");

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains("client.not_found", result.Error, StringComparison.Ordinal);
        Assert.Contains("Không tìm thấy.", result.Error, StringComparison.Ordinal);
        Assert.Contains("Not found.", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Show_ErrorWithJson_PrintsTheProblemOnStdoutToo()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "adapters", "show", "nowhere", "--json");

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Equal("client.not_found", JsonNode.Parse(result.Out)!["code"]!.GetValue<string>());
        Assert.Contains("client.not_found", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_WithoutIfVersion_ReadsTheAdapterThenPatchesWithItsETag()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "adapters", "set", "business", "--reason", "Công văn 123",
            "--base-url", "https://new.example/", "--attempt-timeout", "00:00:05", "--no-rate-limit", "--set", "retry.maxRetryAttempts=3");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var requests = hub.AdminRequests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(("GET", "/admin/v1/adapters/business", (string?)null), (requests[0].Method, requests[0].Path, requests[0].IfMatch));
        Assert.Equal(("PATCH", "/admin/v1/adapters/business", "\"3\""), (requests[1].Method, requests[1].Path, requests[1].IfMatch));
        Assert.StartsWith("application/json", requests[1].ContentType, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            { "reason": "Công văn 123",
              "changes": { "baseUrl": "https://new.example/", "attemptTimeout": "00:00:05", "retry": { "maxRetryAttempts": 3 }, "rateLimit": null } }
            """), requests[1].Json), requests[1].Body);
        Assert.Contains("3 → 4", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_WithIfVersion_PatchesAtOnceWithThatVersion()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "adapters", "set", "business", "--reason", "r", "--retries", "1", "--if-version", "3", "--json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var patch = Assert.Single(hub.AdminRequests);
        Assert.Equal(("PATCH", "\"3\""), (patch.Method, patch.IfMatch));
        Assert.Equal(4, JsonNode.Parse(result.Out)!["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Set_StaleIfVersion_ExitsSixAndShowsTheCurrentVersion()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "adapters", "set", "business", "--reason", "r", "--retries", "1", "--if-version", "1");

        Assert.Equal(ExitCodes.Conflict, result.ExitCode);
        Assert.Contains("client.conflict", result.Error, StringComparison.Ordinal);
        Assert.Contains("current version: 3", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, hub.Version);
    }

    [Fact]
    public async Task Set_ConflictWithoutCurrentVersion_ReadsTheAdapterToShowIt()
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Answers["PATCH /admin/v1/adapters/business"] = FakeHub.Problem(412, "client.conflict", "Đã thay đổi.", "Changed.");

        var result = await Terminal.RunAsync(hub, "adapters", "set", "business", "--reason", "r", "--retries", "1", "--if-version", "2");

        Assert.Equal(ExitCodes.Conflict, result.ExitCode);
        Assert.Contains("current version: 3", result.Error, StringComparison.Ordinal);
        Assert.Equal(["PATCH", "GET"], hub.AdminRequests.Select(r => r.Method));
    }

    [Fact]
    public async Task Set_RejectedByValidation_ExitsThreeAndListsEveryError()
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Answers["PATCH /admin/v1/adapters/business"] = FakeHub.Problem(400, "client.validation_failed", "Dữ liệu không hợp lệ.", "Validation failed.",
            ("attemptTimeout", "setting.invalid", "Thời gian chờ phải từ 10 ms đến 1 ngày.", "AttemptTimeout must be between 10 ms and 1 day."),
            ("foo", "setting.unknown", "Không có khóa này.", "No such setting."));

        var result = await Terminal.RunAsync(hub, "adapters", "set", "business", "--reason", "r", "--attempt-timeout", "00:00:00.001", "--set", "foo=1");

        Assert.Equal(ExitCodes.Rejected, result.ExitCode);
        Assert.Contains("client.validation_failed", result.Error, StringComparison.Ordinal);
        Assert.Contains("attemptTimeout: Thời gian chờ phải từ 10 ms đến 1 ngày. / AttemptTimeout must be between 10 ms and 1 day. [setting.invalid]", result.Error, StringComparison.Ordinal);
        Assert.Contains("foo: Không có khóa này. / No such setting. [setting.unknown]", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_BadArguments_ExitTwoBeforeAnyRequest()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "adapters", "set", "business", "--reason", "r", "--rate-limit", "10/00:00:01", "--no-rate-limit");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Empty(hub.Requests);
    }

    [Theory]
    [InlineData("disable", false)]
    [InlineData("enable", true)]
    public async Task Toggle_SendsTheReasonWithTheETagJustRead(string action, bool enabledAfter)
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Enabled = !enabledAfter;

        var result = await Terminal.RunAsync(hub, "adapters", action, "business", "--reason", "Bảo trì");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var post = hub.AdminRequests[^1];
        Assert.Equal(("POST", $"/admin/v1/adapters/business/{action}", "\"3\""), (post.Method, post.Path, post.IfMatch));
        Assert.Equal("Bảo trì", post.Json!["reason"]!.GetValue<string>());
        Assert.Equal(enabledAfter, hub.Enabled);
    }

    [Fact]
    public async Task Rollback_SendsTheTargetVersion()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "adapters", "rollback", "business", "--to", "0", "--reason", "Về tệp cấu hình");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var post = hub.AdminRequests[^1];
        Assert.Equal(("/admin/v1/adapters/business/rollback", "\"3\""), (post.Path, post.IfMatch));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "toVersion": 0, "reason": "Về tệp cấu hình" }"""), post.Json), post.Body);
    }

    [Fact]
    public async Task Disable_PreconditionRequired_ExitsSix()
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Answers["POST /admin/v1/adapters/business/disable"] = FakeHub.Problem(428, "client.precondition_required", "Thiếu If-Match.", "If-Match is required.");

        var result = await Terminal.RunAsync(hub, "adapters", "disable", "business", "--reason", "r");

        Assert.Equal(ExitCodes.Conflict, result.ExitCode);
        Assert.Contains("client.precondition_required", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_Reachable_ExitsZeroAndSendsTheCandidateUrl()
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Answers["POST /admin/v1/adapters/business/test"] = FakeHub.Json(200, JsonNode.Parse("""
            { "source": "business", "target": "https://candidate/", "reachable": true, "status": 404, "latencyMs": 3.2, "error": null }
            """)!);

        var result = await Terminal.RunAsync(hub, "adapters", "test", "business", "--base-url", "https://candidate/");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("HTTP 404, 3.2 ms", result.Out, StringComparison.Ordinal);
        Assert.Equal("https://candidate/", hub.AdminRequests.Single().Json!["baseUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task Test_Unreachable_ExitsEight()
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Answers["POST /admin/v1/adapters/business/test"] = FakeHub.Json(200, JsonNode.Parse("""
            { "source": "business", "target": "http://10.0.0.9/", "reachable": false, "status": null, "latencyMs": 5000,
              "error": { "code": "upstream.business.unavailable", "message": "Connection refused" } }
            """)!);

        var human = await Terminal.RunAsync(hub, "adapters", "test", "business");
        var json = await Terminal.RunAsync(hub, "adapters", "test", "business", "--json");

        Assert.Equal(ExitCodes.TargetUnreachable, human.ExitCode);
        Assert.Contains("upstream.business.unavailable: Connection refused", human.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.TargetUnreachable, json.ExitCode);
        Assert.False(JsonNode.Parse(json.Out)!["reachable"]!.GetValue<bool>());
        Assert.Empty(hub.AdminRequests[0].Body);
    }

    [Fact]
    public async Task History_PrintsEachChangeAsPathFromTo()
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Answers["GET /admin/v1/adapters/business/history"] = FakeHub.Json(200, JsonNode.Parse("""
            { "source": "business", "currentVersion": 3, "items": [
              { "version": 3, "action": "rollback", "at": "2026-11-24T20:01:02+07:00", "by": "lgsp-cli", "reason": "Quay lại", "rolledBackTo": 1,
                "changes": [ { "path": "baseUrl", "from": "http://b/", "to": "http://a/" }, { "path": "rateLimit", "from": { "permitLimit": 5 }, "to": null } ] },
              { "version": 0, "action": "files", "at": null, "by": null, "reason": null, "rolledBackTo": null, "changes": [] } ] }
            """)!);

        var result = await Terminal.RunAsync(hub, "adapters", "history", "business");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("current version 3", result.Out, StringComparison.Ordinal);
        Assert.Contains("HÀNH ĐỘNG / ACTION", result.Out, StringComparison.Ordinal);
        Assert.Contains("khôi phục / rollback → v1", result.Out, StringComparison.Ordinal);
        Assert.Contains("2026-11-24 20:01:02 +07:00", result.Out, StringComparison.Ordinal);
        Assert.Contains("baseUrl: \"http://b/\" → \"http://a/\"", result.Out, StringComparison.Ordinal);
        Assert.Contains("rateLimit: {\"permitLimit\":5} → null", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^0\s+tệp cấu hình / files\s+—\s+—\s+—\s*\r?$", result.Out);
    }

    [Theory]
    [InlineData(401, "client.unauthenticated", ExitCodes.Unauthorized)]
    [InlineData(403, "client.forbidden", ExitCodes.Unauthorized)]
    [InlineData(500, "hub.internal", ExitCodes.HubUnavailable)]
    [InlineData(503, "hub.unavailable", ExitCodes.HubUnavailable)]
    public async Task List_ErrorStatus_MapsToItsExitCode(int status, string code, int expected)
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Answers["GET /admin/v1/adapters"] = FakeHub.Problem(status, code, "Lỗi.", "Error.");

        var result = await Terminal.RunAsync(hub, "adapters", "list");

        Assert.Equal(expected, result.ExitCode);
        Assert.Contains(code, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_NonJsonErrorFromAProxy_ExitsSevenWithTheStatus()
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Answers["GET /admin/v1/adapters"] = new Answer(502, "<html>Bad Gateway</html>", "text/html");

        var result = await Terminal.RunAsync(hub, "adapters", "list");

        Assert.Equal(ExitCodes.HubUnavailable, result.ExitCode);
        Assert.Contains("HTTP 502", result.Error, StringComparison.Ordinal);
    }
}
