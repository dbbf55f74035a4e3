using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Sandbox.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Sandbox.Tests.Business;

/// <summary>The registry stand-in's default profile, <c>NgspData</c> (OpenCPS's reading), and its control switch.</summary>
public sealed class BusinessProfilesTests : IDisposable
{
    private readonly SandboxHost _host = new(new Dictionary<string, string?> { ["Sandbox:Business:TokenLifetimeSeconds"] = "60" });

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Lookup_DefaultProfile_AnswersDataWithoutResultCode()
    {
        var enterprise = _host.Services.GetRequiredService<SyntheticWorld>().Enterprises[0];
        using var client = _host.CreateClient();
        var token = await _host.TokenAsync(client);

        using var found = await SandboxHost.LookupAsync(client, token, enterprise.MainInformation.EnterpriseGdtCode);
        using var missing = await SandboxHost.LookupAsync(client, token, _host.UnknownEnterpriseCode());

        using var foundBody = JsonDocument.Parse(await found.Content.ReadAsStringAsync());
        Assert.False(foundBody.RootElement.TryGetProperty("ResultCode", out _));
        Assert.Equal(enterprise.MainInformation.Name, foundBody.RootElement.GetProperty("Data").GetProperty("MainInformation").GetProperty("NAME").GetString());
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        using var missingBody = JsonDocument.Parse(await missing.Content.ReadAsStringAsync());
        Assert.False(missingBody.RootElement.TryGetProperty("ResultCode", out _));
        Assert.Equal(JsonValueKind.Null, missingBody.RootElement.GetProperty("Data").GetProperty("MainInformation").ValueKind);
    }

    [Fact]
    public async Task Switch_ToResultCodeAndBack_ChangesTheShape_AndAnUnknownProfileIsRefused()
    {
        using var client = _host.CreateClient();
        var token = await _host.TokenAsync(client);

        using var unknown = await client.PutAsJsonAsync("/_sandbox/business/profile", new { profile = "Xml" });
        using var toResultCode = await client.PutAsJsonAsync("/_sandbox/business/profile", new { profile = "ResultCode" });
        using var strict = await SandboxHost.LookupAsync(client, token, _host.UnknownEnterpriseCode());

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, toResultCode.StatusCode);
        using var strictBody = JsonDocument.Parse(await strict.Content.ReadAsStringAsync());
        Assert.Equal("02", strictBody.RootElement.GetProperty("ResultCode").GetString());
        Assert.Equal("ResultCode", (await client.GetFromJsonAsync<JsonElement>("/_sandbox/business/profile")).GetProperty("profile").GetString());
    }
}
