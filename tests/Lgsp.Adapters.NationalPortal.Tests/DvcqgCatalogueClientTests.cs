using Lgsp.Adapters.Contract;
using Lgsp.Core.Catalogue;
using Lgsp.Core.Errors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.NationalPortal.Tests;

/// <summary>DVCQG's shared catalogues read from the stand-in over HTTP, and what the client refuses.</summary>
public sealed class DvcqgCatalogueClientTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => sandbox.ResetFaultAsync("dvcqg");

    public Task DisposeAsync() => sandbox.ResetFaultAsync("dvcqg");

    [Fact]
    public async Task List_EachCatalogue_ReadsTheStandInsRows()
    {
        using var adapter = Adapter();
        var source = adapter.GetRequiredService<IProcedureCatalogueSource>();

        var procedures = await source.ListProceduresAsync(CancellationToken.None);
        var agencies = await source.ListAgenciesAsync(CancellationToken.None);
        var fields = await source.ListFieldsAsync(CancellationToken.None);

        Assert.Contains(procedures, p => p is { Code: "1.001193", Name: "Đăng ký khai sinh" });
        Assert.Equal(procedures.Count, procedures.Select(p => p.Code).Distinct().Count());
        Assert.Contains(agencies, a => a is { Code: "000.00.00.H56", Level: "1" });
        Assert.NotEmpty(fields);
        Assert.All(fields, f => Assert.False(string.IsNullOrWhiteSpace(f.Name)));
    }

    [Theory]
    [InlineData("PerCall")]
    [InlineData("Service")]
    [InlineData("Gateway")]
    public async Task List_InEachProfile_TravelsWithThatProfilesAuthenticationAndReadsTheRows(string profile)
    {
        // Service: OpenCPS's share_endpoint call, {session, madonvi, service} with dstcode after a login; Gateway: a
        // Bearer token; PerCall: nothing. The stand-in refuses a session it never opened and a token it never issued.
        using var adapter = Adapter(StandIn.Profile(profile));

        var procedures = await adapter.GetRequiredService<IProcedureCatalogueSource>().ListProceduresAsync(CancellationToken.None);

        Assert.Contains(procedures, p => p is { Code: "1.001193", Name: "Đăng ký khai sinh" });
    }

    [Fact]
    public async Task List_ServiceProfileWithAWrongDstCode_IsRefused()
    {
        var settings = StandIn.Profile("Service");
        settings["Adapters:dvcqg:DstCode"] = "KHONGDUNG";
        using var adapter = Adapter(settings);

        var fault = await Assert.ThrowsAsync<LgspException>(() => adapter.GetRequiredService<IProcedureCatalogueSource>().ListFieldsAsync(CancellationToken.None));

        Assert.StartsWith("upstream.dvcqg.", fault.Error.Code, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_MalformedAnswer_IsBadResponse()
    {
        await sandbox.SetFaultAsync("dvcqg", new { mode = "malformed" });
        using var adapter = Adapter();

        var fault = await Assert.ThrowsAsync<LgspException>(() => adapter.GetRequiredService<IProcedureCatalogueSource>().ListProceduresAsync(CancellationToken.None));

        Assert.Equal("upstream.dvcqg.bad_response", fault.Error.Code);
    }

    [Fact]
    public async Task List_WrongPath_IsAnUpstreamFault()
    {
        using var adapter = Adapter(new() { ["Adapters:dvcqg:CataloguePath"] = "api/KhongCo" });

        var fault = await Assert.ThrowsAsync<LgspException>(() => adapter.GetRequiredService<IProcedureCatalogueSource>().ListFieldsAsync(CancellationToken.None));

        Assert.StartsWith("upstream.dvcqg.", fault.Error.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_AbsolutePath_IsRefusedByKey()
    {
        using var adapter = Adapter(new() { ["Adapters:dvcqg:CataloguePath"] = "/api/LayDanhMuc" });

        var error = Assert.Throws<OptionsValidationException>(() => adapter.GetRequiredService<IOptionsMonitor<DvcqgCatalogueOptions>>().Get(DvcqgCatalogueOptions.OptionsName));

        Assert.Contains(error.Failures, f => f.StartsWith("Adapters:dvcqg:CataloguePath", StringComparison.Ordinal));
    }

    private ServiceProvider Adapter(Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?> { ["Adapters:dvcqg:Retry:MaxRetryAttempts"] = "0" };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return new PortalStandIn(StandIn.Dvcqg.Source, StandIn.Dvcqg.Path, StandIn.Dvcqg.SecretName, StandIn.Dvcqg.Credentials,
            (services, configuration) => services.AddNationalPortalCatalogue(configuration)).CreateAdapter(sandbox, settings);
    }
}
