using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Core.Lookups;

namespace Lgsp.Hub.Tests.Operations;

/// <summary>
/// What names a secret, a key file or a trust anchor is fixed by the deployment: the control API shows it read-only and
/// refuses to change it (nothing stored, version unchanged), and an allowed host name that leads to an internal address
/// the allowlist does not list is refused.
/// </summary>
public sealed class DeploymentFixedSettingsTests(OperationsFixture hub) : IClassFixture<OperationsFixture>
{
    private const string Reason = "Kiểm thử: đổi tên bí mật";

    [Fact]
    public async Task Change_CredentialsSecret_IsRefusedAsNotChangeableAndNothingChanges()
    {
        var (before, etag) = await hub.AdapterAsync(SourceNames.Insurance);
        Assert.Contains("credentialsSecret", before.GetProperty("readOnly").EnumerateArray().Select(e => e.GetString()));

        // The hub's own secrets are configuration keys and environment variables too: the message log's key, a client's secret.
        using var response = await hub.AdminAsync(HttpMethod.Patch, "/admin/v1/adapters/insurance", new
        {
            reason = Reason,
            changes = new { credentialsSecret = "LGSP_CLI_SECRET", attemptTimeout = "00:00:02" },
        }, etag);

        await AssertRefusedAsync(response, "credentialsSecret");
        var (after, etagAfter) = await hub.AdapterAsync(SourceNames.Insurance);
        Assert.Equal(etag, etagAfter);
        Assert.Equal(before.GetProperty("settings").GetRawText(), after.GetProperty("settings").GetRawText());
        Assert.Equal(before.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Change_TrustedCertificatePath_IsRefusedAsNotChangeableAndNothingChanges()
    {
        var (before, etag) = await hub.AdapterAsync(SourceNames.Population);
        Assert.Contains("trustedCertificatePath", before.GetProperty("readOnly").EnumerateArray().Select(e => e.GetString()));

        using var response = await hub.AdminAsync(HttpMethod.Patch, "/admin/v1/adapters/population", new
        {
            reason = Reason,
            changes = new { trustedCertificatePath = "/tmp/attacker.pem" },
        }, etag);

        await AssertRefusedAsync(response, "trustedCertificatePath");
        var (after, etagAfter) = await hub.AdapterAsync(SourceNames.Population);
        Assert.Equal(etag, etagAfter);
        Assert.Equal(before.GetProperty("settings").GetRawText(), after.GetProperty("settings").GetRawText());
    }

    [Fact]
    public async Task Change_RemovingTheCredentialsSecret_IsRefusedToo()
    {
        var (_, etag) = await hub.AdapterAsync(SourceNames.CivilRegistry);

        using var response = await hub.AdminAsync(HttpMethod.Patch, "/admin/v1/adapters/civilregistry", new
        {
            reason = Reason,
            changes = new Dictionary<string, object?> { ["credentialsSecret"] = null },
        }, etag);

        await AssertRefusedAsync(response, "credentialsSecret");
        Assert.Equal(etag, (await hub.AdapterAsync(SourceNames.CivilRegistry)).ETag);
    }

    [Fact]
    public async Task Change_OtherSettings_StillWorkAndKeepTheDeploymentsSecretName()
    {
        var (before, _) = await hub.AdapterAsync(SourceNames.Business);
        var name = before.GetProperty("settings").GetProperty("credentialsSecret").GetString();

        var changed = await hub.ChangeAsync(SourceNames.Business, new { concurrency = new { queueLimit = 70 } }, Reason);

        Assert.Equal(name, changed.GetProperty("settings").GetProperty("credentialsSecret").GetString());
        Assert.Equal(70, changed.GetProperty("settings").GetProperty("concurrency").GetProperty("queueLimit").GetInt32());
    }

    [Fact]
    public async Task Change_BaseUrlWhoseAllowedNameResolvesToAPrivateAddress_IsRefused()
    {
        var (before, etag) = await hub.AdapterAsync(SourceNames.CivilRegistry);

        // *.gov.vn is allowed by name; this one resolves (OperationsFixture's resolver) to 10.1.2.3, whose range is not listed.
        using var response = await hub.AdminAsync(HttpMethod.Patch, "/admin/v1/adapters/civilregistry", new
        {
            reason = Reason,
            changes = new { baseUrl = $"http://{OperationsFixture.PrivateName}/" },
        }, etag);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var error = problem.GetProperty("errors").EnumerateArray().Single();
        Assert.Equal("baseUrl", error.GetProperty("field").GetString());
        Assert.Equal("setting.host_not_allowed", error.GetProperty("reason").GetString());
        Assert.Contains("10.1.2.3", error.GetProperty("messageEn").GetString(), StringComparison.Ordinal);
        Assert.Contains("nội bộ", error.GetProperty("messageVi").GetString(), StringComparison.Ordinal);
        var (after, etagAfter) = await hub.AdapterAsync(SourceNames.CivilRegistry);
        Assert.Equal(etag, etagAfter);
        Assert.Equal(before.GetProperty("settings").GetRawText(), after.GetProperty("settings").GetRawText());

        // The connectivity test does not probe it either.
        using var probe = await hub.AdminAsync(HttpMethod.Post, "/admin/v1/adapters/civilregistry/test", new { baseUrl = $"http://{OperationsFixture.PrivateName}/" });
        Assert.Equal(HttpStatusCode.BadRequest, probe.StatusCode);
    }

    [Fact]
    public async Task Change_BaseUrlWhoseNameResolvesToAnAllowedRange_IsAccepted()
    {
        // The test hub allows 127.0.0.0/8 (as Development does); this name resolves there.
        var (_, etag) = await hub.AdapterAsync(SourceNames.Land);
        var original = (await hub.AdapterAsync(SourceNames.Land)).Adapter.GetProperty("settings").GetProperty("baseUrl").GetString()!;

        var changed = await hub.ChangeAsync(SourceNames.Land, new { baseUrl = $"http://{OperationsFixture.LoopbackName}:{new Uri(original).Port}/" }, Reason);

        Assert.NotEqual(etag, $"\"{changed.GetProperty("version").GetInt32()}\"");
        await hub.ChangeAsync(SourceNames.Land, new { baseUrl = original }, Reason);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("client.validation_failed", problem.GetProperty("code").GetString());
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
        Assert.Equal("setting.not_changeable", error.GetProperty("reason").GetString());
        Assert.Contains("deployment", error.GetProperty("messageEn").GetString(), StringComparison.Ordinal);
        Assert.Contains("triển khai", error.GetProperty("messageVi").GetString(), StringComparison.Ordinal);
    }
}
