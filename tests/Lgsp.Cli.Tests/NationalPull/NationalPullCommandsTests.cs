using System.Text.Json.Nodes;
using Lgsp.Cli.Tests.Infrastructure;

namespace Lgsp.Cli.Tests.NationalPull;

public sealed class NationalPullCommandsTests
{
    [Fact]
    public async Task Status_ShowsTheLastPullPendingAndFailingDossiers()
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Answers["GET /admin/v1/national-dossier-pull"] = FakeHub.Json(200, JsonNode.Parse("""
            { "enabled": true, "interval": "00:05:00",
              "lastPull": { "id": 7, "startedAt": "2026-12-07T20:00:00+07:00", "endedAt": "2026-12-07T20:00:02+07:00", "listed": 3, "stored": 2,
                            "alreadyStored": 1, "acknowledged": 2, "statusesSent": 2, "failed": 1,
                            "errors": [ "000.00.00.H56-261207-00001: acknowledgement: upstream.dvclt.unavailable: down" ] },
              "lastSuccessfulPullAt": "2026-12-07T19:55:02+07:00", "stored": 40, "unacknowledged": 1, "statusesPending": 0,
              "failing": [ { "nationalCode": "000.00.00.H56-261207-00001", "dossierCode": "H56-261207-0001", "acknowledged": false,
                             "ackAttempts": 2, "lastError": "upstream.dvclt.unavailable: down", "lastErrorAt": "2026-12-07T20:00:02+07:00" } ],
              "recent": [] }
            """)!);

        var result = await Terminal.RunAsync(hub, "national-pull", "status");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("000.00.00.H56-261207-00001", result.Out, StringComparison.Ordinal);
        Assert.Contains("H56-261207-0001", result.Out, StringComparison.Ordinal);
        Assert.Contains("unacknowledged: 1", result.Out, StringComparison.Ordinal);
        Assert.Contains("upstream.dvclt.unavailable", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PostsAndShowsTheRun()
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Answers["POST /admin/v1/national-dossier-pull/run"] = FakeHub.Json(200, JsonNode.Parse("""
            { "id": 8, "startedAt": "2026-12-07T20:10:00+07:00", "endedAt": "2026-12-07T20:10:01+07:00", "listed": 5, "stored": 5,
              "alreadyStored": 0, "acknowledged": 5, "statusesSent": 5, "failed": 0, "errors": [] }
            """)!);

        var result = await Terminal.RunAsync(hub, "national-pull", "run");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal("POST", hub.AdminRequests.Single().Method);
        Assert.Contains("stored 5", result.Out, StringComparison.Ordinal);
    }
}
