namespace Lgsp.Sandbox.Data.Generation;

/// <summary>
/// A fixed list of values with integer weights, drawn in list order (never from a hash-ordered
/// collection), so the same random number always picks the same value.
/// </summary>
internal sealed class Weighted<T>
{
    private readonly T[] _values;
    private readonly int[] _cumulative;

    public Weighted(IEnumerable<(T Value, int Weight)> entries)
    {
        var values = new List<T>();
        var cumulative = new List<int>();
        var total = 0;
        foreach (var (value, weight) in entries)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(weight);
            if (weight == 0)
            {
                continue;
            }

            total = checked(total + weight);
            values.Add(value);
            cumulative.Add(total);
        }

        if (total == 0)
        {
            throw new ArgumentException("At least one entry needs a positive weight.", nameof(entries));
        }

        _values = [.. values];
        _cumulative = [.. cumulative];
    }

    public int TotalWeight => _cumulative[^1];

    public IReadOnlyList<T> Values => _values;

    public T Pick(DeterministicRandom random)
    {
        var ticket = random.Next(TotalWeight);
        var index = Array.BinarySearch(_cumulative, ticket + 1);
        return _values[index >= 0 ? index : ~index];
    }
}

internal static class Weighted
{
    public static Weighted<T> Of<T>(params (T Value, int Weight)[] entries) => new(entries);
}
