using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Core.Lookups;

namespace Lgsp.Hub.Tests.Operations;

/// <summary>
/// The business adapter's <c>answerProfile</c> through the operators' control API, against the real hub and the
/// stand-in: a change applies to the next lookup, an unknown profile is refused and changes nothing.
/// </summary>
public sealed class BusinessAnswerProfileSettingTests(OperationsFixture hub) : IClassFixture<OperationsFixture>
{
    private const string Reason = "Kiểm thử: cổng NGSP trả ResultCode";

    [Fact]
    public async Task Change_AnswerProfile_AppliesToTheNextLookupAndInvalidIsRefused()
    {
        var code = (await hub.Sandbox.DemoAsync()).GetProperty("enterprises")[0].GetProperty("enterpriseCode").GetString();
        var token = await hub.TokenAsync("provincial-portal", "lgsp.business.read");
        var (before, etag) = await hub.AdapterAsync(SourceNames.Business);
        Assert.Equal("NgspData", before.GetProperty("settings").GetProperty("answerProfile").GetString());

        using var invalid = await hub.AdminAsync(HttpMethod.Patch, "/admin/v1/adapters/business",
            new { reason = Reason, changes = new { answerProfile = "Xml" } }, etag);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("client.validation_failed", problem.GetProperty("code").GetString());
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == "answerProfile");
        Assert.Equal(etag, (await hub.AdapterAsync(SourceNames.Business)).ETag);

        var changed = await hub.ChangeAsync(SourceNames.Business, new { answerProfile = "ResultCode" }, Reason);
        Assert.Equal("ResultCode", changed.GetProperty("settings").GetProperty("answerProfile").GetString());
        try
        {
            // The stand-in speaks OpenCPS's wrapper (no ResultCode): the strict profile now refuses its answer...
            await SetSandboxProfileAsync("NgspData");
            using (var strict = await hub.GetAsync("/api/v1/business/enterprises/" + code, token))
            {
                Assert.Equal(HttpStatusCode.BadGateway, strict.StatusCode);
                Assert.Equal("upstream.business.bad_response", (await strict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            }

            // ...and reads the registry once it answers with ResultCode.
            await SetSandboxProfileAsync("ResultCode");
            using var found = await hub.GetAsync("/api/v1/business/enterprises/" + code, token);
            Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        }
        finally
        {
            await SetSandboxProfileAsync("NgspData");
        }
    }

    private async Task SetSandboxProfileAsync(string profile)
    {
        using var answer = await hub.Sandbox.Control.PutAsJsonAsync("/_sandbox/business/profile", new { profile });
        answer.EnsureSuccessStatusCode();
    }
}
