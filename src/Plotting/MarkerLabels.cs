using System.Text;

namespace FastReg.Plotting;

/// <summary>
/// Draws vertical markers as dashed lines with their labels near the top of the plot. Labels that would
/// collide (e.g. "best λ" and "1-SE λ" a few pixels apart) move down to the next free row.
/// </summary>
internal static class MarkerLabels
{
    private const double LabelGap = 3;

    // How far inside the frame a marker that lies on it is drawn, in pixels.
    private const double InsideFrame = 3;

    /// <summary>Draws every marker with a finite x; the axis range already includes them.</summary>
    public static void Draw(StringBuilder sb, IReadOnlyList<VerticalMarker> markers, PlotArea area, AxisScale x)
    {
        // A marker on the frame (the chosen λ at the grid's end) is drawn just inside it, where it can be seen.
        var placed = markers.Where(m => double.IsFinite(m.X))
            .Select(m => (Marker: m, Pixel: Math.Clamp(x.Map(m.X), area.Left + InsideFrame, area.Right - InsideFrame)))
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

    /// <summary>Draws every horizontal reference line with a finite y (λ = 0's score), its label at the left end above it.</summary>
    public static void DrawHorizontal(StringBuilder sb, IReadOnlyList<HorizontalMarker> markers, PlotArea area, AxisScale y)
    {
        double size = PlotStyle.MarkerSize;
        foreach (HorizontalMarker m in markers)
        {
            if (!double.IsFinite(m.Y)) continue;
            double pixel = Math.Clamp(y.Map(m.Y), area.Top + InsideFrame, area.Bottom - InsideFrame);
            sb.Append($"<g class=\"reference\" font-size=\"{SvgText.Num(size)}\" fill=\"{PlotStyle.MarkerColour}\">\n")
              .Append($"<line x1=\"{SvgText.Num(area.Left)}\" y1=\"{SvgText.Num(pixel)}\" x2=\"{SvgText.Num(area.Right)}\" y2=\"{SvgText.Num(pixel)}\" ")
              .Append($"stroke=\"{PlotStyle.MarkerColour}\" stroke-width=\"1\" stroke-dasharray=\"2 3\"/>\n");
            if (m.Label.Length > 0)
            {
                string label = TextMetrics.Fit(m.Label, size, area.Width - 2 * LabelGap);
                double width = TextMetrics.Width(label, size);
                // Above the line, unless that would leave the frame.
                double baseline = pixel - LabelGap - size < area.Top ? pixel + LabelGap + size : pixel - LabelGap;
                sb.Append($"<rect x=\"{SvgText.Num(area.Left + LabelGap - 1)}\" y=\"{SvgText.Num(baseline - size)}\" width=\"{SvgText.Num(width + 2)}\" height=\"{SvgText.Num(size + 3)}\" fill=\"#ffffff\" fill-opacity=\"0.85\"/>\n")
                  .Append($"<text x=\"{SvgText.Num(area.Left + LabelGap)}\" y=\"{SvgText.Num(baseline)}\">").Append(SvgText.Escape(label)).Append("</text>\n");
            }
            sb.Append("</g>\n");
        }
    }
}
