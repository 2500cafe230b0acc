using System.Text;

namespace FastReg.Plotting;

/// <summary>
/// Lays out and draws one <see cref="LinePlot"/> into an SVG fragment occupying (0, 0)–(width, height),
/// so the same code serves a standalone document and a cell of a <see cref="PlotGrid"/>.
/// </summary>
internal static class PlotRenderer
{
    // Below this width a right-hand legend would squeeze the data too much.
    private const double MinWidthForRightLegend = 480;

    // A right-hand legend may take at most this share of the width.
    private const double MaxRightLegendShare = 0.3;

    // Smallest distance between neighbouring major ticks on the y axis, in pixels.
    private const double MinYTickSpacing = 35;

    // Starting guess for the x axis' tick spacing; narrowed further if labels would touch.
    private const double MinXTickSpacing = 55;

    /// <summary>
    /// Writes the plot. <paramref name="idPrefix"/> makes element ids (the clip path) unique when several
    /// plots share a document.
    /// </summary>
    /// <remarks><paramref name="yRange"/>: the y range to draw instead of the plot's own (a grid's shared range).</remarks>
    public static void Render(LinePlot plot, StringBuilder sb, double width, double height, string idPrefix, (double Min, double Max)? yRange = null)
    {
        var legend = Legend.For(plot);
        var xExtent = new DataExtent();
        var yExtent = new DataExtent();
        CollectExtents(plot, xExtent, yExtent);
        if (yRange is { } shared)
        {
            yExtent.Include(shared.Min);
            yExtent.Include(shared.Max);
        }

        // Vertical layout first: the y ticks decide how wide the left margin must be.
        bool hasTitle = plot.Title.Length > 0, hasXLabel = plot.XLabel.Length > 0, hasYLabel = plot.YLabel.Length > 0;
        double top = PlotStyle.Padding + (hasTitle ? PlotStyle.TitleSize + 8 : 0);
        double axisBelow = PlotStyle.TickLength + PlotStyle.TickSize + 4 + (hasXLabel ? PlotStyle.LabelSize + 8 : 0);
        double bottom = PlotStyle.Padding + axisBelow;

        double legendItemWidth = legend.NaturalItemWidth;
        bool legendRight = !legend.IsEmpty
            && width >= MinWidthForRightLegend
            && legendItemWidth <= width * MaxRightLegendShare
            && legend.Count * Legend.RowHeight <= height - top - bottom;
        int legendColumns = 1;
        double right = PlotStyle.Padding + 12; // room for half of the last x tick label
        if (legendRight)
        {
            right = PlotStyle.Padding + legendItemWidth + 14;
        }
        else if (!legend.IsEmpty)
        {
            double available = width - 2 * PlotStyle.Padding;
            legendItemWidth = Math.Min(legendItemWidth, available);
            legendColumns = Legend.ColumnsThatFit(legendItemWidth, available);
            bottom += legend.Rows(legendColumns) * Legend.RowHeight + 6;
        }

        double plotTop = top;
        double plotBottom = Math.Max(height - bottom, plotTop + 10);
        var (yMin, yMax) = yExtent.OrDefault(plot.LogY);
        int yMaxTicks = Math.Clamp((int)((plotBottom - plotTop) / MinYTickSpacing) + 1, 5, NiceTicks.DefaultMaxTicks);
        var yTicks = ChooseTicks(yMin, yMax, plot.LogY, yMaxTicks);
        string[] yLabels = TickLabels.Format(yTicks, plot.LogY);
        double yLabelWidth = yLabels.Max(l => TextMetrics.Width(l, PlotStyle.TickSize));

        double plotLeft = PlotStyle.Padding + (hasYLabel ? PlotStyle.LabelSize + 8 : 0) + yLabelWidth + PlotStyle.TickLength + 3;
        double plotRight = Math.Max(width - right, plotLeft + 10);
        var (xMin, xMax) = xExtent.OrDefault(plot.LogX);
        var (xTicks, xLabels) = ChooseXTicks(xMin, xMax, plot.LogX, plotRight - plotLeft);

        var x = new AxisScale(xTicks, plot.LogX, plotLeft, plotRight);
        var y = new AxisScale(yTicks, plot.LogY, plotBottom, plotTop);
        var area = new PlotArea(plotLeft, plotTop, plotRight, plotBottom);
        string clipId = idPrefix + "-clip";

        // The clip is a line width larger than the frame, so a curve lying on an axis bound is drawn whole.
        double bleed = PlotStyle.SeriesWidth;
        sb.Append($"<defs><clipPath id=\"{clipId}\"><rect x=\"{N(area.Left - bleed)}\" y=\"{N(area.Top - bleed)}\" width=\"{N(area.Width + 2 * bleed)}\" height=\"{N(area.Height + 2 * bleed)}\"/></clipPath></defs>\n");
        DrawGrid(sb, area, x, y);
        sb.Append($"<g clip-path=\"url(#{clipId})\">\n");
        foreach (var band in plot.Bands) DrawBand(sb, band, x, y);
        foreach (var series in plot.Series) DrawSeries(sb, series, x, y);
        sb.Append("</g>\n");
        MarkerLabels.DrawHorizontal(sb, plot.References, area, y);
        MarkerLabels.Draw(sb, plot.Markers, area, x);
        DrawAxes(sb, area, x, y, xLabels, yLabels);

        if (!xExtent.HasValues && !yExtent.HasValues)
            sb.Append($"<text x=\"{N(area.Left + area.Width / 2)}\" y=\"{N(area.Top + area.Height / 2)}\" text-anchor=\"middle\" font-size=\"{N(PlotStyle.LabelSize)}\" fill=\"#888888\">no data</text>\n");

        if (hasTitle)
        {
            string title = TextMetrics.Fit(plot.Title, PlotStyle.TitleSize, width - 2 * PlotStyle.Padding);
            sb.Append($"<text x=\"{N(width / 2)}\" y=\"{N(PlotStyle.Padding + PlotStyle.TitleSize)}\" text-anchor=\"middle\" font-size=\"{N(PlotStyle.TitleSize)}\" font-weight=\"bold\" fill=\"{PlotStyle.Ink}\">")
              .Append(SvgText.Escape(title)).Append("</text>\n");
        }
        if (hasXLabel)
        {
            string label = TextMetrics.Fit(plot.XLabel, PlotStyle.LabelSize, area.Width);
            double baseline = area.Bottom + PlotStyle.TickLength + PlotStyle.TickSize + 4 + PlotStyle.LabelSize + 4;
            sb.Append($"<text x=\"{N(area.Left + area.Width / 2)}\" y=\"{N(baseline)}\" text-anchor=\"middle\" font-size=\"{N(PlotStyle.LabelSize)}\" fill=\"{PlotStyle.Ink}\">")
              .Append(SvgText.Escape(label)).Append("</text>\n");
        }
        if (hasYLabel)
        {
            string label = TextMetrics.Fit(plot.YLabel, PlotStyle.LabelSize, area.Height);
            double cx = PlotStyle.Padding + PlotStyle.LabelSize, cy = area.Top + area.Height / 2;
            sb.Append($"<text x=\"{N(cx)}\" y=\"{N(cy)}\" transform=\"rotate(-90 {N(cx)} {N(cy)})\" text-anchor=\"middle\" font-size=\"{N(PlotStyle.LabelSize)}\" fill=\"{PlotStyle.Ink}\">")
              .Append(SvgText.Escape(label)).Append("</text>\n");
        }

        if (legendRight)
            legend.Draw(sb, area.Right + 14, area.Top, columns: 1, legendItemWidth);
        else if (!legend.IsEmpty)
            legend.Draw(sb, PlotStyle.Padding, height - PlotStyle.Padding - legend.Rows(legendColumns) * Legend.RowHeight, legendColumns, legendItemWidth);
    }

