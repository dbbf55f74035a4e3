using Lgsp.Hub.Indicators.Storage;

namespace Lgsp.Hub.Indicators;

/// <summary>Turns counter rows into figures for a range of months judged on a reference day. Pure: no storage, no clock.</summary>
internal static class Indicator766Calculator
{
    public static Indicator766Figures Figures(IEnumerable<Indicator766Counter> rows, int fromMonth, int toMonth, int referenceDay, Indicator766Options weights)
    {
        long received = 0, online = 0, withFees = 0, paid = 0, digitized = 0, onTime = 0, late = 0, openOnTime = 0, openOverdue = 0, paused = 0;
        foreach (var row in rows)
        {
            var inPeriod = row.Month >= fromMonth && row.Month <= toMonth;
            var byEnd = row.Month <= toMonth;
            switch ((Indicator766Measure)row.Measure)
            {
                case Indicator766Measure.Received when inPeriod: received += row.Count; break;
                case Indicator766Measure.ReceivedOnline when inPeriod: online += row.Count; break;
                case Indicator766Measure.WithFees when inPeriod: withFees += row.Count; break;
                case Indicator766Measure.PaidOnline when inPeriod: paid += row.Count; break;
                case Indicator766Measure.Digitized when inPeriod: digitized += row.Count; break;
                case Indicator766Measure.ClosedOnTime when inPeriod: onTime += row.Count; break;
                case Indicator766Measure.ClosedLate when inPeriod: late += row.Count; break;
                // Calendar-day rule: open and late once the reference day is after the due day.
                case Indicator766Measure.Open when byEnd && referenceDay > row.DueDay: openOverdue += row.Count; break;
                case Indicator766Measure.Open when byEnd: openOnTime += row.Count; break;
                case Indicator766Measure.Paused when byEnd: paused += row.Count; break;
            }
        }

        var counts = new Indicator766Counts(received, online, withFees, paid, digitized, onTime, late, openOnTime, openOverdue, paused);
        var judged = counts.Judged;
        var rates = new Indicator766Rates(
            Rate(onTime + openOnTime, judged), Rate(onTime, judged), Rate(late, judged), Rate(openOnTime, judged), Rate(openOverdue, judged),
            Rate(online, received), Rate(paid, withFees), Rate(digitized, received));
        var points = new[]
        {
            weights.Progress.Score(rates.Progress), weights.OnlineService.Score(rates.Online),
            weights.OnlinePayment.Score(rates.OnlinePayment), weights.Digitization.Score(rates.Digitized),
        };
        var max = weights.Groups().Sum(g => g.Group.Points);
        return new Indicator766Figures(counts, rates,
            new Indicator766Points(points[0], points[1], points[2], points[3], points.Sum(p => p ?? 0), max));
    }

    private static decimal? Rate(long part, long whole) =>
        whole == 0 ? null : Math.Round(part * 100m / whole, 2, MidpointRounding.AwayFromZero);
}
