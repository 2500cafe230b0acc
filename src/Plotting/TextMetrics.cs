namespace FastReg.Plotting;

/// <summary>
/// Estimates text extents without a font engine. Layout only needs to be right within a few pixels:
/// sans-serif glyphs average about 0.6 em, so width ≈ 0.6 · fontSize · characters (slightly generous).
/// </summary>
internal static class TextMetrics
{
    private const double AverageCharWidthEm = 0.6;

    /// <summary>Approximate rendered width in pixels of <paramref name="text"/> at <paramref name="fontSize"/>.</summary>
    public static double Width(string text, double fontSize) =>
        new System.Globalization.StringInfo(text).LengthInTextElements * fontSize * AverageCharWidthEm;

    /// <summary>The text, cut and ended with "…" if it would be wider than <paramref name="maxWidth"/>.</summary>
    public static string Fit(string text, double fontSize, double maxWidth)
    {
        // The tolerance absorbs rounding in the estimate, so text measured to exactly maxWidth is kept whole.
        if (Width(text, fontSize) <= maxWidth + 0.5) return text;
        int keep = (int)Math.Floor(maxWidth / (fontSize * AverageCharWidthEm)) - 1;
        if (keep <= 0) return "…";
        var info = new System.Globalization.StringInfo(text);
        return info.SubstringByTextElements(0, Math.Min(keep, info.LengthInTextElements)) + "…";
    }
}
