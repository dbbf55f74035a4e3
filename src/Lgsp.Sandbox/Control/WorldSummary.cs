using System.Globalization;
using Lgsp.Sandbox.Data;

namespace Lgsp.Sandbox.Control;

/// <summary>What <c>/_sandbox/world</c> shows: enough to tell two sandboxes apart or to reproduce one.</summary>
internal sealed record WorldSummary(
    ulong Seed,
    string AsOf,
    WorldSizes Requested,
    WorldCounts Counts,
    string Fingerprint,
    long BuildMilliseconds,
    string Note)
{
    public static WorldSummary From(LoadedWorld loaded)
    {
        var world = loaded.World;
        var spec = world.Spec;
        var counts = new WorldCounts(
            world.Citizens.Count,
            world.Citizens.Count(c => !c.DaChet),
            world.Citizens.Count(c => c.DaChet),
            world.Households.Count,
            world.Enterprises.Count(e => !e.IsBranch),
            world.Enterprises.Count(e => e.IsBranch),
            world.Parcels.Count,
            world.Parcels.Count(p => p.GiayChungNhan is not null),
            world.InsuranceUnits.Count,
            world.InsuranceParticipants.Count,
            world.Births.Count,
            world.Deaths.Count,
            world.Marriages.Count);
        return new WorldSummary(
            spec.Seed,
            spec.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            new WorldSizes(spec.Citizens, spec.Enterprises, spec.Parcels),
            counts,
            loaded.Fingerprint,
            (long)loaded.BuildTime.TotalMilliseconds,
            DemoRecords.SyntheticNote);
    }
}

internal sealed record WorldSizes(int Citizens, int Enterprises, int Parcels);

internal sealed record WorldCounts(
    int Citizens,
    int Living,
    int Deceased,
    int Households,
    int Enterprises,
    int Branches,
    int Parcels,
    int Certificates,
    int InsuranceUnits,
    int InsuranceParticipants,
    int BirthRecords,
    int DeathRecords,
    int MarriageRecords);
