namespace FastReg.Plotting;

/// <summary>A shaded region between <see cref="Low"/> and <see cref="High"/>, e.g. mean ± standard error.</summary>
internal sealed record PlotBand(string Name, double[] X, double[] Low, double[] High, int ColourIndex);
