using System.Globalization;
using System.Text;

namespace FastReg.IO;

/// <summary>
/// The one exception every FastReg reader throws for a malformed or unsupported file.
/// <see cref="Exception.Message"/> is a single self-contained line that names the file and the place,
/// for example <c>data.csv, line 17, column 'age': 'abc' is not a number</c>.
/// </summary>
public sealed class DataFormatException : FormatException
{
    private string? _source;

    /// <summary>Creates the exception; <paramref name="message"/> is the detail, the location is prefixed to it.</summary>
    /// <param name="message">What is wrong, without the location (for example <c>'abc' is not a number</c>).</param>
    /// <param name="source">The file path or a source name; null when unknown.</param>
    /// <param name="line">1-based line number, or 0 when not applicable.</param>
    /// <param name="column">The column name (CSV), or null.</param>
    /// <param name="inner">The lower-level exception that revealed the problem, if any.</param>
    public DataFormatException(string message, string? source = null, long line = 0, string? column = null, Exception? inner = null)
        : base(Compose(message, source, line, column), inner)
    {
        Detail = message;
        _source = source;
        Line = line;
        Column = column;
    }

    /// <summary>
    /// The file path or source name the problem was found in (null when unknown). This overrides
    /// <see cref="Exception.Source"/> so the path is what callers see even through an <see cref="Exception"/> reference.
    /// </summary>
    public override string? Source
    {
        get => _source;
        set => _source = value;
    }

    /// <summary>1-based line number, or 0 when the format has no lines or the problem is not tied to one.</summary>
    public long Line { get; }

    /// <summary>The column name for CSV cell problems, otherwise null.</summary>
    public string? Column { get; }

    /// <summary>The problem alone, without the location prefix.</summary>
    public string Detail { get; }

    private static string Compose(string message, string? source, long line, string? column)
    {
        var where = new StringBuilder();
        if (!string.IsNullOrEmpty(source)) where.Append(source);
        if (line > 0) Append(where, string.Create(CultureInfo.InvariantCulture, $"line {line}"));
        if (column is not null) Append(where, $"column '{column}'");
        // One line, even when a cell, a column name or a header excerpt carries a line break.
        return (where.Length == 0 ? message : $"{where}: {message}").ReplaceLineEndings(" ");

        static void Append(StringBuilder sb, string part)
        {
            if (sb.Length > 0) sb.Append(", ");
            sb.Append(part);
        }
    }
}
