using System.ComponentModel.DataAnnotations;
using Lgsp.Sandbox.Data.Generation;

namespace Lgsp.Sandbox.Data;

/// <summary>Bound from the <c>Sandbox</c> section; validated on start. Same seed and sizes, same world.</summary>
internal sealed record SandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>Any 64-bit value.</summary>
    public ulong Seed { get; init; } = WorldSpec.Default.Seed;

    [Range(100, 200_000)]
    public int Citizens { get; init; } = WorldSpec.Default.Citizens;

    /// <summary>Enterprises (head offices); branches come on top.</summary>
    [Range(0, 50_000)]
    public int Enterprises { get; init; } = WorldSpec.Default.Enterprises;

    [Range(0, 200_000)]
    public int Parcels { get; init; } = WorldSpec.Default.Parcels;

    /// <summary>Each stand-in answers after a small delay of its own, as real systems do; tests may turn it off.</summary>
    public bool NaturalLatency { get; init; } = true;

    public WorldSpec ToSpec() => new(Seed, Citizens, Enterprises, Parcels);
}
