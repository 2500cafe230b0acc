namespace FastReg.IO;

/// <summary>
/// A CSV file held as text cells under named columns. Numbers are parsed on request, so a text column
/// (labels, ids) never stops the numeric ones from being read; a bad cell is reported with its line and column.
/// </summary>
public sealed class CsvTable
{
    private readonly string[] _columns;
    private readonly List<string[]> _rows;
    private readonly long[] _lines;
    private readonly Dictionary<string, int> _index;

    internal CsvTable(string sourceName, string[] columns, List<string[]> rows, long[] lines)
    {
        SourceName = sourceName;
        _columns = columns;
        _rows = rows;
        _lines = lines;
        _index = new Dictionary<string, int>(columns.Length, StringComparer.Ordinal);
        for (int i = 0; i < columns.Length; i++) _index.Add(columns[i], i);
    }

    /// <summary>The file path or source name the table was read from.</summary>
    public string SourceName { get; }

    /// <summary>Column names in file order.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>Number of data rows (the header is not counted).</summary>
    public int Rows => _rows.Count;

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

    /// <summary>A copy of column <paramref name="name"/> parsed as finite numbers.</summary>
    /// <exception cref="DataFormatException">A cell is empty, not a number, NaN or infinite.</exception>
    public double[] NumericColumn(string name)
    {
        int c = ColumnIndex(name);
        var values = new double[_rows.Count];
        for (int r = 0; r < values.Length; r++) values[r] = Number(r, c);
        return values;
    }

    /// <summary>The raw text cells of column <paramref name="name"/>, quotes removed.</summary>
    public string[] TextColumn(string name)
    {
        int c = ColumnIndex(name);
        var cells = new string[_rows.Count];
        for (int r = 0; r < cells.Length; r++) cells[r] = _rows[r][c];
        return cells;
    }

    /// <summary>The given columns parsed as finite numbers, row-major: <see cref="Rows"/> × <c>columns.Count</c>.</summary>
    /// <exception cref="DataFormatException">A cell is empty, not a number, NaN or infinite.</exception>
    public double[] NumericMatrix(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var picked = new int[columns.Count];
        for (int j = 0; j < picked.Length; j++) picked[j] = ColumnIndex(columns[j]);
        long size = (long)_rows.Count * picked.Length;
        if (size > Array.MaxLength)
            throw new ArgumentException($"{_rows.Count} rows × {picked.Length} columns is too large for one array", nameof(columns));
        var matrix = new double[size];
        for (int r = 0, k = 0; r < _rows.Count; r++)
        {
            for (int j = 0; j < picked.Length; j++) matrix[k++] = Number(r, picked[j]);
        }
        return matrix;
    }

    private double Number(int row, int column)
    {
        string cell = _rows[row][column];
        if (CsvNumber.TryParse(cell, out double value, out string? problem)) return value;
        throw new DataFormatException(problem, SourceName, _lines[row], _columns[column]);
    }
}
