using Lgsp.Adapters.Contract;
using Lgsp.Core.Lookups;
using Lgsp.Core.Packets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Adapters.Land.Tests;

/// <summary>
/// The land adapter passes the shared contract against the sandbox's gRPC stand-in, over h2c. The land database
/// does not sign its answers, so this is the unsigned contract (faults arrive as gRPC statuses).
/// </summary>
public sealed class LandContractTests(SandboxFixture sandbox) : AdapterContractTests(sandbox)
{
    protected override string Source => SourceNames.Land;

    protected override string Operation => "FindParcel";

    protected override void AddAdapter(IServiceCollection services, IConfiguration configuration) => services.AddLandAdapter(configuration);

    protected override IDictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Adapters:land:BaseUrl"] = Sandbox.GrpcBaseUrl.ToString();
        return settings;
    }

    protected override async Task<PacketBody> LookupExistingAsync(IServiceProvider services, LookupContext context, CancellationToken cancellationToken)
    {
        var demo = await DemoParcel.TakeAsync(Sandbox, 0);
        return await services.GetRequiredService<ILandSource>().GetParcelAsync(demo.Key, context, cancellationToken);
    }

    /// <summary>Map sheets run to 80 in the sandbox, so sheet 999 of a real ward is well-formed and never held.</summary>
    protected override async Task<PacketBody> LookupMissingAsync(IServiceProvider services, LookupContext context, CancellationToken cancellationToken)
    {
        var demo = await DemoParcel.TakeAsync(Sandbox, 0);
        return await services.GetRequiredService<ILandSource>().GetParcelAsync(demo.Key with { MapSheetNo = 999 }, context, cancellationToken);
    }

    protected override async Task AssertCanonicalAsync(PacketBody body)
    {
        var demo = await DemoParcel.TakeAsync(Sandbox, 0);
        var parcel = Assert.IsType<LandParcel>(body);
        Assert.Equal(demo.Key.WardCode, parcel.WardCode);
        Assert.Equal(demo.WardName, parcel.WardName);
        Assert.Equal(demo.Key.MapSheetNo, parcel.MapSheetNo);
        Assert.Equal(demo.Key.ParcelNo, parcel.ParcelNo);
        Assert.Matches("^[0-9]{2}$", parcel.ProvinceCode);
        Assert.True(parcel.Area > 0);
        Assert.Matches("^[A-Z]{3}$", parcel.LandUseCode);
        Assert.False(string.IsNullOrWhiteSpace(parcel.LandUseName));
        Assert.False(string.IsNullOrWhiteSpace(parcel.UseTerm));
        Assert.False(string.IsNullOrWhiteSpace(parcel.Address));
        Assert.NotNull(parcel.Certificate);
        Assert.Equal(demo.Certificate, parcel.Certificate.Serial);
        Assert.NotNull(parcel.Certificate.IssuedOn);
        Assert.False(string.IsNullOrWhiteSpace(parcel.Certificate.Issuer));
        var owner = Assert.Single(parcel.Owners!);
        Assert.Equal(demo.OwnerPersonalId, owner.PersonalId?.Value);
        Assert.False(string.IsNullOrWhiteSpace(owner.FullName));
        Assert.Equal(owner.PersonalId!.Value.BirthYear, owner.BirthYear);
    }
}
