using Lgsp.Adapters.Sdk.Options;
using Lgsp.Hub.Indicators;

namespace Lgsp.Hub.Tests.Indicators;

/// <summary>The 766 weights are checked on start, every bad value at once, each failure a reason with vi and en text.</summary>
public sealed class Indicator766OptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new Indicator766OptionsValidator().Validate(null, new Indicator766Options()).Succeeded);

    [Fact]
    public void Validate_BadPointsThresholdAndTotal_ReportsEveryFailure()
    {
        var options = new Indicator766Options
        {
            Progress = new Indicator766Group { Points = 120, Threshold = 100 },
            Digitization = new Indicator766Group { Points = 22, Threshold = 0 },
        };

        var result = Assert.IsType<SettingsValidationResult>(new Indicator766OptionsValidator().Validate(null, options));

        // 120 + 12 + 10 + 22 = 164 points in all.
        Assert.Equal(
            [("Progress:Points", SettingReasons.NumberRange), ("Digitization:Threshold", SettingReasons.NumberRange), ("", SettingReasons.PointsTotal)],
            result.SettingFailures.Select(f => (f.Key, f.Reason)));
        Assert.Contains("164", result.SettingFailures[2].Text(SettingReasons.Vietnamese), StringComparison.Ordinal);
        Assert.Contains("Indicators766:Progress:Points", result.FailureMessage, StringComparison.Ordinal);
    }
}