    private static string N(double value) => SvgText.Num(value);

    private static TickSet ChooseTicks(double min, double max, bool log, int maxTicks) =>
        log ? NiceTicks.Log(min, max, maxTicks) : NiceTicks.Linear(min, max, maxTicks);

    // Asks for fewer ticks until the widest label fits between neighbours, so x labels never run into each other.
    private static (TickSet Ticks, string[] Labels) ChooseXTicks(double min, double max, bool log, double plotWidth)
    {
        int maxTicks = Math.Clamp((int)(plotWidth / MinXTickSpacing) + 1, 5, NiceTicks.DefaultMaxTicks);
        while (true)
        {
            var ticks = ChooseTicks(min, max, log, maxTicks);
            string[] labels = TickLabels.Format(ticks, log);
            double widest = labels.Max(l => TextMetrics.Width(l, PlotStyle.TickSize));
            double spacing = plotWidth / Math.Max(1, ticks.Major.Length - 1);
            if (widest + 8 <= spacing || maxTicks <= NiceTicks.MinTicks) return (ticks, labels);
            maxTicks--;
        }
    }

    // Only points whose coordinates are both finite are drawn, so only they decide the axis ranges.
    private static void CollectExtents(LinePlot plot, DataExtent x, DataExtent y)
    {
        foreach (var s in plot.Series)
        {
            for (int i = 0; i < s.X.Length; i++)
            {
                if (!double.IsFinite(s.X[i]) || !double.IsFinite(s.Y[i])) continue;
                x.Include(s.X[i]);
                y.Include(s.Y[i]);
            }
        }
        foreach (var b in plot.Bands)
        {
            for (int i = 0; i < b.X.Length; i++)
            {
                if (!BandPointIsFinite(b, i)) continue;
                x.Include(b.X[i]);
                y.Include(b.Low[i]);
                y.Include(b.High[i]);
            }
        }
        foreach (var m in plot.Markers) x.Include(m.X);
        foreach (var r in plot.References) y.Include(r.Y);
    }

