namespace FastReg.Plotting;

/// <summary>
/// The Okabe-Ito colours, distinguishable with the common colour-vision deficiencies.
/// Ordered so the first few have the most contrast on white; yellow, the faintest, comes last.
/// </summary>
internal static class Palette
{
    private static readonly string[] Colours =
    [
        "#0072B2", // blue
        "#D55E00", // vermillion
        "#009E73", // bluish green
        "#CC79A7", // reddish purple
        "#E69F00", // orange
        "#56B4E9", // sky blue
        "#000000", // black
        "#F0E442", // yellow
    ];

    /// <summary>How many distinct colours there are before indices wrap around.</summary>
    public static int Count => Colours.Length;

    /// <summary>The colour for an index; indices wrap, negative ones included.</summary>
    public static string Colour(int index) => Colours[((index % Colours.Length) + Colours.Length) % Colours.Length];
}
