using System.Text.Json.Nodes;
using Lgsp.Cli.Tests.Infrastructure;

namespace Lgsp.Cli.Tests.DeadLetters;

public sealed class DeadLettersCommandsTests
{
    private const string EventId = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

    [Fact]
    public async Task List_PassesTheFiltersAndShowsTheNextPage()
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Answers["GET /admin/v1/dead-letters"] = FakeHub.Json(200, JsonNode.Parse($$"""
            { "items": [ { "position": 12, "eventId": "{{EventId}}", "dossierCode": "000.00.14.H56-241124-0001", "destination": "dvcqg",
                           "type": "status-changed", "idempotencyKey": "k1", "deadAt": "2026-11-24T20:01:02+07:00",
                           "reason": "upstream.dvcqg.rejected", "attempts": 8 } ],
              "next": 12 }
            """)!);

        var result = await Terminal.RunAsync(hub, "dead-letters", "list", "--destination", "dvcqg", "--limit", "1", "--after", "5");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal("?destination=dvcqg&after=5&limit=1", hub.AdminRequests.Single().Query);
        Assert.Contains(EventId, result.Out, StringComparison.Ordinal);
        Assert.Contains("upstream.dvcqg.rejected", result.Out, StringComparison.Ordinal);
        Assert.Contains("--after 12", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_PostsTheEventId()
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Answers[$"POST /admin/v1/dead-letters/{EventId}/replay"] = FakeHub.Json(202, new JsonObject { ["eventId"] = EventId, ["state"] = "replayed" });

        var result = await Terminal.RunAsync(hub, "dead-letters", "replay", EventId);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("replayed", result.Out, StringComparison.Ordinal);
        Assert.Equal("POST", hub.AdminRequests.Single().Method);
    }

    [Fact]
    public async Task Replay_Unknown_ExitsFiveWithTheFieldError()
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Answers[$"POST /admin/v1/dead-letters/{EventId}/replay"] = FakeHub.Problem(404, "client.not_found", "Không tìm thấy.", "Not found.",
            ("id", "dead_letter.not_found", "Không có thư chết với mã này.", "No dead letter has this id."));

        var result = await Terminal.RunAsync(hub, "dead-letters", "replay", EventId);

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains("id: Không có thư chết với mã này. / No dead letter has this id. [dead_letter.not_found]", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_NotAGuid_IsAUsageError()
    {
        await using var hub = await FakeHub.StartAsync();

        var result = await Terminal.RunAsync(hub, "dead-letters", "replay", "42");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Empty(hub.Requests);
    }
}
