using System.Globalization;

namespace Lgsp.Hub.Indicators;

/// <summary>What a counter counts (<c>indicator766_counters.measure</c>); the numbers are stored, never renumber them.</summary>
internal enum Indicator766Measure
{
    /// <summary>Received in the month (not refused): the denominator of the online, payment and digitization shares.</summary>
    Received = 1,

    /// <summary>Received in the month through the online channel (KenhThucHien 2).</summary>
    ReceivedOnline = 2,

    /// <summary>Received in the month with at least one fee above zero (DanhSachLePhi): the payment share's denominator.</summary>
    WithFees = 3,

    /// <summary>Of those with fees, paid online (DuocThanhToanTrucTuyen 1).</summary>
    PaidOnline = 4,

    /// <summary>Received in the month with digitized components (HoSoCoThanhPhanSoHoa 1).</summary>
    Digitized = 5,

    /// <summary>Closed (7, 9, 10) in the month on or before its due day (or with none).</summary>
    ClosedOnTime = 6,

    /// <summary>Closed in the month after its due day.</summary>
    ClosedLate = 7,

    /// <summary>Open (2, 4), by the month received and the due day: overdue or not is decided by the reference day.</summary>
    Open = 8,

    /// <summary>Paused (5, 6, 8), by the month received: shown, and excluded from progress.</summary>
    Paused = 9,
}

/// <summary>One counter a dossier is in, beside its agency, procedure and field.</summary>
internal readonly record struct Indicator766Key(Indicator766Measure Measure, int Month, int DueDay)
{
    /// <summary>The due day of an open dossier without NgayHenTra: never overdue.</summary>
    public const int NoDueDay = 99_991_231;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{(int)Measure}:{Month}:{DueDay}");

    public static Indicator766Key Parse(string text)
    {
        var parts = text.Split(':');
        return new((Indicator766Measure)int.Parse(parts[0], CultureInfo.InvariantCulture),
            int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    public static int MonthOf(DateOnly day) => (day.Year * 100) + day.Month;

    public static int DayOf(DateOnly day) => (day.Year * 10_000) + (day.Month * 100) + day.Day;
}