    /// <summary>The y values a plot draws (its series, bands and reference lines), for a grid's shared range.</summary>
    public static DataExtent YExtent(LinePlot plot)
    {
        var x = new DataExtent();
        var y = new DataExtent();
        CollectExtents(plot, x, y);
        return y;
    }

    private static bool BandPointIsFinite(PlotBand b, int i) =>
        double.IsFinite(b.X[i]) && double.IsFinite(b.Low[i]) && double.IsFinite(b.High[i]);

    private static void DrawGrid(StringBuilder sb, PlotArea area, AxisScale x, AxisScale y)
    {
        sb.Append($"<g stroke=\"{PlotStyle.GridColour}\" stroke-width=\"1\">\n");
        // The first and last majors coincide with the frame, which is drawn on top anyway.
        foreach (double t in x.Ticks.Major[1..^1])
            sb.Append($"<line x1=\"{N(x.Map(t))}\" y1=\"{N(area.Top)}\" x2=\"{N(x.Map(t))}\" y2=\"{N(area.Bottom)}\"/>\n");
        foreach (double t in y.Ticks.Major[1..^1])
            sb.Append($"<line x1=\"{N(area.Left)}\" y1=\"{N(y.Map(t))}\" x2=\"{N(area.Right)}\" y2=\"{N(y.Map(t))}\"/>\n");
        sb.Append("</g>\n");
    }

    // A path of one "M … L …" segment per run of finite points; a lone finite point between gaps gets a dot.
    private static void DrawSeries(StringBuilder sb, PlotSeries s, AxisScale x, AxisScale y)
    {
        string colour = Palette.Colour(s.ColourIndex);
        var path = new StringBuilder();
        var dots = new List<(double X, double Y)>();
        int runStart = -1;
        for (int i = 0; i <= s.X.Length; i++)
        {
            bool finite = i < s.X.Length && double.IsFinite(s.X[i]) && double.IsFinite(s.Y[i]);
            if (finite)
            {
                if (runStart < 0) runStart = i;
                continue;
            }
            if (runStart >= 0)
            {
                if (i - runStart == 1) dots.Add((x.Map(s.X[runStart]), y.Map(s.Y[runStart])));
                else
                {
                    for (int j = runStart; j < i; j++)
                        path.Append(j == runStart ? 'M' : 'L').Append(N(x.Map(s.X[j]))).Append(' ').Append(N(y.Map(s.Y[j])));
                }
                runStart = -1;
            }
        }
        if (path.Length > 0)
        {
            string dash = s.Dashed ? $" stroke-dasharray=\"{PlotStyle.SeriesDash}\"" : "";
            sb.Append($"<path class=\"series\" d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{N(PlotStyle.SeriesWidth)}\" stroke-linejoin=\"round\"{dash}/>\n");
        }
        foreach (var (px, py) in dots)
            sb.Append($"<circle cx=\"{N(px)}\" cy=\"{N(py)}\" r=\"2.5\" fill=\"{colour}\"/>\n");
    }

