using System.Globalization;
using System.Text;

namespace FastReg.IO;

/// <summary>Reads and writes comma-separated files with a header row (RFC 4180 quoting, UTF-8).</summary>
public static class Csv
{
    /// <summary>Reads the CSV file at <paramref name="path"/> (UTF-8 with or without BOM).</summary>
    /// <exception cref="DataFormatException">The file is empty, malformed, or breaks a limit; the message names the line.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static CsvTable Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var invalid = new Utf8InvalidBytes();
        using var reader = new StreamReader(path, invalid.Encoding, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path, invalid);
    }

    /// <summary>Reads CSV bytes (UTF-8 with or without BOM) from <paramref name="stream"/>; <paramref name="sourceName"/> names it in error messages.</summary>
    /// <exception cref="DataFormatException">The content is empty, malformed, not UTF-8, or breaks a limit; the message names the line.</exception>
    public static CsvTable Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var invalid = new Utf8InvalidBytes();
        using var reader = new StreamReader(stream, invalid.Encoding, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return Read(reader, sourceName, invalid);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>; <paramref name="sourceName"/> names it in error messages.</summary>
    /// <exception cref="DataFormatException">The text is empty, malformed, or breaks a limit; the message names the line.</exception>
    public static CsvTable Read(TextReader reader, string sourceName) => Read(reader, sourceName, invalid: null);

    private static CsvTable Read(TextReader reader, string sourceName, Utf8InvalidBytes? invalid)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        var records = new CsvRecordReader(reader, sourceName, invalid);
        var cells = new List<string>();

        long headerLine;
        bool blank;
        do
        {
            if (!records.Next(cells, out headerLine, out blank))
                throw new DataFormatException("file is empty; a header row naming the columns is expected", sourceName);
        }
        while (blank);
        string[] columns = [.. cells];
        CheckHeader(columns, sourceName, headerLine);

        var rows = new List<string[]>();
        var lines = new List<long>();
        var pendingBlankLines = new List<long>();
        long cellCount = columns.Length;
        while (records.Next(cells, out long line, out blank))
        {
            // Blank lines are dropped only at the end of the file; inside the data they are rows.
            if (blank)
            {
                pendingBlankLines.Add(line);
                continue;
            }
            foreach (long blankLine in pendingBlankLines)
                AddRow([string.Empty], blankLine, " (a blank line)");
            pendingBlankLines.Clear();
            AddRow([.. cells], line, "");
        }
        if (rows.Count == 0)
            throw new DataFormatException("file has a header row but no data rows", sourceName);
        return new CsvTable(sourceName, columns, rows, [.. lines]);

        void AddRow(string[] row, long line, string note)
        {
            if (row.Length != columns.Length)
                throw new DataFormatException(
                    $"expected {columns.Length} cells (one per column), found {row.Length}{note}", sourceName, line);
            cellCount += row.Length;
            if (cellCount > int.MaxValue)
                throw new DataFormatException($"more than {int.MaxValue:N0} cells; FastReg reads tables up to that size", sourceName, line);
            rows.Add(row);
            lines.Add(line);
        }
    }

    /// <summary>
    /// Writes a header and a row-major matrix atomically (see <see cref="AtomicFile"/>), numbers in the shortest
    /// invariant-culture form that reads back to the same double.
    /// </summary>
    /// <param name="path">The target file; its directory must exist.</param>
    /// <param name="header">Column names: non-empty and distinct; quoted where needed.</param>
    /// <param name="rowMajor">Rows × <c>header.Count</c> finite values, row after row.</param>
    /// <exception cref="ArgumentException">Bad header, a length that is not a multiple of the column count, or a value that is NaN or infinite.</exception>
    public static void Write(string path, IReadOnlyList<string> header, ReadOnlySpan<double> rowMajor)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header.Count == 0) throw new ArgumentException("at least one column is needed", nameof(header));
        CheckHeaderArgument(header);
        if (rowMajor.Length % header.Count != 0)
            throw new ArgumentException($"{rowMajor.Length} values do not fill rows of {header.Count} columns", nameof(rowMajor));
        for (int i = 0; i < rowMajor.Length; i++)
        {
            // The reader rejects NaN and infinities, so writing one would make a file FastReg cannot read back.
            if (!double.IsFinite(rowMajor[i]))
                throw new ArgumentException(
                    $"value {rowMajor[i]} at row {i / header.Count}, column '{header[i % header.Count]}' is not finite", nameof(rowMajor));
        }

        double[] values = rowMajor.ToArray();
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
            writer.NewLine = "\n";
            for (int j = 0; j < header.Count; j++)
            {
                if (j > 0) writer.Write(',');
                writer.Write(Quote(header[j]));
            }
            writer.WriteLine();
            Span<char> number = stackalloc char[32];
            for (int i = 0; i < values.Length; i++)
            {
                values[i].TryFormat(number, out int n, "R", CultureInfo.InvariantCulture);
                writer.Write(number[..n]);
                writer.Write((i + 1) % header.Count == 0 ? '\n' : ',');
            }
        });
    }


    private static void CheckHeader(string[] columns, string source, long line)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columns.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(columns[i]))
                throw new DataFormatException($"header cell {i + 1} is empty; every column needs a name", source, line);
            if (!seen.TryAdd(columns[i], i))
                throw new DataFormatException(
                    $"column name '{columns[i]}' appears twice in the header (cells {seen[columns[i]] + 1} and {i + 1})", source, line);
        }
    }

    private static void CheckHeaderArgument(IReadOnlyList<string> header)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in header)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("column names must not be empty", nameof(header));
            if (!seen.Add(name)) throw new ArgumentException($"column name '{name}' appears twice", nameof(header));
        }
    }

    private static string Quote(string cell)
    {
        bool needs = cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 || cell[0] == '\uFEFF';
        return needs ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
    }
}
