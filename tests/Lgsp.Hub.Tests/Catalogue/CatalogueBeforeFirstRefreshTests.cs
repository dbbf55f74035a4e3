using System.Net;
using Lgsp.Hub.Tests.Gateway;

namespace Lgsp.Hub.Tests.Catalogue;

/// <summary>
/// Before the hub has ever stored a copy of the catalogue (here: the refresh is off), purposes are judged by form and
/// access rights only, as before the catalogue existed: a hub that could not reach DVCQG on its first start still serves.
/// </summary>
public sealed class CatalogueBeforeFirstRefreshTests(GatewayFixture hub) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Lookup_NoCopyYet_AnyWellFormedPurposeTheRightAllowsIsServed()
    {
        var token = await hub.TokenAsync("provincial-portal", "lgsp.business.read");
        var code = (await hub.Sandbox.DemoAsync()).GetProperty("enterprises")[0].GetProperty("enterpriseCode").GetString();

        using var response = await hub.GetAsync("/api/v1/business/enterprises/" + code, token, purpose: "1.999999");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
