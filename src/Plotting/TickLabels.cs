using System.Globalization;

namespace FastReg.Plotting;

/// <summary>
/// Compact, culture-invariant tick labels: "0.5", "20", "1e-3", "2.5e5". One axis uses one notation,
/// so a column of labels never mixes "0.001" with "1e-4".
/// </summary>
internal static class TickLabels
{
    // Outside this band of magnitudes plain decimals get long ("0.0002", "150000"), so labels switch to exponents.
    private const double SmallestPlain = 1e-3;
    private const double LargestPlain = 1e5;

    /// <summary>Labels for the major ticks of an axis.</summary>
    public static string[] Format(TickSet ticks, bool log) =>
        log ? FormatDecades(ticks.Major) : FormatLinear(ticks.Major, ticks.Step);

    private static string[] FormatLinear(double[] major, double step)
    {
        double largest = major.Max(Math.Abs);
        bool exponent = largest >= LargestPlain || (largest < SmallestPlain && largest > 0);
        int stepExponent = (int)Math.Floor(Math.Log10(step) + 1e-9);
        return [.. major.Select(v => exponent ? Exponent(v, stepExponent) : Plain(v, stepExponent))];
    }

    // Shows exactly the decimals the step needs: step 0.02 gives "0.14", step 0.5 gives "1.5", step 10 gives "120".
    private static string Plain(double value, int stepExponent)
    {
        int decimals = Math.Clamp(-stepExponent, 0, 15);
        double rounded = Math.Round(value, decimals);
        return rounded == 0 ? "0" : rounded.ToString(Pattern(decimals), CultureInfo.InvariantCulture);
    }

    // Keeps as many mantissa digits as separate neighbouring ticks: 1.5e5 next to 2e5, not 1.50000e5.
    private static string Exponent(double value, int stepExponent)
    {
        if (value == 0) return "0";
        int valueExponent = (int)Math.Floor(Math.Log10(Math.Abs(value)) + 1e-9);
        int digits = Math.Clamp(valueExponent - stepExponent, 0, 15);
        return value.ToString(Pattern(digits) + "e0", CultureInfo.InvariantCulture);
    }

    // "0" or "0.##…": up to the given number of decimals, trailing zeros dropped.
    private static string Pattern(int decimals) => decimals == 0 ? "0" : "0." + new string('#', decimals);

    // Decades read as plain numbers when they are all short (0.01 … 1000), otherwise all as 1eN.
    private static string[] FormatDecades(double[] major)
    {
        int[] exponents = [.. major.Select(v => (int)Math.Round(Math.Log10(v)))];
        bool plain = exponents.All(e => e is >= -2 and <= 3);
        return [.. exponents.Select(e => plain
            ? NiceTicks.PowerOfTen(e).ToString("0.##", CultureInfo.InvariantCulture)
            : "1e" + e.ToString(CultureInfo.InvariantCulture))];
    }
}
