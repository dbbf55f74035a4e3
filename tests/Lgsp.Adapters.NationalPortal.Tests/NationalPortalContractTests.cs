using Lgsp.Adapters.Contract;
using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.Lookups;
using Lgsp.Core.Packets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Adapters.NationalPortal.Tests;

/// <summary>
/// The national-portal adapter passes the shared contract against the sandbox's DVCQG stand-in. Its lookup is
/// <c>TraCuuHoSo</c>: a dossier DVCQG holds, read back as the hub's <see cref="DossierProgress"/>.
/// </summary>
public sealed class NationalPortalContractTests(SandboxFixture sandbox) : AdapterContractTests(sandbox)
{
    protected override string Source => NationalPortalSource.Name;

    protected override string Operation => "TraCuuHoSo";

    protected override void AddAdapter(IServiceCollection services, IConfiguration configuration) => services.AddNationalPortalAdapter(configuration);

    protected override IDictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        StandIn.Dvcqg.AddTo(settings, Sandbox);
        return settings;
    }

    protected override async Task<PacketBody> LookupExistingAsync(IServiceProvider services, LookupContext context, CancellationToken cancellationToken) =>
        await services.GetRequiredService<NationalPortalLookup>().GetProgressAsync(await SeededCodeAsync(), cancellationToken);

    protected override async Task<PacketBody> LookupMissingAsync(IServiceProvider services, LookupContext context, CancellationToken cancellationToken) =>
        await services.GetRequiredService<NationalPortalLookup>().GetProgressAsync(DossierCode.Parse("H56.14-251120-0999"), cancellationToken);

    protected override async Task AssertCanonicalAsync(PacketBody body)
    {
        var progress = Assert.IsType<DossierProgress>(body);
        Assert.Equal(await SeededCodeAsync(), progress.DossierCode);
        Assert.Equal("1.001193", progress.ProcedureCode.Value);
        Assert.Equal(new DateTimeOffset(2025, 11, 23, 17, 0, 0, TimeSpan.FromHours(7)), progress.DueAt);
        Assert.Equal([DossierStatus.Accepted, DossierStatus.Processing], progress.Steps.Select(s => s.Status));
        Assert.Equal([1, 2], progress.Steps.Select(s => s.Seq));
        Assert.All(progress.Steps, s => Assert.Equal("Cán bộ một cửa", s.Actor));
        Assert.Equal(TimeSpan.FromHours(7), progress.Steps[0].OccurredAt.Offset);
    }

    private async Task<DossierCode> SeededCodeAsync()
    {
        var seeded = await StandIn.Dvcqg.SeededAsync(Sandbox);
        return DossierCode.Parse(seeded[0].GetProperty("maHoSo").GetString()!);
    }
}
