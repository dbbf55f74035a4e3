using Lgsp.Core.Dossiers;
using Lgsp.Core.Errors;
using Lgsp.Core.Time;

namespace Lgsp.Core.Tests.Dossiers;

public sealed class ReportingPeriodTests
{
    private static readonly TimeSpan Vn = VietnamTime.Offset;

    [Fact]
    public void Year_2025_IsTheVietnamCalendarYearHalfOpen()
    {
        var year = ReportingPeriod.Year(2025);

        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, Vn), year.Start);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, Vn), year.End);
        Assert.True(year.Contains(year.Start));
        Assert.True(year.Contains(year.End.AddSeconds(-1)));
        Assert.False(year.Contains(year.End));
        Assert.False(year.Contains(year.Start.AddTicks(-1)));
    }

    [Fact]
    public void Month_December_EndsAtTheNextNewYear()
    {
        var december = ReportingPeriod.Month(2025, 12);

        Assert.Equal(new DateTimeOffset(2025, 12, 1, 0, 0, 0, Vn), december.Start);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, Vn), december.End);
    }

    [Fact]
    public void Contains_UtcInstantJustBeforeVietnamMidnight_IsInThePreviousMonth()
    {
        // 2025-08-31T16:59:59Z is 23:59:59 on 31 August in Vietnam.
        var instant = new DateTimeOffset(2025, 8, 31, 16, 59, 59, TimeSpan.Zero);

        Assert.True(ReportingPeriod.Month(2025, 8).Contains(instant));
        Assert.False(ReportingPeriod.Month(2025, 9).Contains(instant));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_EndNotAfterStart_ThrowsValidationFailed(int seconds)
    {
        var start = new DateTimeOffset(2025, 8, 1, 0, 0, 0, Vn);

        var ex = Assert.Throws<LgspException>(() => new ReportingPeriod(start, start.AddSeconds(seconds)));

        Assert.Same(ErrorCatalogue.ValidationFailed, ex.Error);
        var error = Assert.Single(ex.FieldErrors);
        Assert.Equal(("end", "period.order"), (error.Field, error.Reason));
    }
}
