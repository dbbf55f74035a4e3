namespace Lgsp.Sandbox.Data.Generation;

/// <summary>
/// Everything the world depends on: the seed, the sizes and the day the world stands still on. Nothing reads
/// the clock, so the same spec gives the same world on any day and any machine.
/// </summary>
/// <param name="Seed">Any 64-bit value.</param>
/// <param name="Citizens">Living and deceased people in the population database.</param>
/// <param name="Enterprises">Enterprises (head offices); branches come on top.</param>
/// <param name="Parcels">Land parcels.</param>
internal sealed record WorldSpec(ulong Seed, int Citizens, int Enterprises, int Parcels)
{
    public const ulong DefaultSeed = 20261124;

    public static WorldSpec Default { get; } = new(DefaultSeed, 5_000, 800, 3_000);

    /// <summary>The world's "today": every birth, death, registration and contribution period is on or before it.</summary>
    public DateOnly AsOf { get; init; } = new(2026, 1, 1);
}
