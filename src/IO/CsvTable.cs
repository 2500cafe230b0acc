using System.Globalization;

namespace FastReg.IO;

/// <summary>
/// A CSV file read into typed columns (<see cref="DataColumn"/>): a column is numeric when every cell that is
/// not missing is a finite number, text otherwise. A text column (labels, ids) never stops the numeric ones from
/// being read; asking for a column as numbers reports its first bad or missing cell with line and column.
/// </summary>
public sealed class CsvTable
{
    private readonly DataColumn[] _data;
    private readonly string[] _columns;
    private readonly long[] _lines;
    private readonly Dictionary<string, int> _index;
    private readonly (int Row, string Problem)?[] _firstText;
    private readonly (int Row, string Token)?[] _firstMissing;

    internal CsvTable(string sourceName, DataColumn[] columns, long[] lines, CsvDialect dialect,
        (int Row, string Problem)?[] firstText, (int Row, string Token)?[] firstMissing)
    {
        SourceName = sourceName;
        _data = columns;
        _lines = lines;
        Dialect = dialect;
        _firstText = firstText;
        _firstMissing = firstMissing;
        _columns = new string[columns.Length];
        _index = new Dictionary<string, int>(columns.Length, StringComparer.Ordinal);
        for (int i = 0; i < columns.Length; i++)
        {
            _columns[i] = columns[i].Name;
            _index.Add(columns[i].Name, i);
        }
    }

    /// <summary>The file path or source name the table was read from.</summary>
    public string SourceName { get; }

    /// <summary>The delimiter, decimal separator and header the file was read with.</summary>
    public CsvDialect Dialect { get; }

    /// <summary>Column names in file order (x0, x1, ... for a file without a header row).</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>The columns as read, in file order; the arrays are the table's own (not copies).</summary>
    public IReadOnlyList<DataColumn> DataColumns => _data;

    /// <summary>Number of data rows (the header is not counted).</summary>
    public int Rows => _lines.Length;

    /// <summary>The 1-based physical line data row <paramref name="row"/> (0-based) starts on, for messages about its values.</summary>
    public long LineOf(int row) => _lines[row];

    /// <summary>The 0-based index of column <paramref name="name"/> (exact, case-sensitive match).</summary>
    /// <exception cref="ArgumentException">No such column; the message lists the available ones.</exception>
    public int ColumnIndex(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_index.TryGetValue(name, out int i)) return i;
        throw new ArgumentException($"no column '{name}' in {SourceName}; columns: {string.Join(", ", _columns)}", nameof(name));
    }

    /// <summary>Column <paramref name="name"/> as read (the table's own arrays).</summary>
    /// <exception cref="ArgumentException">No such column.</exception>
    public DataColumn Column(string name) => _data[ColumnIndex(name)];

    /// <summary>A copy of column <paramref name="name"/> as finite numbers; missing cells are NaN where <paramref name="allowMissing"/>.</summary>
    /// <exception cref="DataFormatException">A cell is not a finite number, or is missing and <paramref name="allowMissing"/> is false; the message names its line and column.</exception>
    public double[] NumericColumn(string name, bool allowMissing = false)
    {
        int c = ColumnIndex(name);
        if (Problem(c, allowMissing) is { } p) throw p.Error;
        return (double[])_data[c].Numbers!.Clone();
    }

    /// <summary>
    /// The cells of column <paramref name="name"/> as text, a missing cell as the empty string (<see cref="Column"/>
    /// tells them apart: null); a numeric column's values in their shortest round-trip form.
    /// </summary>
    public string[] TextColumn(string name)
    {
        DataColumn column = _data[ColumnIndex(name)];
        var cells = new string[column.Length];
        if (column.Texts is { } texts)
        {
            for (int r = 0; r < cells.Length; r++) cells[r] = texts[r] ?? "";
            return cells;
        }
        double[] numbers = column.Numbers!;
        for (int r = 0; r < cells.Length; r++)
            cells[r] = double.IsNaN(numbers[r]) ? "" : numbers[r].ToString("R", CultureInfo.InvariantCulture);
        return cells;
    }

    /// <summary>The given columns as finite numbers, row-major: <see cref="Rows"/> × <c>columns.Count</c>; missing cells are NaN where <paramref name="allowMissing"/>.</summary>
    /// <exception cref="DataFormatException">A cell is not a finite number (or missing, unless allowed): the first in row-major order, with its line and column.</exception>
    public double[] NumericMatrix(IReadOnlyList<string> columns, bool allowMissing = false)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var picked = new int[columns.Count];
        (int Row, DataFormatException Error)? first = null;
        for (int j = 0; j < picked.Length; j++)
        {
            picked[j] = ColumnIndex(columns[j]);
            if (Problem(picked[j], allowMissing) is { } p && (first is null || p.Row < first.Value.Row)) first = p;
        }
        if (first is { } f) throw f.Error;
        long size = (long)Rows * picked.Length;
        if (size > Array.MaxLength)
            throw new ArgumentException($"{Rows} rows × {picked.Length} columns is too large for one array", nameof(columns));
        var matrix = new double[size];
        for (int j = 0; j < picked.Length; j++)
        {
            double[] values = _data[picked[j]].Numbers!;
            for (int r = 0, k = j; r < values.Length; r++, k += picked.Length) matrix[k] = values[r];
        }
        return matrix;
    }

    /// <summary>The first missing cell of column <paramref name="name"/>: its row (0-based) and the missing-value spelling it matched; null when there is none.</summary>
    public (int Row, string Cell)? FirstMissing(string name) => _firstMissing[ColumnIndex(name)] is { } m ? (m.Row, m.Token) : null;

    /// <summary>The first cell of column <paramref name="c"/> that cannot be read as a number, with the error that says so.</summary>
    private (int Row, DataFormatException Error)? Problem(int c, bool allowMissing)
    {
        (int Row, DataFormatException Error)? text = _firstText[c] is { } t
            ? (t.Row, new DataFormatException(t.Problem, SourceName, _lines[t.Row], _columns[c]))
            : null;
        if (allowMissing || _firstMissing[c] is not { } m || (text is not null && text.Value.Row < m.Row)) return text;
        string what = m.Token.Length == 0 ? "empty cell where a number is expected" : $"'{CsvNumber.Shorten(m.Token)}' is a missing value where a number is expected";
        return (m.Row, new DataFormatException(what, SourceName, _lines[m.Row], _columns[c]));
    }
}
