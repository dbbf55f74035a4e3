using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Core.Lookups;
using Lgsp.Hub.Tests.Gateway;

namespace Lgsp.Hub.Tests.Operations;

/// <summary>
/// The adapters' wire profiles are settings like any other: an operator changes them through <c>/admin/v1/adapters</c>,
/// an unknown value is refused with nothing changed, and the next call through the gateway uses the new profile.
/// Its own hub, as it changes population and insurance.
/// </summary>
public sealed class AdapterProfilesTests(OperationsFixture hub) : IClassFixture<OperationsFixture>
{
    private const string Reason = "Kiểm thử: đổi cấu hình kết nối theo hướng dẫn của nền tảng";

    [Fact]
    public async Task PopulationAnswerSignatures_ChangedToAbsent_TheNextCallDoesNotLook_AndAnUnknownValueIsRefused()
    {
        var lookup = await SourceCase.ForAsync(SourceNames.Population, hub.Sandbox);
        var token = await hub.TokenAsync(GatewayFixture.Portal, lookup.Scope);
        var (before, etag) = await hub.AdapterAsync(SourceNames.Population);
        using (var refused = await hub.AdminAsync(HttpMethod.Patch, "/admin/v1/adapters/population",
            new { reason = Reason, changes = new { answerSignatures = "Sometimes" } }, etag))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("client.validation_failed", problem.GetProperty("code").GetString());
            Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == "answerSignatures");
        }

        var (unchanged, _) = await hub.AdapterAsync(SourceNames.Population);
        Assert.Equal(before.GetProperty("settings").GetRawText(), unchanged.GetProperty("settings").GetRawText());

        await hub.Sandbox.SetFaultAsync(SourceNames.Population, new { mode = "badsignature" });
        try
        {
            using (var verified = await hub.GetAsync(lookup.ExistingPath, token, lookup.GrantedPurpose, lookup.Officer))
            {
                Assert.Equal(HttpStatusCode.BadGateway, verified.StatusCode);
                Assert.Equal("upstream.population.signature_invalid", (await verified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            }

            var changed = await hub.ChangeAsync(SourceNames.Population, new { answerSignatures = "Absent" }, Reason);
            Assert.Equal("Absent", changed.GetProperty("settings").GetProperty("answerSignatures").GetString());

            using var notLooked = await hub.GetAsync(lookup.ExistingPath, token, lookup.GrantedPurpose, lookup.Officer);
            Assert.True(notLooked.StatusCode == HttpStatusCode.OK, await notLooked.Content.ReadAsStringAsync());
        }
        finally
        {
            await hub.Sandbox.ResetFaultAsync(SourceNames.Population);
        }
    }

    [Fact]
    public async Task InsuranceCredentials_ChangedToNone_TheNextCallSendsNoToken_AndBackToLgspAccessTokenIsAnswered()
    {
        var lookup = await SourceCase.ForAsync(SourceNames.Insurance, hub.Sandbox);
        var token = await hub.TokenAsync(GatewayFixture.Portal, lookup.Scope);

        await hub.ChangeAsync(SourceNames.Insurance, new { credentials = "None" }, Reason);
        using (var refused = await hub.GetAsync(lookup.ExistingPath, token, lookup.GrantedPurpose, lookup.Officer))
        {
            Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
            Assert.Equal("upstream.insurance.unauthorized", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        await hub.ChangeAsync(SourceNames.Insurance, new { credentials = "LgspAccessToken" }, Reason);
        using var answered = await hub.GetAsync(lookup.ExistingPath, token, lookup.GrantedPurpose, lookup.Officer);
        Assert.True(answered.StatusCode == HttpStatusCode.OK, await answered.Content.ReadAsStringAsync());
    }
}
