namespace FastReg.Plotting;

/// <summary>The data rectangle of a plot in pixels, inside the frame.</summary>
internal readonly record struct PlotArea(double Left, double Top, double Right, double Bottom)
{
    /// <summary>Width in pixels.</summary>
    public double Width => Right - Left;

    /// <summary>Height in pixels.</summary>
    public double Height => Bottom - Top;
}
