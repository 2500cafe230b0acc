using System.Text;

namespace FastReg.Plotting;

/// <summary>
/// Draws vertical markers as dashed lines with their labels near the top of the plot. Labels that would
/// collide (e.g. "best λ" and "1-SE λ" a few pixels apart) move down to the next free row.
/// </summary>
internal static class MarkerLabels
{
    private const double LabelGap = 3;

    /// <summary>Draws every marker with a finite x; the axis range already includes them.</summary>
    public static void Draw(StringBuilder sb, IReadOnlyList<VerticalMarker> markers, PlotArea area, AxisScale x)
    {
        var placed = markers.Where(m => double.IsFinite(m.X))
            .Select(m => (Marker: m, Pixel: x.Map(m.X)))
            .OrderBy(m => m.Pixel)
            .ToList();
        if (placed.Count == 0) return;

        double size = PlotStyle.MarkerSize;
        var rowEnds = new List<double>(); // right edge of the last label in each row
        sb.Append($"<g class=\"markers\" font-size=\"{SvgText.Num(size)}\" fill=\"{PlotStyle.MarkerColour}\">\n");
        foreach (var (_, pixel) in placed)
        {
            sb.Append($"<line x1=\"{SvgText.Num(pixel)}\" y1=\"{SvgText.Num(area.Top)}\" x2=\"{SvgText.Num(pixel)}\" y2=\"{SvgText.Num(area.Bottom)}\" ")
              .Append($"stroke=\"{PlotStyle.MarkerColour}\" stroke-width=\"1.2\" stroke-dasharray=\"{PlotStyle.MarkerDash}\"/>\n");
        }
        // Labels after all lines, so a neighbouring marker's line cannot cross a label's backing.
        foreach (var (marker, pixel) in placed)
        {
            if (marker.Label.Length == 0) continue;

            string label = TextMetrics.Fit(marker.Label, size, area.Width - 2 * LabelGap);
            double width = TextMetrics.Width(label, size);
            // Right of the line when it fits inside the frame, otherwise left of it.
            bool toRight = pixel + LabelGap + width <= area.Right;
            double left = toRight ? pixel + LabelGap : Math.Max(area.Left + LabelGap, pixel - LabelGap - width);
            int row = rowEnds.FindIndex(end => end + LabelGap <= left);
            if (row < 0) { row = rowEnds.Count; rowEnds.Add(0); }
            rowEnds[row] = left + width;

            double baseline = area.Top + 3 + size + row * (size + 3);
            // A light backing keeps the label readable over neighbouring marker lines, curves and bands.
            sb.Append($"<rect x=\"{SvgText.Num(left - 1)}\" y=\"{SvgText.Num(baseline - size)}\" width=\"{SvgText.Num(width + 2)}\" height=\"{SvgText.Num(size + 3)}\" fill=\"#ffffff\" fill-opacity=\"0.85\"/>\n")
              .Append($"<text x=\"{SvgText.Num(left)}\" y=\"{SvgText.Num(baseline)}\">")
              .Append(SvgText.Escape(label)).Append("</text>\n");
        }
        sb.Append("</g>\n");
    }
}
