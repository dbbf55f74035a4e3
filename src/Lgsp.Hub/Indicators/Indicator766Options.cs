using Lgsp.Adapters.Sdk.Options;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Indicators;

/// <summary>
/// The 766 scoring (<c>Indicators766</c>, <c>config/indicators.json</c>): per group the hub computes, the points it is
/// worth and the threshold at which it earns them all (Quyết định 766: score = points when rate ≥ threshold, else
/// rate × points / threshold). The defaults are the decision's group points (DOMAIN.md §6).
/// </summary>
internal sealed record Indicator766Options
{
    public const string SectionName = "Indicators766";

    public Indicator766Group Progress { get; init; } = new() { Points = 20, Threshold = 100 };

    public Indicator766Group OnlineService { get; init; } = new() { Points = 12, Threshold = 50 };

    public Indicator766Group OnlinePayment { get; init; } = new() { Points = 10, Threshold = 100 };

    public Indicator766Group Digitization { get; init; } = new() { Points = 22, Threshold = 80 };

    /// <summary>How often the per-agency gauges are read from the counters (10 ms – 1 h).</summary>
    public TimeSpan GaugeRefreshInterval { get; init; } = TimeSpan.FromSeconds(15);

    public IEnumerable<(string Name, Indicator766Group Group)> Groups() =>
        [(nameof(Progress), Progress), (nameof(OnlineService), OnlineService), (nameof(OnlinePayment), OnlinePayment), (nameof(Digitization), Digitization)];
}

internal sealed record Indicator766Group
{
    /// <summary>The most the group earns (0–100).</summary>
    public decimal Points { get; init; }

    /// <summary>The rate, in percent (1–100), from which the group earns all its points.</summary>
    public decimal Threshold { get; init; } = 100;

    /// <summary>The points a rate earns; none without a rate (no dossier to judge).</summary>
    public decimal? Score(decimal? rate) =>
        rate is not { } r ? null : Math.Round(r >= Threshold ? Points : r * Points / Threshold, 2, MidpointRounding.AwayFromZero);
}

/// <summary>Every bad value at once: points 0–100, thresholds 1–100, points adding up to at most 100.</summary>
internal sealed class Indicator766OptionsValidator : IValidateOptions<Indicator766Options>
{
    public ValidateOptionsResult Validate(string? name, Indicator766Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<SettingFailure>();
        foreach (var (group, value) in options.Groups())
        {
            if (value.Points is < 0 or > 100)
            {
                errors.Add(new SettingFailure($"{group}:Points", SettingReasons.NumberRange, 0, 100));
            }

            if (value.Threshold is < 1 or > 100)
            {
                errors.Add(new SettingFailure($"{group}:Threshold", SettingReasons.NumberRange, 1, 100));
            }
        }

        if (options.GaugeRefreshInterval < TimeSpan.FromMilliseconds(10) || options.GaugeRefreshInterval > TimeSpan.FromHours(1))
        {
            errors.Add(new SettingFailure(nameof(Indicator766Options.GaugeRefreshInterval), SettingReasons.DurationRange, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1)));
        }

        var total = options.Groups().Sum(g => g.Group.Points);
        if (total > 100)
        {
            errors.Add(new SettingFailure("", SettingReasons.PointsTotal, total));
        }

        return SettingsValidationResult.From(Indicator766Options.SectionName, errors);
    }
}
