using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Adapters.Contract;
using Lgsp.Hub.Catalogue;
using Lgsp.Hub.Tests.StatusSync;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Hub.Tests.Catalogue;

/// <summary>A dossier whose national procedure is not in the catalogue's copy is refused; one that is, accepted.</summary>
public sealed class CatalogueDossierTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task PostDossier_ProcedureNotInTheCatalogue_IsRefusedWithUnknownProcedure()
    {
        await using var hub = await StatusSyncHub.OnSqliteAsync(relay: false, extra: new Dictionary<string, string?>
        {
            ["Adapters:dvcqg:BaseUrl"] = new Uri(sandbox.HttpBaseUrl, "dvcqg/").ToString(),
            ["Adapters:dvcqg:CredentialsSecret"] = "LGSP_TEST_CATALOGUE_DVCQG_CREDENTIALS",
            ["LGSP_TEST_CATALOGUE_DVCQG_CREDENTIALS"] = "{\"clientId\":\"sandbox-dvcqg-client\",\"clientSecret\":\"sandbox-dvcqg-secret-NOT-A-SECRET\"}",
            ["Catalogue:Enabled"] = "true",
        });
        // The first refresh runs at start: wait until its copy is in force.
        var catalogue = hub.Host.Services.GetRequiredService<ProcedureCatalogue>();
        await StatusSyncHub.EventuallyAsync(() => catalogue.HasCopy, "the catalogue's first copy");
        var counts = await hub.CountAsync();

        var unknown = StatusSyncSamples.Accepted(StatusSyncSamples.NewCode());
        unknown["procedure"]!["nationalCode"] = "1.999999";
        unknown["procedure"]!["localCode"] = "1.999999.000.00.14.H56";
        using var refused = await hub.PostDossierAsync(unknown);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("client.unknown_procedure", problem.GetProperty("code").GetString());
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("/procedure/nationalCode", error.GetProperty("field").GetString());
        Assert.Equal(counts, await hub.CountAsync());

        using var accepted = await hub.PostDossierAsync(StatusSyncSamples.Accepted(StatusSyncSamples.NewCode()));
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
    }
}
