using System.Text.Json;
using Lgsp.Adapters.Contract;
using Lgsp.Core.Lookups;

namespace Lgsp.Adapters.Land.Tests;

/// <summary>A parcel of the sandbox's <c>/_sandbox/demo</c>: its key, certificate serial and first owner.</summary>
internal sealed record DemoParcel(ParcelKey Key, string WardName, string? Certificate, string OwnerPersonalId)
{
    /// <summary>0: a certificate and one owner; 1: co-owned by a married couple; 2: no certificate.</summary>
    public static async Task<DemoParcel> TakeAsync(SandboxFixture sandbox, int index)
    {
        var demo = await sandbox.DemoAsync();
        var parcel = demo.GetProperty("parcels")[index];
        return new DemoParcel(
            new ParcelKey(parcel.GetProperty("wardCode").GetString()!, parcel.GetProperty("mapSheet").GetInt32(), parcel.GetProperty("parcelNo").GetInt32()),
            parcel.GetProperty("wardName").GetString()!,
            parcel.GetProperty("certificate").ValueKind == JsonValueKind.Null ? null : parcel.GetProperty("certificate").GetString(),
            parcel.GetProperty("ownerPersonalId").GetString()!);
    }
}
