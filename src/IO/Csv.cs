using System.Buffers;
using System.Globalization;
using System.Text;

namespace FastReg.IO;

/// <summary>Reads and writes comma-separated files with a header row (RFC 4180 quoting, UTF-8).</summary>
public static class Csv
{
    /// <summary>Reads the CSV file at <paramref name="path"/> (UTF-8 with or without BOM) in the given or detected dialect.</summary>
    /// <exception cref="DataFormatException">The file is empty, malformed, or breaks a limit; the message names the line.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static CsvTable Read(string path, CsvOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var invalid = new Utf8InvalidBytes();
        using var reader = new StreamReader(path, invalid.Encoding, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 16 * 1024 });
        return Read(reader, path, invalid, options);
    }

    /// <summary>Reads CSV bytes (UTF-8 with or without BOM) from <paramref name="stream"/>; <paramref name="sourceName"/> names it in error messages.</summary>
    /// <exception cref="DataFormatException">The content is empty, malformed, not UTF-8, or breaks a limit; the message names the line.</exception>
    public static CsvTable Read(Stream stream, string sourceName, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var invalid = new Utf8InvalidBytes();
        using var reader = new StreamReader(stream, invalid.Encoding, detectEncodingFromByteOrderMarks: true, 16 * 1024, leaveOpen: true);
        return Read(reader, sourceName, invalid, options);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>; <paramref name="sourceName"/> names it in error messages.</summary>
    /// <exception cref="DataFormatException">The text is empty, malformed, or breaks a limit; the message names the line.</exception>
    public static CsvTable Read(TextReader reader, string sourceName, CsvOptions? options = null) => Read(reader, sourceName, invalid: null, options);

    private static CsvTable Read(TextReader reader, string sourceName, Utf8InvalidBytes? invalid, CsvOptions? options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        options ??= CsvOptions.Default;
        options.Validate();
        var records = new CsvRecordReader(reader, sourceName, invalid);
        CsvDialect dialect = CsvDialect.Detect(records.Sample(out bool complete), complete, options);
        records.Delimiter = dialect.Delimiter;
        var record = new CsvRecord();

        long firstLine;
        do
        {
            if (!records.Next(record, out firstLine))
                throw new DataFormatException(
                    options.HasHeader ? "file is empty; a header row naming the columns is expected" : "file is empty", sourceName);
        }
        while (record.IsBlank);
        string[] columns = new string[record.Count];
        for (int j = 0; j < columns.Length; j++)
            columns[j] = options.HasHeader ? record[j].ToString() : "x" + j.ToString(CultureInfo.InvariantCulture);
        if (options.HasHeader) CheckHeader(columns, sourceName, firstLine);

        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (string v in options.MissingValues) missing.Add(v.Trim());
        HashSet<string>.AlternateLookup<ReadOnlySpan<char>> isMissing = missing.GetAlternateLookup<ReadOnlySpan<char>>();
        // Most cells are numbers: only a cell that starts like a missing-value spelling is looked up.
        SearchValues<char> missingStarts = SearchValues.Create([.. missing.Where(m => m.Length > 0).Select(m => m[0]).Distinct()]);
        bool emptyIsMissing = missing.Contains("");
        var builders = new CsvColumnBuilder[columns.Length];
        for (int j = 0; j < builders.Length; j++) builders[j] = new CsvColumnBuilder(columns[j]);
        var lines = new ChunkedList<long>();
        var pendingBlankLines = new List<long>();
        long cellCount = columns.Length;
        string hint = DelimiterHint(dialect, options);

        if (!options.HasHeader) AddRow(firstLine, "");
        while (records.Next(record, out long line))
        {
            // Blank lines are dropped only at the end of the file; inside the data they are rows.
            if (record.IsBlank)
            {
                pendingBlankLines.Add(line);
                continue;
            }
            if (pendingBlankLines.Count > 0)
            {
                var blank = new CsvRecord();
                blank.EndCell();
                CsvRecord kept = record;
                record = blank;
                foreach (long blankLine in pendingBlankLines) AddRow(blankLine, " (a blank line)");
                record = kept;
                pendingBlankLines.Clear();
            }
            AddRow(line, "");
        }
        if (lines.Count == 0)
            throw new DataFormatException("file has a header row but no data rows", sourceName);

        var built = new DataColumn[columns.Length];
        var firstText = new (int Row, string Problem)?[columns.Length];
        var firstMissing = new (int Row, string Token)?[columns.Length];
        for (int j = 0; j < built.Length; j++)
        {
            firstText[j] = builders[j].FirstText;
            firstMissing[j] = builders[j].FirstMissing;
            built[j] = builders[j].Build();
            builders[j] = null!;
        }
        return new CsvTable(sourceName, built, lines.ToArrayAndClear(), dialect, firstText, firstMissing);

        void AddRow(long line, string note)
        {
            if (record.Count != columns.Length)
                throw new DataFormatException(
                    $"expected {columns.Length} cells (one per column), found {record.Count}{note}{(note.Length == 0 ? hint : "")}", sourceName, line);
            cellCount += columns.Length;
            if (cellCount > int.MaxValue)
                throw new DataFormatException($"more than {int.MaxValue:N0} cells; FastReg reads tables up to that size", sourceName, line);
            for (int j = 0; j < columns.Length; j++)
            {
                ReadOnlySpan<char> cell = record[j];
                ReadOnlySpan<char> trimmed = cell.Trim();
                if (trimmed.IsEmpty ? emptyIsMissing : missingStarts.Contains(trimmed[0]) && isMissing.Contains(trimmed))
                    builders[j].AddMissing(trimmed.IsEmpty ? "" : isMissing.TryGetValue(trimmed, out string? token) ? token : "");
                else builders[j].Add(cell, dialect.DecimalComma);
            }
            lines.Add(line);
        }
    }

    /// <summary>What a ragged row's message adds about the delimiter, when it was not given.</summary>
    private static string DelimiterHint(CsvDialect dialect, CsvOptions options)
    {
        if (options.Delimiter is not null) return "";
        return dialect.DelimiterDetected
            ? $" (delimiter '{dialect.DelimiterName}' detected from the first lines; --delimiter sets another)"
            : " (no delimiter among , ; \\t | splits the first lines evenly, so ',' was used; --delimiter sets it)";
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
                writer.Write(QuoteCell(header[j]));
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

    /// <summary>
    /// One CSV cell as RFC 4180 writes it: quoted, with each quote doubled, when it holds a comma, a quote or a line
    /// break (or starts with a byte-order mark, which a reader would drop); as it is otherwise.
    /// </summary>
    public static string QuoteCell(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        bool needs = cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (cell.Length > 0 && cell[0] == '\uFEFF');
        return needs ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
    }
}
