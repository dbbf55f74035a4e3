using System.Globalization;
using System.Text.RegularExpressions;
using Lgsp.Core.Errors;

namespace Lgsp.Hub.Indicators;

/// <summary>
/// A 766 reporting period as whole months in Vietnam time, both ends included: a year (<c>2026</c>), a quarter
/// (<c>2026-Q2</c>), a month (<c>2026-03</c>) or a range of months (<c>2026-01..2026-08</c>, at most
/// <see cref="MaxMonths"/>).
/// </summary>
internal sealed partial record Indicator766Period(string Label, int FromYear, int FromMonth, int ToYear, int ToMonth)
{
    public const int MaxMonths = 60;

    public int From => (FromYear * 100) + FromMonth;

    public int To => (ToYear * 100) + ToMonth;

    /// <summary>The period's last day.</summary>
    public DateOnly LastDay => new DateOnly(ToYear, ToMonth, 1).AddMonths(1).AddDays(-1);

    /// <summary>Every month of the period, as yyyyMM, in order.</summary>
    public IEnumerable<int> Months()
    {
        for (var m = new DateOnly(FromYear, FromMonth, 1); m <= new DateOnly(ToYear, ToMonth, 1); m = m.AddMonths(1))
        {
            yield return (m.Year * 100) + m.Month;
        }
    }

    public static string MonthLabel(int month) => string.Create(CultureInfo.InvariantCulture, $"{month / 100:0000}-{month % 100:00}");

    public static bool TryParse(string text, out Indicator766Period? period, out FieldError? error)
    {
        period = null;
        error = null;
        var m = Shape().Match(text);
        if (!m.Success)
        {
            error = new FieldError("period", "period.format",
                "Kỳ báo cáo là một năm (2026), một quý (2026-Q2), một tháng (2026-03) hoặc một khoảng tháng (2026-01..2026-08).",
                "The period is a year (2026), a quarter (2026-Q2), a month (2026-03) or a range of months (2026-01..2026-08).");
            return false;
        }

        int Number(string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
        (int, int, int, int) bounds = m switch
        {
            _ when m.Groups["y"].Success => (Number("y"), 1, Number("y"), 12),
            _ when m.Groups["qy"].Success => (Number("qy"), (Number("q") * 3) - 2, Number("qy"), Number("q") * 3),
            _ when m.Groups["my"].Success => (Number("my"), Number("m"), Number("my"), Number("m")),
            _ => (Number("fy"), Number("fm"), Number("ty"), Number("tm")),
        };
        var (fy, fm, ty, tm) = bounds;
        if (fm is < 1 or > 12 || tm is < 1 or > 12)
        {
            error = new FieldError("period", "period.month", "Tháng phải từ 01 đến 12.", "A month is from 01 to 12.");
            return false;
        }

        var months = ((ty - fy) * 12) + (tm - fm) + 1;
        if (months < 1 || months > MaxMonths)
        {
            error = new FieldError("period", "period.range",
                string.Create(CultureInfo.InvariantCulture, $"Khoảng tháng phải bắt đầu không sau khi kết thúc và dài tối đa {MaxMonths} tháng."),
                string.Create(CultureInfo.InvariantCulture, $"A range of months must not end before it starts and spans at most {MaxMonths} months."));
            return false;
        }

        period = new Indicator766Period(text, fy, fm, ty, tm);
        return true;
    }

    [GeneratedRegex(@"^(?:(?<y>20\d\d)|(?<qy>20\d\d)-Q(?<q>[1-4])|(?<my>20\d\d)-(?<m>\d\d)|(?<fy>20\d\d)-(?<fm>\d\d)\.\.(?<ty>20\d\d)-(?<tm>\d\d))$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
