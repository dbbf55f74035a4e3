using System.Globalization;
using System.Text;

namespace Lgsp.Hub.DataAccess;

/// <summary>The report as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet programs read Vietnamese).</summary>
internal static class DataAccessCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly string[] Header =
    [
        "thoi_gian", "nguon", "ten_nguon", "nghiep_vu", "he_thong", "ma_co_quan", "ten_co_quan", "can_bo",
        "ma_thu_tuc", "ten_thu_tuc", "ket_qua", "http_status", "ma_trao_doi",
    ];

    public static byte[] Write(DataAccessPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var text = new StringBuilder();
        Line(text, Header);
        foreach (var e in page.Items)
        {
            Line(text,
            [
                e.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture), e.Source, e.SourceName, e.Operation, e.ClientId,
                e.AgencyCode, e.AgencyName, e.OfficerId, e.ProcedureCode, e.ProcedureName, e.Outcome,
                e.HttpStatus.ToString(CultureInfo.InvariantCulture), e.ExchangeId.ToString("D"),
            ]);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static void Line(StringBuilder text, IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            var field = fields[i] ?? string.Empty;
            // A leading = + - @ would be a formula to a spreadsheet (CSV injection): quoted and prefixed.
            if (field.Length > 0 && field[0] is '=' or '+' or '-' or '@')
            {
                field = "'" + field;
            }

            text.Append(field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || field.StartsWith('\'') ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field);
        }

        text.Append("\r\n");
    }
}
