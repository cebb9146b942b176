using System.Globalization;
using System.Text;

namespace DescribeFunction.Benchmarks.Output;

/// <summary>A fixed-width text table: text columns left-aligned, numeric columns right-aligned.</summary>
internal sealed class Table(string title, params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void Write(TextWriter output)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => i < r.Length ? r[i].Length : 0))).ToArray();
        var numeric = headers.Select((_, i) => _rows.Count > 0 && _rows.All(r => i >= r.Length || IsNumeric(r[i]))).ToArray();
        var line = new StringBuilder();
        output.WriteLine();
        output.WriteLine(title);
        output.WriteLine(Row(headers, widths, numeric, line));
        output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
        {
            output.WriteLine(Row(row, widths, numeric, line));
        }
    }

    public static string Ms(double value) => value.ToString(value >= 100 ? "F0" : "F1", CultureInfo.InvariantCulture);

    public static string Num(double value, string format = "F0") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Ratio(double value) => value.ToString("F2", CultureInfo.InvariantCulture) + "x";

    private static string Row(string[] cells, int[] widths, bool[] numeric, StringBuilder line)
    {
        line.Clear();
        for (var i = 0; i < widths.Length; i++)
        {
            var cell = i < cells.Length ? cells[i] : "";
            line.Append(i == 0 ? "" : " | ");
            line.Append(numeric[i] ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
        }

        return line.ToString().TrimEnd();
    }

    private static bool IsNumeric(string cell) =>
        cell.Length == 0 || cell is "-" or "not given" || char.IsDigit(cell[0]) || (cell.Length > 1 && cell[0] is '-' or '+' or '<' or '>' && char.IsDigit(cell[1]));
}
