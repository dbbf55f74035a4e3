namespace Lgsp.Sandbox.Data.Generation;

/// <summary>
/// Builds a <see cref="SyntheticWorld"/> from a <see cref="WorldSpec"/>. Each part draws from its own random
/// stream (derived from the seed and the part's name), so resizing one part leaves the parts before it as they were.
/// </summary>
internal static class WorldGenerator
{
    public static SyntheticWorld Generate(WorldSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var (people, households) = new PopulationGenerator(spec, Stream(spec, "population")).Generate();
        Identifiers.Assign(people, households, Stream(spec, "identifiers"));
        var (citizens, homes) = CitizenRecords.Build(people, households, spec.AsOf);
        var enterprises = new BusinessGenerator(spec, Stream(spec, "business"), people).Generate();
        var (units, participants) = new InsuranceGenerator(spec, Stream(spec, "insurance"), people, enterprises).Generate();
        var parcels = new LandGenerator(spec, Stream(spec, "land"), people).Generate();
        var (births, deaths, marriages) = new CivilRegistryGenerator(spec, Stream(spec, "civil-registry"), people).Generate();

        return new SyntheticWorld(
            spec,
            citizens,
            homes,
            enterprises.Select(e => e.Record).ToList(),
            parcels,
            units,
            participants,
            births,
            deaths,
            marriages);
    }

    private static DeterministicRandom Stream(WorldSpec spec, string part) => DeterministicRandom.ForStream(spec.Seed, part);
}
