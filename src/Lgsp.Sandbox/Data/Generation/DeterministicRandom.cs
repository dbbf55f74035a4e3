namespace Lgsp.Sandbox.Data.Generation;

/// <summary>
/// xoshiro256** (Blackman and Vigna, 2018), seeded through SplitMix64: a small, well-known generator
/// whose output is fixed by its published algorithm. <see cref="System.Random"/> is not used because its
/// seeded sequence is an implementation detail that has changed between .NET versions; with this one the
/// same seed gives byte-identical data on any runtime. Only integer arithmetic decides anything (no
/// floating-point maths), so results cannot drift with a platform's libm either.
/// </summary>
internal sealed class DeterministicRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Expands a 64-bit seed into the 256-bit state with SplitMix64, as the authors recommend.</summary>
    public DeterministicRandom(ulong seed)
    {
        var sm = seed;
        _s0 = SplitMix64(ref sm);
        _s1 = SplitMix64(ref sm);
        _s2 = SplitMix64(ref sm);
        _s3 = SplitMix64(ref sm);
    }

    /// <summary>Raw state, for the reference test vectors of the algorithm.</summary>
    internal DeterministicRandom(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("The all-zero state is a fixed point of xoshiro256**.", nameof(s0));
        }

        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>
    /// An independent stream for one part of the world, derived from the seed and a stable label
    /// (FNV-1a over its UTF-16 code units). Each part drawing from its own stream means that, for example,
    /// changing the number of enterprises leaves every citizen as it was.
    /// </summary>
    public static DeterministicRandom ForStream(ulong seed, string label)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in label)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        var mixed = seed ^ hash;
        return new DeterministicRandom(SplitMix64(ref mixed));
    }

    public static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>), without modulo bias (Lemire's method).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        var range = (ulong)maxExclusive;
        var product = Math.BigMul(NextUInt64(), range, out var low);
        if (low < range)
        {
            var threshold = (0UL - range) % range;
            while (low < threshold)
            {
                product = Math.BigMul(NextUInt64(), range, out low);
            }
        }

        return (int)product;
    }

    /// <summary>Uniform in [<paramref name="minInclusive"/>, <paramref name="maxInclusive"/>].</summary>
    public int Between(int minInclusive, int maxInclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInclusive, minInclusive);
        return minInclusive + Next(maxInclusive - minInclusive + 1);
    }

    /// <summary>True with probability <paramref name="percent"/>/100.</summary>
    public bool Percent(int percent) => Next(100) < percent;

    /// <summary>True with probability <paramref name="perMille"/>/1000.</summary>
    public bool PerMille(int perMille) => Next(1000) < perMille;

    public T Pick<T>(IReadOnlyList<T> items)
    {
        ArgumentOutOfRangeException.ThrowIfZero(items.Count);
        return items[Next(items.Count)];
    }

    /// <summary>A string of <paramref name="length"/> decimal digits (leading zeros allowed).</summary>
    public string Digits(int length)
    {
        Span<char> buffer = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            buffer[i] = (char)('0' + Next(10));
        }

        return new string(buffer);
    }

    /// <summary>A day in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public DateOnly DateBetween(DateOnly from, DateOnly to)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(to, from);
        return DateOnly.FromDayNumber(Between(from.DayNumber, to.DayNumber));
    }
}
