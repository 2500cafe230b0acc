namespace FastReg.Plotting;

/// <summary>Small multiples: several <see cref="LinePlot"/>s side by side in one SVG, row by row.</summary>
public static class PlotGrid
{
    /// <summary>
    /// Renders <paramref name="plots"/> into a grid of <paramref name="columns"/> columns (fewer if there are
    /// fewer plots), each cell <paramref name="cellWidth"/> × <paramref name="cellHeight"/> pixels and its own
    /// nested &lt;svg&gt;, so every cell keeps its own axes and legend. No plots gives one empty cell.
    /// </summary>
    public static string ToSvg(IReadOnlyList<LinePlot> plots, int columns, int cellWidth = 420, int cellHeight = 280)
    {
        ArgumentNullException.ThrowIfNull(plots);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cellWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cellHeight, 1);

        int usedColumns = Math.Clamp(plots.Count, 1, columns);
        int rows = Math.Max(1, (plots.Count + columns - 1) / columns);
        var svg = new SvgDocument(usedColumns * cellWidth, rows * cellHeight);
        for (int i = 0; i < plots.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(plots[i], $"{nameof(plots)}[{i}]");
            double x = i % columns * cellWidth, y = i / columns * cellHeight;
            svg.Body.Append($"<svg x=\"{SvgText.Num(x)}\" y=\"{SvgText.Num(y)}\" width=\"{SvgText.Num(cellWidth)}\" height=\"{SvgText.Num(cellHeight)}\" ")
                .Append($"viewBox=\"0 0 {SvgText.Num(cellWidth)} {SvgText.Num(cellHeight)}\">\n");
            // Ids are per document, so each cell's clip path gets its own prefix.
            PlotRenderer.Render(plots[i], svg.Body, cellWidth, cellHeight, idPrefix: $"c{i}");
            svg.Body.Append("</svg>\n");
        }
        return svg.Close();
    }
}
