using Lgsp.Sandbox.Data.Generation;

namespace Lgsp.Sandbox.Tests.Data.Generation;

public sealed class WeightedTests
{
    [Fact]
    public void Pick_WeightsOneToThree_DrawsInProportion()
    {
        var weighted = Weighted.Of(("a", 1), ("b", 3));
        var rng = new DeterministicRandom(11);
        var b = Enumerable.Range(0, 40_000).Count(_ => weighted.Pick(rng) == "b");

        Assert.InRange(b, 29_400, 30_600);
    }

    [Fact]
    public void Pick_ZeroWeight_IsNeverDrawn()
    {
        var weighted = Weighted.Of(("never", 0), ("always", 5));
        var rng = new DeterministicRandom(5);

        Assert.All(Enumerable.Range(0, 1_000), _ => Assert.Equal("always", weighted.Pick(rng)));
        Assert.Equal(["always"], weighted.Values);
    }

    [Fact]
    public void Constructor_NoPositiveWeight_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => Weighted.Of(("x", 0)));
    }
}
