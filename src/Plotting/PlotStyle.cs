namespace FastReg.Plotting;

/// <summary>Sizes and colours shared by the parts of a plot, so the legend swatches match the lines they name.</summary>
internal static class PlotStyle
{
    /// <summary>Title font size.</summary>
    public const double TitleSize = 14;

    /// <summary>Axis label font size.</summary>
    public const double LabelSize = 12;

    /// <summary>Tick label font size.</summary>
    public const double TickSize = 10;

    /// <summary>Marker label font size.</summary>
    public const double MarkerSize = 10;

    /// <summary>Outer padding on every side.</summary>
    public const double Padding = 10;

    /// <summary>Length of a major tick mark; minors are half as long.</summary>
    public const double TickLength = 5;

    /// <summary>Dash pattern of dashed series (long dashes, distinct from the markers' short ones).</summary>
    public const string SeriesDash = "7 4";

    /// <summary>Dash pattern of vertical markers.</summary>
    public const string MarkerDash = "3 3";

    /// <summary>Line width of series.</summary>
    public const double SeriesWidth = 1.8;

    /// <summary>Opacity of band fills, low enough that lines and grid show through.</summary>
    public const double BandOpacity = 0.2;

    /// <summary>Colour of text, frame and tick marks.</summary>
    public const string Ink = "#222222";

    /// <summary>Colour of grid lines.</summary>
    public const string GridColour = "#e6e6e6";

    /// <summary>Colour of vertical markers and their labels.</summary>
    public const string MarkerColour = "#555555";
}
