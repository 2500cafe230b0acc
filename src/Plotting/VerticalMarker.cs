namespace FastReg.Plotting;

/// <summary>A dashed vertical line across the plot at <see cref="X"/>, labelled near the top.</summary>
internal sealed record VerticalMarker(double X, string Label);
