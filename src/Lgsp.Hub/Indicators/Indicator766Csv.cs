using System.Globalization;
using System.Text;

namespace Lgsp.Hub.Indicators;

/// <summary>
/// The report as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read the Vietnamese): one line
/// per row of the report — the agency's total, each unit, procedure, field and month — with every count, rate and point.
/// </summary>
internal static class Indicator766Csv
{
    private static readonly string[] Header =
    [
        "phan_loai", "ma", "ky", "tiep_nhan", "truc_tuyen", "co_phi", "thanh_toan_truc_tuyen", "so_hoa",
        "da_xu_ly_dung_han", "da_xu_ly_qua_han", "dang_xu_ly_trong_han", "dang_xu_ly_qua_han", "tam_dung",
        "ty_le_dung_han", "ty_le_truc_tuyen", "ty_le_thanh_toan_truc_tuyen", "ty_le_so_hoa",
        "diem_tien_do", "diem_dvc_truc_tuyen", "diem_thanh_toan", "diem_so_hoa", "tong_diem", "diem_toi_da",
    ];

    public static byte[] Write(Indicator766Report report)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Header).Append("\r\n");
        Line(csv, "total", report.Agency, report.Period, report.Total);
        foreach (var unit in report.Units)
        {
            Line(csv, "unit", unit.Agency, report.Period, unit.Figures);
        }

        foreach (var procedure in report.Procedures)
        {
            Line(csv, "procedure", procedure.Field.Length == 0 ? procedure.Procedure : $"{procedure.Procedure}/{procedure.Field}", report.Period, procedure.Figures);
        }

        foreach (var field in report.Fields)
        {
            Line(csv, "field", field.Field, report.Period, field.Figures);
        }

        foreach (var month in report.Months)
        {
            Line(csv, "month", report.Agency, month.Month, month.Figures);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static void Line(StringBuilder csv, string kind, string key, string period, Indicator766Figures f)
    {
        var c = f.Counts;
        var r = f.Rates;
        var p = f.Points;
        object?[] values =
        [
            kind, key, period, c.Received, c.ReceivedOnline, c.WithFees, c.PaidOnline, c.Digitized,
            c.ClosedOnTime, c.ClosedLate, c.OpenOnTime, c.OpenOverdue, c.Paused,
            r.Progress, r.Online, r.OnlinePayment, r.Digitized,
            p.Progress, p.OnlineService, p.OnlinePayment, p.Digitization, p.Total, p.Max,
        ];
        csv.AppendJoin(',', values.Select(Field)).Append("\r\n");
    }

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            decimal number => number.ToString("0.00", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
