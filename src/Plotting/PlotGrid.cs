namespace FastReg.Plotting;

/// <summary>Small multiples: several <see cref="LinePlot"/>s side by side in one SVG, row by row.</summary>
public static class PlotGrid
{
    /// <summary>
    /// Renders <paramref name="plots"/> into a grid of <paramref name="columns"/> columns (fewer if there are
    /// fewer plots), each cell <paramref name="cellWidth"/> × <paramref name="cellHeight"/> pixels and its own
    /// nested &lt;svg&gt;, so every cell keeps its own axes and legend. No plots gives one empty cell.
    /// With <paramref name="shareY"/> (and every plot on the same kind of y axis) all cells draw the union of
    /// their y ranges, so the same height means the same value in every cell and the ticks match.
    /// </summary>
    public static string ToSvg(IReadOnlyList<LinePlot> plots, int columns, int cellWidth = 420, int cellHeight = 280, bool shareY = true)
    {
        ArgumentNullException.ThrowIfNull(plots);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cellWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cellHeight, 1);

        (double, double)? yRange = shareY ? SharedYRange(plots) : null;
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
            PlotRenderer.Render(plots[i], svg.Body, cellWidth, cellHeight, idPrefix: $"c{i}", yRange);
            svg.Body.Append("</svg>\n");
        }
        return svg.Close();
    }

    // The union of the cells' y extents; none when the cells mix linear and log y axes or draw nothing.
    private static (double, double)? SharedYRange(IReadOnlyList<LinePlot> plots)
    {
        var union = new DataExtent();
        for (int i = 0; i < plots.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(plots[i], $"{nameof(plots)}[{i}]");
            if (plots[i].LogY != plots[0].LogY) return null;
            DataExtent y = PlotRenderer.YExtent(plots[i]);
            union.Include(y.Min);
            union.Include(y.Max);
        }
        return union.HasValues ? (union.Min, union.Max) : null;
    }
}
