namespace FastReg.Plotting;

/// <summary>One polyline of a <see cref="LinePlot"/>; the arrays are private copies taken when it was added.</summary>
internal sealed record PlotSeries(string Name, double[] X, double[] Y, bool Dashed, int ColourIndex);
