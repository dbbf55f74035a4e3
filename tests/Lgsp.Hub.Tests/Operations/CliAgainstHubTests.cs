using System.Text.Json.Nodes;
using Lgsp.Cli;
using LgspCli = Lgsp.Cli.Cli;
using Lgsp.Hub.Tests.Identity;
using Lgsp.Hub.Tests.Infrastructure;

namespace Lgsp.Hub.Tests.Operations;

/// <summary>
/// The operators' CLI (<see cref="LgspCli.RunAsync"/>) against a real hub on Kestrel: the client-credentials token of
/// <c>lgsp-cli</c> from the real token endpoint, then <c>/admin/v1</c>: dead letters, adapters, clients and their access rights.
/// </summary>
public sealed class CliAgainstHubTests(IdentityHubFixture fixture) : IClassFixture<IdentityHubFixture>
{
    [Fact]
    public async Task DeadLettersList_WithTheCliSecret_ReadsTheHubsAnswer()
    {
        var (code, stdout, stderr) = await RunAsync(fixture.Hub.Secret("lgsp-cli"), "dead-letters", "list", "--json");

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.IsType<JsonArray>(JsonNode.Parse(stdout)!["items"]);
    }

    [Fact]
    public async Task DeadLettersReplay_Unknown_ExitsNotFoundWithTheHubsProblem()
    {
        var (code, _, stderr) = await RunAsync(fixture.Hub.Secret("lgsp-cli"), "dead-letters", "replay", Guid.NewGuid().ToString());

        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains("dead_letter.not_found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdaptersSet_ReadsTheETagThenPatches_AndAStaleVersionIsAConflict()
    {
        var secret = fixture.Hub.Secret("lgsp-cli");

        var set = await RunAsync(secret, "adapters", "set", "insurance", "--reason", "Thử từ CLI", "--retries", "4", "--json");
        var history = await RunAsync(secret, "adapters", "history", "insurance", "--json");
        var stale = await RunAsync(secret, "adapters", "set", "insurance", "--reason", "Cũ", "--retries", "1", "--if-version", "0");

        Assert.True(set.Code == ExitCodes.Success, set.Error);
        var version = JsonNode.Parse(set.Out)!["version"]!.GetValue<long>();
        Assert.True(version >= 1);
        var newest = JsonNode.Parse(history.Out)!["items"]![0]!;
        Assert.Equal("Thử từ CLI", newest["reason"]!.GetValue<string>());
        Assert.Equal("lgsp-cli", newest["by"]!.GetValue<string>());
        Assert.Contains(newest["changes"]!.AsArray(), c => c!["path"]!.GetValue<string>().Equals("retry.maxRetryAttempts", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(ExitCodes.Conflict, stale.Code);
        Assert.Contains($"current version: {version}", stale.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientsLimits_SetShowHistoryRollback_AgainstTheVersionedRights()
    {
        var secret = fixture.Hub.Secret("lgsp-cli");

        var set = await RunAsync(secret, "clients", "limits", "set", "provincial-portal", "--source", "land", "--rate", "7", "--daily-quota", "70", "--reason", "Thử giới hạn từ CLI", "--json");
        Assert.True(set.Code == ExitCodes.Success, set.Error);
        var version = JsonNode.Parse(set.Out)!["version"]!.GetValue<long>();
        var land = JsonNode.Parse(set.Out)!["accessRights"]!["services"]!["land"]!;
        Assert.Equal((7, 70), (land["rateLimit"]!["permitsPerSecond"]!.GetValue<int>(), land["dailyQuota"]!.GetValue<int>()));

        var show = await RunAsync(secret, "clients", "limits", "show", "provincial-portal");
        Assert.True(show.Code == ExitCodes.Success, show.Error);
        Assert.Matches(@"(?m)^.*/ land\s+7/s \(dồn / burst 7\)\s+70/ngày / day\s+0\s+0\s+0\s+0\r?$", show.Out);

        var history = await RunAsync(secret, "clients", "limits", "history", "provincial-portal", "--json");
        var newest = JsonNode.Parse(history.Out)!["items"]![0]!;
        Assert.Equal((version, "Thử giới hạn từ CLI"), (newest["version"]!.GetValue<long>(), newest["reason"]!.GetValue<string>()));
        Assert.All(newest["changes"]!.AsArray(), c => Assert.Matches(@"^services\.land\.(rateLimit|dailyQuota)", c!["path"]!.GetValue<string>()));

        var rollback = await RunAsync(secret, "clients", "limits", "rollback", "provincial-portal", "--to", (version - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "--reason", "Bỏ thử", "--json");
        Assert.True(rollback.Code == ExitCodes.Success, rollback.Error);
        Assert.Null(JsonNode.Parse(rollback.Out)!["accessRights"]!["services"]!["land"]!["rateLimit"]);
    }

    [Fact]
    public async Task Maintenance_OnShowOff_AgainstTheHub()
    {
        var secret = fixture.Hub.Secret("lgsp-cli");

        var on = await RunAsync(secret, "maintenance", "on", "--scope", "H56.14", "--message-vi", "Chuyển trụ sở", "--message-en", "Moving", "--until", "2h", "--reason", "Kế hoạch 9", "--json");
        Assert.True(on.Code == ExitCodes.Success, on.Error);
        Assert.True(JsonNode.Parse(on.Out)!["active"]!.GetValue<bool>());

        var show = await RunAsync(secret, "maintenance", "show");
        Assert.True(show.Code == ExitCodes.Success, show.Error);
        Assert.Matches(@"(?m)^000\.00\.14\.H56\s+\d+\s+có / yes\s+.*Chuyển trụ sở / Moving\r?$", show.Out);

        var off = await RunAsync(secret, "maintenance", "off", "--scope", "H56.14", "--reason", "Xong");
        Assert.True(off.Code == ExitCodes.Success, off.Error);
        Assert.Contains("KHÔNG / no", off.Out, StringComparison.Ordinal);

        var history = await RunAsync(secret, "maintenance", "history", "--scope", "H56.14");
        Assert.Contains("tắt bảo trì", history.Out, StringComparison.Ordinal);
        Assert.Contains("bật bảo trì", history.Out, StringComparison.Ordinal);

        var bad = await RunAsync(secret, "maintenance", "on", "--message-vi", "a", "--message-en", "b", "--until", "later", "--reason", "x");
        Assert.Equal(ExitCodes.Usage, bad.Code);
    }

    [Fact]
    public async Task ClientsRightsShow_DemoClient_ListsItsRateLimitAndDailyQuota()
    {
        var show = await RunAsync(fixture.Hub.Secret("lgsp-cli"), "clients", "rights", "show", "provincial-portal");

        Assert.True(show.Code == ExitCodes.Success, show.Error);
        Assert.Contains("Giới hạn / limits:", show.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  CSDL đăng ký doanh nghiệp / business: 100 yêu cầu/giây, dồn tối đa 200 / 100 requests/s, burst 200\r?$", show.Out);
        Assert.Contains("5000 yêu cầu/ngày (giờ Việt Nam) / 5000 requests a day (Vietnam time)", show.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientsRights_GrantShowHistoryRollback_ThroughTheRealHub()
    {
        // national-portal has no lookup rights in config/access-rights.json (only dossierAgencies): version 0, it may call no source.
        var secret = fixture.Hub.Secret("lgsp-cli");
        const string Reason = "Cấp quyền tra cứu doanh nghiệp từ CLI";

        var grant = await RunAsync(secret, "clients", "rights", "set", "national-portal", "--reason", Reason,
            "--agency", "000.00.14.H56", "--grant", "business=*", "--json");
        var show = await RunAsync(secret, "clients", "rights", "show", "national-portal");
        var history = await RunAsync(secret, "clients", "rights", "history", "national-portal", "--json");
        var rollback = await RunAsync(secret, "clients", "rights", "rollback", "national-portal", "--to", "0", "--reason", "Thu hồi sau thử nghiệm", "--json");
        var after = await RunAsync(secret, "clients", "rights", "show", "national-portal");

        Assert.True(grant.Code == ExitCodes.Success, grant.Error);
        var granted = JsonNode.Parse(grant.Out)!;
        var version = granted["version"]!.GetValue<long>();
        Assert.True(version >= 1);
        Assert.Equal("""["*"]""", granted["accessRights"]!["services"]!["business"]!["purposes"]!.ToJsonString());
        Assert.True(show.Code == ExitCodes.Success, show.Error);
        Assert.Matches(@"(?m)^CSDL đăng ký doanh nghiệp / business\s+mọi mục đích / \*\s+toàn bộ / whole record\r?$", show.Out);
        Assert.Contains("000.00.14.H56", show.Out, StringComparison.Ordinal);
        Assert.True(history.Code == ExitCodes.Success, history.Error);
        var newest = JsonNode.Parse(history.Out)!["items"]![0]!;
        Assert.Equal(version, newest["version"]!.GetValue<long>());
        Assert.Equal("lgsp-cli", newest["by"]!.GetValue<string>());
        Assert.Equal(Reason, newest["reason"]!.GetValue<string>());
        Assert.Contains(newest["changes"]!.AsArray(), c => c!["path"]!.GetValue<string>().StartsWith("services.business", StringComparison.OrdinalIgnoreCase));
        Assert.True(rollback.Code == ExitCodes.Success, rollback.Error);
        Assert.Equal(version + 1, JsonNode.Parse(rollback.Out)!["version"]!.GetValue<long>());
        Assert.True(after.Code == ExitCodes.Success, after.Error);
        Assert.DoesNotMatch(@"(?m)^CSDL đăng ký doanh nghiệp / business\s", after.Out);
        Assert.Contains("may not call any source", after.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HumanTables_ReadTheRealAnswers()
    {
        var secret = fixture.Hub.Secret("lgsp-cli");

        var list = await RunAsync(secret, "adapters", "list");
        var show = await RunAsync(secret, "adapters", "show", "business");
        var clients = await RunAsync(secret, "clients", "list");
        var test = await RunAsync(secret, "adapters", "test", "business");

        Assert.True(list.Code == ExitCodes.Success, list.Error);
        Assert.Matches(@"(?m)^Cổng DVCQG / dvcqg\s+đồng bộ / sync\s", list.Out);
        Assert.True(show.Code == ExitCodes.Success, show.Error);
        Assert.Matches(@"(?m)^retry\.maxRetryAttempts\s+\d+\r?$", show.Out);
        Assert.True(clients.Code == ExitCodes.Success, clients.Error);
        Assert.Matches(@"(?m)^lgsp-cli\s", clients.Out);
        Assert.Contains(test.Code, new[] { ExitCodes.Success, ExitCodes.TargetUnreachable });
        Assert.Contains("business", test.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_WrongSecret_ExitsUnauthorizedWithoutPrintingIt()
    {
        var (code, stdout, stderr) = await RunAsync("not-the-secret-8d2k", "dead-letters", "list");

        Assert.Equal(ExitCodes.Unauthorized, code);
        Assert.Contains("invalid_client", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret-8d2k", stdout + stderr, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Out, string Error)> RunAsync(string secret, params string[] args)
    {
        // Only this test run's TLS certificate is trusted, as a browser of the hub's tests does (the CLI has no --insecure).
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == HubFactory.TlsThumbprint,
        };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new Dictionary<string, string?> { ["LGSP_HUB_URL"] = fixture.Hub.Address.ToString(), ["LGSP_CLI_SECRET"] = secret };
        var code = await LgspCli.RunAsync(args, stdout, stderr, handler, environment);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
