using System.Globalization;
using System.Text;

namespace Lgsp.Cli.Output;

/// <summary>
/// A plain text table for people (scripts use <c>--json</c>). Widths count text elements, not chars, so Vietnamese
/// written with combining diacritics still lines up; a cell may span several lines.
/// </summary>
internal sealed class Table(params string[] headers)
{
    private const string Gap = "  ";
    private readonly List<string[][]> _rows = [];

    public int Count => _rows.Count;

    public Table Add(params string?[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"A row has {headers.Length} cells, not {cells.Length}.", nameof(cells));
        }

        _rows.Add([.. cells.Select(c => (c ?? "").Split('\n'))]);
        return this;
    }

    public void WriteTo(TextWriter writer)
    {
        var widths = headers.Select(Width).ToArray();
        foreach (var row in _rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Max(Width));
            }
        }

        WriteLine(writer, headers, widths);
        WriteLine(writer, [.. widths.Select(w => new string('-', w))], widths);
        foreach (var row in _rows)
        {
            var height = row.Max(c => c.Length);
            for (var line = 0; line < height; line++)
            {
                WriteLine(writer, [.. row.Select(c => line < c.Length ? c[line] : "")], widths);
            }
        }

        if (_rows.Count == 0)
        {
            writer.WriteLine("(không có / none)");
        }
    }

    private static void WriteLine(TextWriter writer, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            line.Append(cells[i]);
            if (i < cells.Length - 1)
            {
                line.Append(' ', widths[i] - Width(cells[i])).Append(Gap);
            }
        }

        writer.WriteLine(line.ToString().TrimEnd());
    }

    internal static int Width(string text) => new StringInfo(text).LengthInTextElements;
}
