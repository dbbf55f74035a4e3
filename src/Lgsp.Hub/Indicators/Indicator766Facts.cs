using Lgsp.Core.Dossiers;
using Lgsp.Core.Time;

namespace Lgsp.Hub.Indicators;

/// <summary>
/// The counters one dossier is in, from its own status and dates (TrangThaiHoSo, NgayTiepNhan, NgayHenTra,
/// NgayKetThucXuLy) by TD-DVC's 766 rules (<see cref="DossierTimeline"/>): processing steps never change them, as
/// they never change the dossier's status. A dossier never received, or refused at the desk, is in none.
/// </summary>
internal static class Indicator766Facts
{
    public static IReadOnlyList<Indicator766Key> Of(Dossier dossier)
    {
        if (!DossierTimeline.TryCreate(dossier.Status, dossier.ReceivedAt, dossier.DueAt, dossier.ProcessingEndedAt, out var timeline, out _)
            || !timeline.IsReceived || timeline.Group is Group766.Refused or Group766.PreReceipt)
        {
            return [];
        }

        var received = Indicator766Key.MonthOf(Day(timeline.ReceivedAt.Value));
        var keys = new List<Indicator766Key>(6) { new(Indicator766Measure.Received, received, 0) };
        if (dossier.Channel == DossierChannel.Online)
        {
            keys.Add(new(Indicator766Measure.ReceivedOnline, received, 0));
        }

        if (dossier.Fees.Any(f => f.Amount > 0))
        {
            keys.Add(new(Indicator766Measure.WithFees, received, 0));
            if (dossier.PaidOnline == OnlinePayment.Paid)
            {
                keys.Add(new(Indicator766Measure.PaidOnline, received, 0));
            }
        }

        if (dossier.HasDigitizedComponents)
        {
            keys.Add(new(Indicator766Measure.Digitized, received, 0));
        }

        switch (timeline.Group)
        {
            case Group766.Closed:
                var closed = Indicator766Key.MonthOf(Day(timeline.ProcessingEndedAt!.Value));
                // The reference instant does not matter for a closed dossier: its end date decides.
                var late = timeline.GetTimeliness(timeline.ProcessingEndedAt.Value) == Timeliness.Late;
                keys.Add(new(late ? Indicator766Measure.ClosedLate : Indicator766Measure.ClosedOnTime, closed, 0));
                break;
            case Group766.Open:
                var due = timeline.DueAt is { } d ? Indicator766Key.DayOf(Day(d)) : Indicator766Key.NoDueDay;
                keys.Add(new(Indicator766Measure.Open, received, due));
                break;
            case Group766.Paused:
                keys.Add(new(Indicator766Measure.Paused, received, 0));
                break;
        }

        return keys;
    }

    private static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToVietnam().DateTime);
}
