namespace FastReg.IO;

/// <summary>
/// How a CSV file is written: its delimiter, decimal separator, header row and the cells that mean "missing".
/// Null settings are detected from the first lines (see <see cref="CsvDialect"/>).
/// </summary>
public sealed record CsvOptions
{
    /// <summary>
    /// The cells read as missing by default, matched exactly (case-sensitive, as pandas) after trimming spaces:
    /// the empty cell, NA, N/A, NaN, nan, null, NULL and ?.
    /// </summary>
    public static IReadOnlyList<string> DefaultMissingValues { get; } = ["", "NA", "N/A", "NaN", "nan", "null", "NULL", "?"];

    /// <summary>The defaults: delimiter and decimal comma detected, a header row, <see cref="DefaultMissingValues"/>.</summary>
    public static CsvOptions Default { get; } = new();

    /// <summary>The delimiter; null detects it among <c>, ; \t |</c> from the first lines.</summary>
    public char? Delimiter { get; init; }

    /// <summary>Whether numbers use a decimal comma (<c>1,5</c>); null detects it (only where the delimiter is not a comma).</summary>
    public bool? DecimalComma { get; init; }

    /// <summary>Whether the first row names the columns; without one they are named x0, x1, ...</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>Cells read as missing (NaN in a numeric column, null in a text column), compared after trimming spaces.</summary>
    public IReadOnlyList<string> MissingValues { get; init; } = DefaultMissingValues;

    /// <summary>The delimiters detection chooses among, in order of preference.</summary>
    public static IReadOnlyList<char> DetectedDelimiters { get; } = [',', ';', '\t', '|'];

    internal void Validate()
    {
        if (Delimiter is { } d && (d is '"' or '\r' or '\n' or '\uFFFD' || char.IsSurrogate(d)))
            throw new ArgumentException($"'{d}' cannot be a delimiter", nameof(Delimiter));
        if (Delimiter == ',' && DecimalComma == true)
            throw new ArgumentException("a decimal comma needs a delimiter other than ','", nameof(DecimalComma));
        ArgumentNullException.ThrowIfNull(MissingValues);
        foreach (string v in MissingValues) ArgumentNullException.ThrowIfNull(v, nameof(MissingValues));
    }
}
