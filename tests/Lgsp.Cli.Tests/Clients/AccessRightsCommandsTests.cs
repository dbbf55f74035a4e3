using System.Text.Json.Nodes;
using Lgsp.Cli.Tests.Infrastructure;

namespace Lgsp.Cli.Tests.Clients;

/// <summary><c>clients rights …</c> against the fake hub's access rights over real HTTP: requests, tables, exit codes.</summary>
public sealed class AccessRightsCommandsTests
{
    private const string Portal = "provincial-portal";
    private const string RightsPath = "/admin/v1/clients/provincial-portal/access-rights";

    [Fact]
    public async Task Show_Human_PrintsTheAgencyVersionAndASourceTable()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "clients", "rights", "show", Portal);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Matches(@"(?m)^Cơ quan / agency:\s+000\.00\.01\.H56\r?$", result.Out);
        Assert.Matches(@"(?m)^Phiên bản / version:\s+2 \(người vận hành / operator\)\r?$", result.Out);
        Assert.Contains("2026-11-24 20:01:02 +07:00 bởi / by lgsp-cli", result.Out, StringComparison.Ordinal);
        Assert.Contains("Giới hạn trường theo công văn 45", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^NGUỒN / SOURCE\s+MỤC ĐÍCH / PURPOSES\s+TRƯỜNG / FIELDS\r?$", result.Out);
        Assert.Matches(@"(?m)^CSDL đăng ký doanh nghiệp / business\s+mọi mục đích / \*\s+toàn bộ / whole record\r?$", result.Out);
        Assert.Matches(@"(?m)^CSDL bảo hiểm xã hội / insurance\s+1\.001193\s+name insuranceCode\r?$", result.Out);
        Assert.Equal(("GET", RightsPath), (hub.AdminRequests.Single().Method, hub.AdminRequests.Single().Path));
    }

    [Fact]
    public async Task Show_ClientWithoutRights_SaysItMayCallNoSource()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "clients", "rights", "show", "lgsp-cli");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Matches(@"(?m)^Cơ quan / agency:\s+—\r?$", result.Out);
        Assert.Matches(@"(?m)^Phiên bản / version:\s+0 \(tệp cấu hình / files\)\r?$", result.Out);
        Assert.Contains("(không có / none)", result.Out, StringComparison.Ordinal);
        Assert.Contains("may not call any source", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_Json_PrintsTheHubsAnswerAsIs()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "clients", "rights", "show", Portal, "--json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var answer = JsonNode.Parse(result.Out)!;
        Assert.Equal(2, answer["version"]!.GetValue<long>());
        Assert.True(JsonNode.DeepEquals(hub.Rights.RightsOf(Portal), answer["accessRights"]));
    }

    [Fact]
    public async Task Show_UnknownClient_ExitsFive()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "clients", "rights", "show", "nobody");

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains("client.not_found", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Set_WithoutIfVersion_ReadsTheRightsThenPatchesWithTheirETag()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "clients", "rights", "set", Portal, "--reason", "Công văn 77",
            "--agency", "000.00.14.H56", "--grant", "land=1.004227,2.000488", "--fields", "land=soThua", "--all-fields", "insurance",
            "--revoke", "business");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var requests = hub.AdminRequests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(("GET", RightsPath, (string?)null), (requests[0].Method, requests[0].Path, requests[0].IfMatch));
        Assert.Equal(("PATCH", RightsPath, "\"2\""), (requests[1].Method, requests[1].Path, requests[1].IfMatch));
        Assert.StartsWith("application/json", requests[1].ContentType, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            { "reason": "Công văn 77",
              "changes": { "agencyCode": "000.00.14.H56",
                           "services": { "land": { "purposes": ["1.004227", "2.000488"], "fields": ["soThua"] },
                                         "insurance": { "fields": null }, "business": null } } }
            """), requests[1].Json), requests[1].Body);
        Assert.Contains("provincial-portal phiên bản / version 2 → 3", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^CSDL đất đai / land\s+1\.004227 2\.000488\s+soThua\r?$", result.Out);
        Assert.Matches(@"(?m)^CSDL bảo hiểm xã hội / insurance\s+1\.001193\s+toàn bộ / whole record\r?$", result.Out);
        Assert.DoesNotMatch(@"(?m)^business\s", result.Out);
        Assert.Equal(3, hub.Rights.VersionOf(Portal));
    }

    [Fact]
    public async Task Set_WithIfVersion_PatchesAtOnceWithThatVersion()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "clients", "rights", "set", Portal, "--reason", "r", "--grant", "business=1.001193", "--if-version", "2", "--json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var patch = Assert.Single(hub.AdminRequests);
        Assert.Equal(("PATCH", "\"2\""), (patch.Method, patch.IfMatch));
        var answer = JsonNode.Parse(result.Out)!;
        Assert.Equal(3, answer["version"]!.GetValue<long>());
        Assert.Equal("""["1.001193"]""", answer["accessRights"]!["services"]!["business"]!["purposes"]!.ToJsonString());
    }

    [Fact]
    public async Task Set_StaleIfVersion_ExitsSixAndShowsTheCurrentVersion()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "clients", "rights", "set", Portal, "--reason", "r", "--revoke", "insurance", "--if-version", "1");

        Assert.Equal(ExitCodes.Conflict, result.ExitCode);
        Assert.Contains("client.conflict", result.Error, StringComparison.Ordinal);
        Assert.Contains("current version: 2", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, hub.Rights.VersionOf(Portal));
    }

    [Fact]
    public async Task Set_PreconditionRequired_ExitsSix()
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Answers["PATCH " + RightsPath] = FakeHub.Problem(428, "client.precondition_required", "Thiếu If-Match.", "If-Match is required.");

        var result = await Terminal.RunAsync(hub, "clients", "rights", "set", Portal, "--reason", "r", "--revoke", "insurance");

        Assert.Equal(ExitCodes.Conflict, result.ExitCode);
        Assert.Contains("client.precondition_required", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_RejectedByValidation_ExitsThreeAndListsEveryFieldError()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "clients", "rights", "set", Portal, "--reason", "r",
            "--grant", "nowhere=1.001193", "--set", "services.land.fields=[\"x\"]");

        Assert.Equal(ExitCodes.Rejected, result.ExitCode);
        Assert.Contains("client.validation_failed", result.Error, StringComparison.Ordinal);
        Assert.Contains("services.nowhere: Không có nguồn này. / No such source. [source.unknown]", result.Error, StringComparison.Ordinal);
        Assert.Contains("services.land.purposes: Cần ít nhất một mục đích. / At least one purpose is needed. [purposes.required]", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, hub.Rights.VersionOf(Portal));
    }

    [Fact]
    public async Task Set_ContradictoryArguments_ExitTwoListingEveryProblemBeforeAnyRequest()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "clients", "rights", "set", Portal, "--reason", "r",
            "--grant", "land=1.004227", "--revoke", "land", "--fields", "insurance=name", "--all-fields", "insurance");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Invalid access-rights arguments.", result.Error, StringComparison.Ordinal);
        Assert.Contains("--revoke land và/and --grant land", result.Error, StringComparison.Ordinal);
        Assert.Contains("--fields insurance và/and --all-fields insurance", result.Error, StringComparison.Ordinal);
        Assert.Empty(hub.Requests);
    }

    [Theory]
    [InlineData("clients", "rights", "set", Portal, "--grant", "land=a")]
    [InlineData("clients", "rights", "set", "--reason", "r", "--grant", "land=a")]
    [InlineData("clients", "rights", "rollback", Portal, "--reason", "r")]
    [InlineData("clients", "rights", "rollback", Portal, "--to", "latest", "--reason", "r")]
    [InlineData("clients", "rights", "show")]
    [InlineData("clients", "rights")]
    public async Task RunAsync_BadArguments_ExitsTwoWithoutCallingTheHub(params string[] args)
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, args);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains("usage error", result.Error, StringComparison.Ordinal);
        Assert.Empty(hub.Requests);
    }

    [Fact]
    public async Task Set_NothingToChange_ExitsTwo()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "clients", "rights", "set", Portal, "--reason", "r");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Nothing to change", result.Error, StringComparison.Ordinal);
        Assert.Empty(hub.Requests);
    }

    [Fact]
    public async Task History_PrintsWhoWhyAndEachChangeAsPathFromTo()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "clients", "rights", "history", Portal);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("provincial-portal: phiên bản hiện tại / current version 2", result.Out, StringComparison.Ordinal);
        Assert.Contains("services.insurance.fields: null → [\"name\",\"insuranceCode\"]", result.Out, StringComparison.Ordinal);
        Assert.Contains("services.insurance.purposes: null → [\"1.001193\"]", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^2\s+thay đổi / change\s+2026-11-24 20:01:02 \+07:00\s+lgsp-cli\s+Giới hạn trường theo công văn 45\s", result.Out);
        Assert.Matches(@"(?m)^0\s+tệp cấu hình / files\s+—\s+—\s+—\s*\r?$", result.Out);
        Assert.Equal(RightsPath + "/history", hub.AdminRequests.Single().Path);
    }

    [Fact]
    public async Task History_Json_PrintsTheHubsAnswerAsIs()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "clients", "rights", "history", Portal, "--json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var history = JsonNode.Parse(result.Out)!;
        Assert.Equal(Portal, history["clientId"]!.GetValue<string>());
        Assert.Equal([2L, 1L, 0L], history["items"]!.AsArray().Select(i => i!["version"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Rollback_SendsTheTargetVersionWithTheETagJustRead_AndTheRightsComeBack()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "clients", "rights", "rollback", Portal, "--to", "0", "--reason", "Về tệp cấu hình");
        var history = await Terminal.RunAsync(hub, "clients", "rights", "history", Portal);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var post = hub.AdminRequests[1];
        Assert.Equal(("POST", RightsPath + "/rollback", "\"2\""), (post.Method, post.Path, post.IfMatch));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "toVersion": 0, "reason": "Về tệp cấu hình" }"""), post.Json), post.Body);
        Assert.Contains("version 2 → 3", result.Out, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^insurance\s", result.Out);
        Assert.Matches(@"(?m)^3\s+khôi phục / rollback → v0\s", history.Out);
    }

    [Fact]
    public async Task Rollback_NegativeVersion_ExitsTwoBeforeAnyRequest()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "clients", "rights", "rollback", Portal, "--to", "-1", "--reason", "r");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--to: a version is not negative.", result.Error, StringComparison.Ordinal);
        Assert.Empty(hub.Requests);
    }
}
