namespace FastReg.Plotting;

/// <summary>A dotted horizontal reference line at <see cref="Y"/> (a score that has no place on the x axis, such as λ = 0's on a log λ axis), labelled at its left end.</summary>
internal sealed record HorizontalMarker(double Y, string Label);
