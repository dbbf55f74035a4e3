namespace Lgsp.Bench.Shared;

/// <summary>Sorted samples (milliseconds) and the nearest-rank percentile of them.</summary>
public sealed class Percentiles
{
    private readonly double[] _sorted;

    private Percentiles(double[] sorted) => _sorted = sorted;

    public int Count => _sorted.Length;

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    /// <summary>Sorts a copy of the samples.</summary>
    public static Percentiles Of(IEnumerable<double> samples)
    {
        var sorted = samples.ToArray();
        Array.Sort(sorted);
        return new Percentiles(sorted);
    }

    /// <summary>The smallest sample with at least <paramref name="quantile"/> of all samples at or below it (nearest rank).</summary>
    public double At(double quantile) =>
        _sorted.Length == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(quantile * _sorted.Length) - 1, 0, _sorted.Length - 1)];
}
