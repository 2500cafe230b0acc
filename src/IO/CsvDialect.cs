using System.Globalization;

namespace FastReg.IO;

/// <summary>
/// The dialect a CSV file was read in: given by <see cref="CsvOptions"/> or detected from its first lines.
/// Detection tries <c>, ; \t |</c>: the delimiter is the one that splits every sampled line (quote-aware, up to
/// 20 lines) into the same number of cells, more than one; among several, the one giving the most cells, then
/// the first in that order. A file where none does is read with a comma (and <see cref="DelimiterDetected"/> is
/// false). A decimal comma is detected where the delimiter is not a comma, some sampled data cell is a number
/// only with a decimal comma (<c>1,5</c>) and none is a number with a decimal point.
/// </summary>
/// <param name="Delimiter">The cell delimiter.</param>
/// <param name="DecimalComma">Whether numbers use a decimal comma.</param>
/// <param name="HasHeader">Whether the first row named the columns.</param>
/// <param name="DelimiterDetected">True when the delimiter was detected from consistent lines, false when given or a fallback.</param>
public sealed record CsvDialect(char Delimiter, bool DecimalComma, bool HasHeader, bool DelimiterDetected)
{
    private const int SampleLines = 20;

    /// <summary>The delimiter as a user would write it (<c>\t</c> for a tab).</summary>
    public string DelimiterName => Delimiter == '\t' ? "\\t" : Delimiter.ToString();

    internal static CsvDialect Detect(ReadOnlySpan<char> sample, bool complete, CsvOptions options)
    {
        char delimiter = options.Delimiter ?? ',';
        bool detected = false;
        if (options.Delimiter is null)
        {
            int best = 1;
            foreach (char d in CsvOptions.DetectedDelimiters)
            {
                int cells = ConsistentCells(sample, complete, d);
                if (cells > best)
                {
                    best = cells;
                    delimiter = d;
                    detected = true;
                }
            }
        }
        bool decimalComma = options.DecimalComma ?? (delimiter != ',' && UsesDecimalComma(sample, complete, delimiter, options.HasHeader));
        return new CsvDialect(delimiter, decimalComma, options.HasHeader, detected);
    }

    /// <summary>The cells per line when every sampled line has the same number, otherwise 0.</summary>
    private static int ConsistentCells(ReadOnlySpan<char> sample, bool complete, char delimiter)
    {
        int expected = -1, lines = 0;
        foreach (List<string> cells in SampleRecords(sample, complete, delimiter))
        {
            if (expected < 0) expected = cells.Count;
            else if (cells.Count != expected) return 0;
            if (++lines == SampleLines) break;
        }
        return Math.Max(expected, 0);
    }

    private static bool UsesDecimalComma(ReadOnlySpan<char> sample, bool complete, char delimiter, bool header)
    {
        bool comma = false;
        int lines = 0;
        foreach (List<string> cells in SampleRecords(sample, complete, delimiter))
        {
            if (lines++ == 0 && header) continue;
            foreach (string cell in cells)
            {
                if (CsvNumber.IsNumber(cell, decimalComma: false) && cell.Contains('.', StringComparison.Ordinal)) return false;
                if (!CsvNumber.IsNumber(cell, decimalComma: false) && CsvNumber.IsNumber(cell, decimalComma: true)) comma = true;
            }
            if (lines == SampleLines) break;
        }
        return comma;
    }

    /// <summary>
    /// The sample's records split at <paramref name="delimiter"/> (quotes respected, blank lines skipped); a
    /// last record cut off by the end of an incomplete sample is left out.
    /// </summary>
    private static List<List<string>> SampleRecords(ReadOnlySpan<char> sample, bool complete, char delimiter)
    {
        var records = new List<List<string>>();
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        bool quoted = false, anyQuote = false;
        int start = sample.Length > 0 && sample[0] == '\uFEFF' ? 1 : 0;
        for (int i = start; i < sample.Length && records.Count < SampleLines; i++)
        {
            char c = sample[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < sample.Length && sample[i + 1] == '"') { cell.Append('"'); i++; }
                    else quoted = false;
                }
                else cell.Append(c);
            }
            else if (c == '"' && cell.Length == 0) quoted = anyQuote = true;
            else if (c == delimiter) { cells.Add(cell.ToString()); cell.Clear(); }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < sample.Length && sample[i + 1] == '\n') i++;
                EndRecord();
            }
            else cell.Append(c);
        }
        if (complete && !quoted && (cell.Length > 0 || cells.Count > 0)) EndRecord();
        return records;

        void EndRecord()
        {
            cells.Add(cell.ToString());
            cell.Clear();
            bool blank = !anyQuote && cells.Count == 1 && string.IsNullOrWhiteSpace(cells[0]);
            if (!blank) records.Add(cells);
            cells = [];
            anyQuote = false;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"delimiter '{DelimiterName}'{(DelimiterDetected ? " (detected)" : "")}, decimal {(DecimalComma ? "comma" : "point")}, {(HasHeader ? "header row" : "no header")}");
}
