using System.Globalization;

namespace FastReg.IO;

/// <summary>Culture-independent parsing of one CSV cell into a finite double (decimal point, or comma when asked), with the reason when it is not one.</summary>
internal static class CsvNumber
{
    private static readonly NumberFormatInfo Comma = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u00A0" };

    /// <summary>Parses a finite number; false for anything else (text, NaN, infinities, out of range).</summary>
    public static bool TryParse(ReadOnlySpan<char> cell, bool decimalComma, out double value) =>
        double.TryParse(cell, NumberStyles.Float, decimalComma ? Comma : NumberFormatInfo.InvariantInfo, out value) && double.IsFinite(value);

    public static bool IsNumber(ReadOnlySpan<char> cell, bool decimalComma) => TryParse(cell, decimalComma, out _);

    /// <summary>Why <paramref name="cell"/>, which <see cref="TryParse"/> refused, is not a number.</summary>
    public static string Problem(ReadOnlySpan<char> cell, bool decimalComma)
    {
        if (cell.IsWhiteSpace()) return "empty cell where a number is expected";
        // "nan" and "inf" are not invariant-culture spellings but are still not-a-number, not typos.
        ReadOnlySpan<char> t = cell.Trim().TrimStart("+-");
        bool nonFinite = t.Equals("nan", StringComparison.OrdinalIgnoreCase) || t.StartsWith("inf", StringComparison.OrdinalIgnoreCase)
            || double.TryParse(cell, NumberStyles.Float, decimalComma ? Comma : NumberFormatInfo.InvariantInfo, out _);
        return nonFinite ? $"'{Shorten(cell)}' is not a finite number" : $"'{Shorten(cell)}' is not a number";
    }

    // Keeps the message one readable line even when the cell is a megabyte of text.
    public static string Shorten(ReadOnlySpan<char> cell) =>
        cell.Length <= 40 ? cell.ToString().ReplaceLineEndings(" ") : string.Concat(cell[..37].ToString().ReplaceLineEndings(" "), "...");
}
