using Lgsp.Cli.Output;

namespace Lgsp.Cli.Tests.Output;

public sealed class VietnamTimeTests
{
    [Theory]
    [InlineData("2026-12-07T15:13:50Z")]
    [InlineData("2026-12-07T15:13:50+00:00")]
    [InlineData("2026-12-07T22:13:50+07:00")]
    [InlineData("2026-12-07T16:13:50+01:00")]
    public void Format_AnyOffset_IsVietnamTimeWithTheOffsetShown(string instant)
    {
        Assert.Equal("2026-12-07 22:13:50 +07:00", VietnamTime.Format(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Resolve_MachineWithoutTheZone_FallsBackToAFixedPlusSeven()
    {
        var zone = VietnamTime.Resolve("Nowhere/No_Such_Zone");

        Assert.Equal(TimeSpan.FromHours(7), zone.BaseUtcOffset);
        Assert.False(zone.SupportsDaylightSavingTime);
        Assert.Equal("2026-07-01 06:30:00 +07:00", VietnamTime.Format(new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero), zone));
    }
}
