namespace FastReg.Plotting;

/// <summary>One legend row: a swatch in the item's colour (solid line, dashed line or filled block) and its name.</summary>
internal sealed record LegendEntry(string Label, string Colour, bool Dashed, bool Filled);
