using System.Diagnostics.Metrics;
using Lgsp.Core.Codes;
using Lgsp.Core.Time;
using Lgsp.Hub.Indicators.Storage;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Indicators;

/// <summary>
/// Prometheus gauges per agency (meter <c>Lgsp.Indicators</c>, tag <c>agency</c> = the short form, every unit and its
/// parents up to the province): this year's progress, online, online-payment and digitized rates (percent) and the
/// points. A scrape must not wait on the database, so the figures are read from the counters every
/// <see cref="Indicator766Options.GaugeRefreshInterval"/> into a snapshot the gauges report.
/// </summary>
internal sealed partial class Indicator766Gauges : BackgroundService
{
    public const string MeterName = "Lgsp.Indicators";

    private readonly Meter _meter;
    private readonly Indicator766Queries _queries;
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<Indicator766Options> _options;
    private readonly ILogger<Indicator766Gauges> _logger;
    private volatile IReadOnlyList<(string Agency, Indicator766Figures Figures)> _snapshot = [];

    public Indicator766Gauges(Indicator766Queries queries, TimeProvider time, IOptionsMonitor<Indicator766Options> options, ILogger<Indicator766Gauges> logger, IMeterFactory meters)
    {
        // The host's meter factory: the meter is this hub's and goes with it (a test process runs many hubs).
        _meter = meters.Create(MeterName);
        _queries = queries;
        _time = time;
        _options = options;
        _logger = logger;
        Gauge("lgsp.indicators766.progress_rate", "Share of dossiers handled on time this year (closed on time + open on time) / judged.", f => f.Rates.Progress);
        Gauge("lgsp.indicators766.online_rate", "Share of this year's received dossiers received online.", f => f.Rates.Online);
        Gauge("lgsp.indicators766.online_payment_rate", "Share of this year's dossiers with fees paid online.", f => f.Rates.OnlinePayment);
        Gauge("lgsp.indicators766.digitized_rate", "Share of this year's received dossiers with digitized components.", f => f.Rates.Digitized);
        _meter.CreateObservableGauge("lgsp.indicators766.points", () => Measure(f => f.Points.Total), description: "Points earned this year under the configured weights.");
    }

    private void Gauge(string name, string description, Func<Indicator766Figures, decimal?> value) =>
        _meter.CreateObservableGauge(name, () => Measure(value), unit: "%", description: description);

    private IEnumerable<Measurement<double>> Measure(Func<Indicator766Figures, decimal?> value) =>
        _snapshot.Where(s => value(s.Figures) is not null)
            .Select(s => new Measurement<double>((double)value(s.Figures)!.Value, new KeyValuePair<string, object?>("agency", s.Agency)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _snapshot = await ComputeAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRefreshFailed(_logger, ex);
            }

            await Task.Delay(_options.CurrentValue.GaugeRefreshInterval, _time, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<(string, Indicator766Figures)>> ComputeAsync(CancellationToken ct)
    {
        var today = VietnamTime.Today(_time);
        var (from, to, day) = ((today.Year * 100) + 1, (today.Year * 100) + 12, Indicator766Key.DayOf(today));
        var byPath = (await _queries.LoadAsync(null, to, ct)).GroupBy(r => r.AgencyPath).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var units = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in byPath.Keys)
        {
            for (AgencyCode? unit = AgencyCode.Parse(path); unit is { } u; unit = u.Parent)
            {
                units.Add(u.ShortForm);
            }
        }

        var weights = _options.CurrentValue;
        return [.. units.Select(unit => (unit, Indicator766Calculator.Figures(
            byPath.Where(p => Indicator766Queries.Under(p.Key, unit)).SelectMany(p => p.Value), from, to, day, weights)))];
    }

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Warning, Message = "The 766 gauges could not be refreshed; the previous figures stay.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