    // Each run of finite points becomes a closed polygon: along the high edge, then back along the low edge.
    private static void DrawBand(StringBuilder sb, PlotBand b, AxisScale x, AxisScale y)
    {
        string colour = Palette.Colour(b.ColourIndex);
        var path = new StringBuilder();
        int runStart = -1;
        for (int i = 0; i <= b.X.Length; i++)
        {
            if (i < b.X.Length && BandPointIsFinite(b, i))
            {
                if (runStart < 0) runStart = i;
                continue;
            }
            if (runStart >= 0)
            {
                for (int j = runStart; j < i; j++)
                    path.Append(j == runStart ? 'M' : 'L').Append(N(x.Map(b.X[j]))).Append(' ').Append(N(y.Map(b.High[j])));
                for (int j = i - 1; j >= runStart; j--)
                    path.Append('L').Append(N(x.Map(b.X[j]))).Append(' ').Append(N(y.Map(b.Low[j])));
                path.Append('Z');
                runStart = -1;
            }
        }
        if (path.Length > 0)
        {
            // The thin outline keeps a one-point band (a vertical segment) visible.
            sb.Append($"<path class=\"band\" d=\"{path}\" fill=\"{colour}\" fill-opacity=\"{N(PlotStyle.BandOpacity)}\" stroke=\"{colour}\" stroke-opacity=\"0.35\" stroke-width=\"0.8\"/>\n");
        }
    }

    private static void DrawAxes(StringBuilder sb, PlotArea area, AxisScale x, AxisScale y, string[] xLabels, string[] yLabels)
    {
        double tick = PlotStyle.TickLength;
        sb.Append($"<rect class=\"frame\" x=\"{N(area.Left)}\" y=\"{N(area.Top)}\" width=\"{N(area.Width)}\" height=\"{N(area.Height)}\" fill=\"none\" stroke=\"{PlotStyle.Ink}\" stroke-width=\"1\"/>\n");
        sb.Append($"<g stroke=\"{PlotStyle.Ink}\" stroke-width=\"1\">\n");
        foreach (double t in x.Ticks.Major)
            sb.Append($"<line x1=\"{N(x.Map(t))}\" y1=\"{N(area.Bottom)}\" x2=\"{N(x.Map(t))}\" y2=\"{N(area.Bottom + tick)}\"/>\n");
        foreach (double t in x.Ticks.Minor)
            sb.Append($"<line x1=\"{N(x.Map(t))}\" y1=\"{N(area.Bottom)}\" x2=\"{N(x.Map(t))}\" y2=\"{N(area.Bottom + tick / 2)}\"/>\n");
        foreach (double t in y.Ticks.Major)
            sb.Append($"<line x1=\"{N(area.Left - tick)}\" y1=\"{N(y.Map(t))}\" x2=\"{N(area.Left)}\" y2=\"{N(y.Map(t))}\"/>\n");
        foreach (double t in y.Ticks.Minor)
            sb.Append($"<line x1=\"{N(area.Left - tick / 2)}\" y1=\"{N(y.Map(t))}\" x2=\"{N(area.Left)}\" y2=\"{N(y.Map(t))}\"/>\n");
        sb.Append("</g>\n");

        sb.Append($"<g font-size=\"{N(PlotStyle.TickSize)}\" fill=\"{PlotStyle.Ink}\">\n");
        for (int i = 0; i < xLabels.Length; i++)
        {
            double baseline = area.Bottom + tick + 2 + PlotStyle.TickSize;
            sb.Append($"<text x=\"{N(x.Map(x.Ticks.Major[i]))}\" y=\"{N(baseline)}\" text-anchor=\"middle\">{SvgText.Escape(xLabels[i])}</text>\n");
        }
        for (int i = 0; i < yLabels.Length; i++)
        {
            // 0.35 em below the tick centres the digits' x-height on it.
            double baseline = y.Map(y.Ticks.Major[i]) + PlotStyle.TickSize * 0.35;
            sb.Append($"<text x=\"{N(area.Left - tick - 3)}\" y=\"{N(baseline)}\" text-anchor=\"end\">{SvgText.Escape(yLabels[i])}</text>\n");
        }
        sb.Append("</g>\n");
    }
}
