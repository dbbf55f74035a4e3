using Lgsp.Adapters.Contract;
using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.Lookups;
using Lgsp.Core.Packets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Adapters.ProvincialPortal.Tests;

/// <summary>
/// The provincial one-stop adapter passes the shared contract against the sandbox's stand-in. Its lookup is the
/// dossier lookup: a dossier from DVCQG the system holds, read back as the hub's <see cref="DossierProgress"/>.
/// </summary>
public sealed class ProvincialPortalContractTests(SandboxFixture sandbox) : AdapterContractTests(sandbox)
{
    protected override string Source => ProvincialPortalSource.Name;

    protected override string Operation => "hosodvcqg";

    protected override void AddAdapter(IServiceCollection services, IConfiguration configuration) => services.AddProvincialPortalAdapter(configuration);

    protected override IDictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        StandIn.Provincial.AddTo(settings, Sandbox);
        return settings;
    }

    protected override async Task<PacketBody> LookupExistingAsync(IServiceProvider services, LookupContext context, CancellationToken cancellationToken) =>
        await services.GetRequiredService<ProvincialPortalLookup>().GetProgressAsync(await SeededCodeAsync(), cancellationToken);

    protected override async Task<PacketBody> LookupMissingAsync(IServiceProvider services, LookupContext context, CancellationToken cancellationToken) =>
        await services.GetRequiredService<ProvincialPortalLookup>().GetProgressAsync(DossierCode.Parse("H56.14-251121-0999"), cancellationToken);

    protected override async Task AssertCanonicalAsync(PacketBody body)
    {
        var progress = Assert.IsType<DossierProgress>(body);
        Assert.Equal(await SeededCodeAsync(), progress.DossierCode);
        Assert.Equal("1.001193", progress.ProcedureCode.Value);
        Assert.Equal(new DateTimeOffset(2025, 11, 25, 17, 0, 0, TimeSpan.FromHours(7)), progress.DueAt);
        var step = Assert.Single(progress.Steps);
        Assert.Equal(1, step.Seq);
        Assert.Equal(DossierStatus.Accepted, step.Status);
        Assert.Equal("Cán bộ một cửa", step.Actor);
        Assert.Equal(TimeSpan.FromHours(7), step.OccurredAt.Offset);
    }

    private async Task<DossierCode> SeededCodeAsync()
    {
        var seeded = await StandIn.Provincial.SeededAsync(Sandbox);
        return DossierCode.Parse(seeded[0].GetProperty("maHoSo").GetString()!);
    }
}
