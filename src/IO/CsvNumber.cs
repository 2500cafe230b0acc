using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace FastReg.IO;

/// <summary>Invariant-culture parsing of one CSV cell into a finite double, with the reason when it is not one.</summary>
internal static class CsvNumber
{
    public static bool TryParse(string cell, out double value, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(cell))
        {
            value = 0;
            problem = "empty cell where a number is expected";
            return false;
        }
        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            // "nan" and "inf" are not invariant-culture spellings but are still not-a-number, not typos.
            string t = cell.Trim().TrimStart('+', '-');
            problem = t.Equals("nan", StringComparison.OrdinalIgnoreCase) || t.StartsWith("inf", StringComparison.OrdinalIgnoreCase)
                ? $"'{Shorten(cell)}' is not a finite number"
                : $"'{Shorten(cell)}' is not a number";
            return false;
        }
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            problem = $"'{Shorten(cell)}' is not a finite number";
            return false;
        }
        return true;
    }

    // Keeps the message one readable line even when the cell is a megabyte of text.
    private static string Shorten(string cell) =>
        cell.Length <= 40 ? cell.ReplaceLineEndings(" ") : string.Concat(cell.AsSpan(0, 37).ToString().ReplaceLineEndings(" "), "...");
}
