using System.Text.Json.Nodes;
using Lgsp.Cli.Tests.Infrastructure;

namespace Lgsp.Cli.Tests;

/// <summary>
/// What people read (issue #14 item 10): every instant in Vietnam's time with its offset, whatever offset the hub used,
/// and the contract's values (kinds, circuit states, origins, actions, client and grant types, destinations, event
/// types, any purpose) named in Vietnamese; <c>--json</c> stays the hub's body byte for byte.
/// </summary>
public sealed class HumanOutputTests
{
    private const string EventId = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

    private const string UtcAdapter = """
        { "source": "business", "kind": "lookup", "enabled": true, "version": 4, "origin": "operator",
          "changedAt": "2026-12-07T15:13:50Z", "changedBy": "quantri.demo", "reason": "r",
          "settings": { "baseUrl": "http://127.0.0.1:8090/" },
          "health": { "circuit": "half-open", "calls": 3, "failures": 1, "errorRate": 0.3333, "p50Ms": 1, "p95Ms": 2, "windowSeconds": 300,
                      "lastFailure": { "code": "upstream.business.timeout", "at": "2026-12-07T15:10:00.1234567+00:00" } } }
        """;

    private const string UtcHistory = """
        { "source": "business", "currentVersion": 2, "items": [
          { "version": 2, "action": "disable", "at": "2026-12-07T17:00:00Z", "by": "lgsp-cli", "reason": "Bảo trì", "rolledBackTo": null, "changes": [] },
          { "version": 1, "action": "enable", "at": "2026-12-07T16:59:00Z", "by": "lgsp-cli", "reason": "Hết bảo trì", "rolledBackTo": null, "changes": [] } ] }
        """;

    private const string DeadLetterPage = $$"""
        {"items":[{"position":12,"eventId":"{{EventId}}","dossierCode":"000.00.14.H56-241124-0001","destination":"provincial","type":"dossier.updated.v1","idempotencyKey":"k1","deadAt":"2026-11-24T13:01:02Z","reason":"upstream.provincial.rejected","attempts":8}],"next":null}
        """;

    [Fact]
    public async Task AdaptersShow_UtcFromTheHub_ShowsVietnamTimeAndVietnameseValues()
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Answers["GET /admin/v1/adapters/business"] = FakeHub.Json(200, JsonNode.Parse(UtcAdapter)!);

