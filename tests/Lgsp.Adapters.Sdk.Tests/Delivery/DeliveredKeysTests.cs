using Lgsp.Adapters.Sdk.Delivery;

namespace Lgsp.Adapters.Sdk.Tests.Delivery;

public sealed class DeliveredKeysTests
{
    [Fact]
    public void Contains_KeyAdded_IsTrueAndOthersFalse()
    {
        var keys = new DeliveredKeys();

        keys.Add("H56.14-251124-0001@1");

        Assert.True(keys.Contains("H56.14-251124-0001@1"));
        Assert.False(keys.Contains("H56.14-251124-0001#1"));
    }

    [Fact]
    public void Add_BeyondCapacity_ForgetsTheOldestFirst()
    {
        var keys = new DeliveredKeys(capacity: 2);

        keys.Add("a");
        keys.Add("b");
        keys.Add("a"); // already held: neither refreshed nor counted twice
        keys.Add("c");

        Assert.Equal((false, true, true, 2), (keys.Contains("a"), keys.Contains("b"), keys.Contains("c"), keys.Count));
    }

    [Fact]
    public async Task Add_FromManyThreads_KeepsExactlyTheCapacity()
    {
        var keys = new DeliveredKeys(capacity: 100);

        await Parallel.ForAsync(0, 1000, (i, _) =>
        {
            keys.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return ValueTask.CompletedTask;
        });

        Assert.Equal(100, keys.Count);
    }

    [Fact]
    public void Constructor_CapacityBelowOne_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeliveredKeys(0));
}
