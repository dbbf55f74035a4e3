using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Cli;
using Lgsp.Core.Lookups;
using Lgsp.Hub.Tests.Operations;

namespace Lgsp.Hub.Tests.Catalogue;

/// <summary>
/// The hub's copy of DVCQG's procedure catalogue, against the real hub and the sandbox's stand-in over HTTP: a refresh
/// stores it, purposes and access rights outside it are refused, a failed refresh keeps the last copy and shows the
/// failure, and the schedule runs on fake time.
/// </summary>
public sealed class CatalogueTests(CatalogueFixture hub) : IClassFixture<CatalogueFixture>
{
    private const string Unknown = "1.999999";
    private const string Known = "1.001193";

    [Fact]
    public async Task Refresh_StoresTheCatalogue_AndOperatorsSeeItsCounts()
    {
        var status = await RefreshAsync();

        Assert.True(status.GetProperty("inForce").GetBoolean());
        Assert.Equal(12, status.GetProperty("procedures").GetInt32());
        Assert.Equal(6, status.GetProperty("agencies").GetInt32());
        Assert.Equal(5, status.GetProperty("fields").GetInt32());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("lastErrorCode").ValueKind);
        Assert.Equal(0, status.GetProperty("consecutiveFailures").GetInt32());
        Assert.Equal(hub.Clock.GetUtcNow(), status.GetProperty("lastSuccessAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Lookup_PurposeNotInTheCatalogue_IsRefusedWithUnknownProcedureAndNothingIsSent()
    {
        await RefreshAsync();
        var enterprise = await EnterpriseAsync();
        var token = await hub.TokenAsync("provincial-portal", "lgsp.business.read");
        var calls = await OperationsFixture.CallsAsync(hub.Sandbox, SourceNames.Business);

        using var refused = await hub.GetAsync(enterprise, token, purpose: Unknown);
        using var local = await hub.GetAsync(enterprise, token, purpose: Unknown + ".000.00.00.H56");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("client.unknown_procedure", problem.GetProperty("code").GetString());
        Assert.Equal("client", problem.GetProperty("faultOrigin").GetString());
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("X-Lgsp-Purpose", error.GetProperty("field").GetString());
        Assert.Equal("procedure.unknown", error.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("messageVi").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("messageEn").GetString()));
        Assert.Equal("client.unknown_procedure", (await local.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(calls, await OperationsFixture.CallsAsync(hub.Sandbox, SourceNames.Business));
        using var known = await hub.GetAsync(enterprise, token, purpose: Known);
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
    }

    [Fact]
    public async Task ChangeAccessRights_PurposeNotInTheCatalogue_IsRefusedAndNothingChanges()
    {
        await RefreshAsync();
        const string At = "/admin/v1/clients/audit-office/access-rights";
        using var read = await hub.AdminAsync(HttpMethod.Get, At);
        var etag = read.Headers.ETag!.ToString();

        using var change = await hub.AdminAsync(HttpMethod.Patch, At, new
        {
            reason = "Kiểm thử: thủ tục không có trong danh mục",
            changes = new { agencyCode = "000.00.20.H56", services = new { business = new { purposes = new[] { Unknown } } } },
        }, etag);

        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        var body = await change.Content.ReadAsStringAsync();
        Assert.Contains(Unknown, body, StringComparison.Ordinal);
        Assert.Contains("national procedure catalogue", body, StringComparison.Ordinal);
        using var after = await hub.AdminAsync(HttpMethod.Get, At);
        Assert.Equal(etag, after.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Refresh_Failing_KeepsTheLastCopyAndShowsTheFailure()
    {
        await RefreshAsync();
        var enterprise = await EnterpriseAsync();
        var token = await hub.TokenAsync("provincial-portal", "lgsp.business.read");
        await hub.Sandbox.SetFaultAsync("dvcqg", new { mode = "malformed" });
        JsonElement failed;
        try
        {
            failed = await RefreshAsync();
        }
        finally
        {
            await hub.Sandbox.ResetFaultAsync("dvcqg");
        }

        Assert.Equal("upstream.dvcqg.bad_response", failed.GetProperty("lastErrorCode").GetString());
        Assert.True(failed.GetProperty("consecutiveFailures").GetInt32() >= 1);
        Assert.True(failed.GetProperty("inForce").GetBoolean());
        Assert.Equal(12, failed.GetProperty("procedures").GetInt32());
        using (var known = await hub.GetAsync(enterprise, token, purpose: Known))
        {
            Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        }

        using var unknown = await hub.GetAsync(enterprise, token, purpose: Unknown);
        Assert.Equal("client.unknown_procedure", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Schedule_NextRefreshComesAfterTheIntervalOnFakeTime()
    {
        // The service refreshed at start, then asked for a wait of exactly the interval.
        await hub.Clock.WaitForTimerAsync(CatalogueFixture.Interval);
        var due = hub.Clock.GetUtcNow() + CatalogueFixture.Interval;

        hub.Clock.Advance(CatalogueFixture.Interval);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        JsonElement status;
        do
        {
            await Task.Delay(20, deadline.Token);
            status = await StatusAsync();
        }
        while (status.GetProperty("lastAttemptAt").ValueKind == JsonValueKind.Null || status.GetProperty("lastAttemptAt").GetDateTimeOffset() < due);

        Assert.Equal(due, status.GetProperty("lastAttemptAt").GetDateTimeOffset());
        Assert.Equal(12, status.GetProperty("procedures").GetInt32());
    }

    [Fact]
    public async Task Cli_CatalogueRefreshThenShow_ReadTheHubsCopy()
    {
        var refresh = await CliAsync("catalogue", "refresh", "--json");
        var show = await CliAsync("catalogue", "show");

        Assert.True(refresh.Code == ExitCodes.Success, refresh.Error);
        Assert.Equal(12, System.Text.Json.Nodes.JsonNode.Parse(refresh.Out)!["procedures"]!.GetValue<int>());
        Assert.True(show.Code == ExitCodes.Success, show.Error);
        Assert.Contains("12", show.Out, StringComparison.Ordinal);
        Assert.Contains("procedures", show.Out, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Out, string Error)> CliAsync(params string[] args)
    {
        // Only this test run's TLS certificate is trusted (the CLI has no --insecure).
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == Infrastructure.HubFactory.TlsThumbprint,
        };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new Dictionary<string, string?> { ["LGSP_HUB_URL"] = hub.Hub.Address.ToString(), ["LGSP_CLI_SECRET"] = hub.Hub.Secret(OperationsFixture.Cli) };
        var code = await Lgsp.Cli.Cli.RunAsync(args, stdout, stderr, handler, environment);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private async Task<JsonElement> RefreshAsync()
    {
        using var response = await hub.AdminAsync(HttpMethod.Post, "/admin/v1/catalogue/refresh");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<JsonElement> StatusAsync()
    {
        using var response = await hub.AdminAsync(HttpMethod.Get, "/admin/v1/catalogue");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    private async Task<string> EnterpriseAsync() =>
        "/api/v1/business/enterprises/" + (await hub.Sandbox.DemoAsync()).GetProperty("enterprises")[0].GetProperty("enterpriseCode").GetString();
}
