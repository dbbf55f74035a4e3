using System.Collections.Concurrent;
using Lgsp.Sandbox.Data;
using Lgsp.Sandbox.Data.Generation;

namespace Lgsp.Sandbox.Tests;

/// <summary>
/// Worlds the invariant tests run against: the default one and two other seeds and sizes, so a rule that holds
/// only by luck of one seed is caught. Each is generated once per test run (worlds are immutable).
/// </summary>
internal static class TestWorlds
{
    private static readonly Dictionary<string, WorldSpec> Specs = new(StringComparer.Ordinal)
    {
        ["default"] = WorldSpec.Default,
        ["seed 1, small"] = new WorldSpec(1, 1_500, 200, 600),
        ["seed 2^64-1, medium"] = new WorldSpec(ulong.MaxValue, 2_500, 300, 1_000),
    };

    private static readonly ConcurrentDictionary<string, Lazy<SyntheticWorld>> Cache = new(StringComparer.Ordinal);

    public static SyntheticWorld Default => Get("default");

    public static TheoryData<string> All => new(Specs.Keys.Order(StringComparer.Ordinal));

    public static SyntheticWorld Get(string name) =>
        Cache.GetOrAdd(name, n => new Lazy<SyntheticWorld>(() => SyntheticWorld.Generate(Specs[n]))).Value;
}
