namespace FastReg.Plotting;

/// <summary>
/// The Okabe-Ito colours, distinguishable with the common colour-vision deficiencies, then six darker
/// ones from Paul Tol's muted scheme and teal, so that up to 14 arms (the main job's) get 14 strong colours before
/// indices wrap. Ordered so the first few have the most contrast on white; yellow, the faintest, comes last.
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
        "#882255", // wine
        "#332288", // indigo
        "#117733", // green
        "#999933", // olive
        "#AA4499", // purple
        "#661100", // brown
        "#44AA99", // teal
        "#F0E442", // yellow
    ];

    /// <summary>How many distinct colours there are before indices wrap around.</summary>
    public static int Count => Colours.Length;

    /// <summary>The colour for an index; indices wrap, negative ones included.</summary>
    public static string Colour(int index) => Colours[((index % Colours.Length) + Colours.Length) % Colours.Length];
}
