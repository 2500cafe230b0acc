using System.Globalization;

namespace FastReg.IO;

/// <summary>Culture-independent parsing of one CSV cell into a finite double (decimal point, or comma when asked), with the reason when it is not one.</summary>
internal static class CsvNumber
{
    private static readonly NumberFormatInfo Comma = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u00A0" };

    // 10^0 .. 10^22: every one is exact in a double.
    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>Parses a finite number; false for anything else (text, NaN, infinities, out of range).</summary>
    public static bool TryParse(ReadOnlySpan<char> cell, bool decimalComma, out double value) =>
        TryParseShort(cell, decimalComma ? ',' : '.', out value)
        || (double.TryParse(cell, NumberStyles.Float, decimalComma ? Comma : NumberFormatInfo.InvariantInfo, out value) && double.IsFinite(value));

    /// <summary>
    /// Clinger's fast path: a plain decimal (sign, digits, point, exponent) with at most 15 significant digits and
    /// a decimal exponent within ±22 is m × 10^e or m / 10^e of two exact doubles, rounded once, so it equals what
    /// double.Parse returns. Anything else (more digits, spaces, other spellings) is left to double.Parse.
    /// </summary>
    private static bool TryParseShort(ReadOnlySpan<char> s, char point, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (i < s.Length && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
        long mantissa = 0;
        int digits = 0, significant = 0, scale = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++, digits++)
        {
            if (mantissa == 0 && s[i] == '0') continue;
            if (++significant > 15) return false;
            mantissa = mantissa * 10 + (s[i] - '0');
        }
        if (i < s.Length && s[i] == point)
        {
            for (i++; i < s.Length && char.IsAsciiDigit(s[i]); i++, digits++)
            {
                scale--;
                if (mantissa == 0 && s[i] == '0') continue;
                if (++significant > 15) return false;
                mantissa = mantissa * 10 + (s[i] - '0');
            }
        }
        if (digits == 0) return false;
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            bool negativeExponent = false;
            if (i < s.Length && (s[i] == '-' || s[i] == '+')) negativeExponent = s[i++] == '-';
            int exponent = 0, exponentDigits = 0;
            for (; i < s.Length && char.IsAsciiDigit(s[i]); i++, exponentDigits++)
            {
                if (exponentDigits > 4) return false;
                exponent = exponent * 10 + (s[i] - '0');
            }
            if (exponentDigits == 0) return false;
            scale += negativeExponent ? -exponent : exponent;
        }
        if (i != s.Length || scale < -22 || scale > 22) return false;
        double m = mantissa;
        value = scale < 0 ? m / PowersOfTen[-scale] : m * PowersOfTen[scale];
        if (negative) value = -value;
        return true;
    }

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