        var result = await Terminal.RunAsync(hub, "adapters", "show", "business");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("Thay đổi / changed:    2026-12-07 22:13:50 +07:00 bởi / by quantri.demo", result.Out, StringComparison.Ordinal);
        Assert.Contains("upstream.business.timeout lúc / at 2026-12-07 22:10:00 +07:00", result.Out, StringComparison.Ordinal);
        Assert.Contains("Nguồn / source:        CSDL đăng ký doanh nghiệp / business (tra cứu / lookup)", result.Out, StringComparison.Ordinal);
        Assert.Contains("(người vận hành / operator)", result.Out, StringComparison.Ordinal);
        Assert.Contains("mạch / circuit đang gọi thử lại / half-open", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("15:13:50", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdaptersHistory_UtcFromTheHub_ShowsVietnamTimeAndVietnameseActions()
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Answers["GET /admin/v1/adapters/business/history"] = FakeHub.Json(200, JsonNode.Parse(UtcHistory)!);

        var result = await Terminal.RunAsync(hub, "adapters", "history", "business");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Matches(@"(?m)^2\s+tắt / disable\s+2026-12-08 00:00:00 \+07:00\s+lgsp-cli\s+Bảo trì", result.Out);
        Assert.Matches(@"(?m)^1\s+bật / enable\s+2026-12-07 23:59:00 \+07:00\s+lgsp-cli\s+Hết bảo trì", result.Out);
    }

    [Fact]
    public async Task DeadLettersList_UtcFromTheHub_ShowsVietnamTimeDestinationAndEventType()
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Answers["GET /admin/v1/dead-letters"] = FakeHub.Json(200, JsonNode.Parse(DeadLetterPage)!);

        var result = await Terminal.RunAsync(hub, "dead-letters", "list");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("một cửa tỉnh / provincial", result.Out, StringComparison.Ordinal);
        Assert.Contains("cập nhật hồ sơ / dossier.updated.v1", result.Out, StringComparison.Ordinal);
        Assert.Contains("2026-11-24 20:01:02 +07:00", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientsList_Human_NamesGrantTypesInVietnamese()
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Answers["GET /admin/v1/clients"] = FakeHub.Json(200, JsonNode.Parse("""
            [ { "clientId": "console", "displayName": "Bảng điều khiển", "type": "public", "grantTypes": ["authorization_code", "refresh_token"],
                "scopes": ["openid"], "redirectUris": [], "postLogoutRedirectUris": [], "accessRights": null } ]
            """)!);

        var result = await Terminal.RunAsync(hub, "clients", "list");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("công khai / public", result.Out, StringComparison.Ordinal);
        Assert.Contains("đăng nhập người dùng / authorization_code", result.Out, StringComparison.Ordinal);
        Assert.Contains("gia hạn phiên / refresh_token", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NationalPullStatus_Human_ShowsFlagsAsYesNoAndVietnamTime()
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Answers["GET /admin/v1/national-dossier-pull"] = FakeHub.Json(200, JsonNode.Parse("""
            { "enabled": true, "interval": "00:05:00", "lastPull": null, "lastSuccessfulPullAt": "2026-12-07T12:55:02Z",
              "stored": 1, "unacknowledged": 1, "statusesPending": 0,
              "failing": [ { "nationalCode": "N-1", "dossierCode": "D-1", "acknowledged": false, "ackAttempts": 2, "lastError": "x", "lastErrorAt": "2026-12-07T13:00:02Z" } ] }
            """)!);

        var result = await Terminal.RunAsync(hub, "national-pull", "status");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("Bật / enabled: có / yes", result.Out, StringComparison.Ordinal);
        Assert.Contains("last successful: 2026-12-07 19:55:02 +07:00", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^N-1\s+D-1\s+KHÔNG / no\s+2\s+2026-12-07 20:00:02 \+07:00\s+x\r?$", result.Out);
    }

    [Theory]
    [InlineData("GET /admin/v1/adapters/business", UtcAdapter, "adapters", "show", "business")]
    [InlineData("GET /admin/v1/adapters/business/history", UtcHistory, "adapters", "history", "business")]
    [InlineData("GET /admin/v1/dead-letters", DeadLetterPage, "dead-letters", "list")]
    public async Task Json_SameData_IsTheHubsBodyByteForByte(string route, string body, params string[] command)
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Answers[route] = new Answer(200, body);

        var result = await Terminal.RunAsync(hub, [.. command, "--json"]);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal(body + Environment.NewLine, result.Out);
    }

    [Fact]
    public async Task Error_ProblemWithADetail_PrintsTheDetailInBothLanguages()
    {
        await using var hub = await FakeHub.StartAsync();
        var problem = FakeHub.ProblemBody(404, "client.not_found", "Không tìm thấy tài nguyên yêu cầu.", "The requested resource was not found.");
        problem["detailMessage"] = new JsonObject { ["vi"] = "Không có bộ kết nối 'nowhere'.", ["en"] = "There is no adapter 'nowhere'." };
        hub.Answers["GET /admin/v1/adapters/nowhere"] = FakeHub.Json(404, problem, contentType: "application/problem+json");

        var result = await Terminal.RunAsync(hub, "adapters", "show", "nowhere");

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains("  Không có bộ kết nối 'nowhere'.", result.Error, StringComparison.Ordinal);
        Assert.Contains("  There is no adapter 'nowhere'.", result.Error, StringComparison.Ordinal);
    }
}
