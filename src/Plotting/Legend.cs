using System.Text;

namespace FastReg.Plotting;

/// <summary>
/// The legend of a plot, always drawn outside the data area: as one column to the right when the plot
/// is wide enough and the entries fit its height, otherwise as a grid of columns below the x axis label.
/// </summary>
internal sealed class Legend
{
    /// <summary>Font size of entry names.</summary>
    public const double FontSize = 11;

    /// <summary>Height of one entry row.</summary>
    public const double RowHeight = 16;

    private const double SwatchWidth = 22;
    private const double SwatchGap = 5;
    private const double ColumnGap = 14;

    private readonly LegendEntry[] _entries;

    private Legend(LegendEntry[] entries) => _entries = entries;

    /// <summary>Whether there is nothing to list (no named series or bands).</summary>
    public bool IsEmpty => _entries.Length == 0;

    /// <summary>Number of entries.</summary>
    public int Count => _entries.Length;

    /// <summary>Width of the widest entry, swatch included, before any truncation.</summary>
    public double NaturalItemWidth =>
        _entries.Length == 0 ? 0 : _entries.Max(e => SwatchWidth + SwatchGap + TextMetrics.Width(e.Label, FontSize));

    /// <summary>Entries for the plot's named bands and series, bands first as they are drawn underneath.</summary>
    public static Legend For(LinePlot plot)
    {
        var entries = new List<LegendEntry>();
        foreach (var band in plot.Bands.Where(b => b.Name.Length > 0))
            entries.Add(new LegendEntry(band.Name, Palette.Colour(band.ColourIndex), Dashed: false, Filled: true));
        foreach (var series in plot.Series.Where(s => s.Name.Length > 0))
            entries.Add(new LegendEntry(series.Name, Palette.Colour(series.ColourIndex), series.Dashed, Filled: false));
        return new Legend([.. entries]);
    }

    /// <summary>How many columns of width <paramref name="itemWidth"/> fit in <paramref name="available"/> (at least one).</summary>
    public static int ColumnsThatFit(double itemWidth, double available) =>
        Math.Max(1, (int)Math.Floor((available + ColumnGap) / (itemWidth + ColumnGap)));

    /// <summary>Rows needed to lay the entries out in <paramref name="columns"/> columns.</summary>
    public int Rows(int columns) => (Count + columns - 1) / columns;

    /// <summary>
    /// Draws the entries row by row from (x, y), the top-left corner, in columns of <paramref name="itemWidth"/>;
    /// names longer than the column are shortened with "…".
    /// </summary>
    public void Draw(StringBuilder sb, double x, double y, int columns, double itemWidth)
    {
        double textWidth = itemWidth - SwatchWidth - SwatchGap;
        sb.Append($"<g class=\"legend\" font-size=\"{SvgText.Num(FontSize)}\">\n");
        for (int i = 0; i < _entries.Length; i++)
        {
            var entry = _entries[i];
            double left = x + (i % columns) * (itemWidth + ColumnGap);
            double middle = y + (i / columns) * RowHeight + RowHeight / 2;
            if (entry.Filled)
            {
                sb.Append($"<rect x=\"{SvgText.Num(left)}\" y=\"{SvgText.Num(middle - 5)}\" width=\"{SvgText.Num(SwatchWidth)}\" height=\"10\" ")
                  .Append($"fill=\"{entry.Colour}\" fill-opacity=\"0.25\" stroke=\"{entry.Colour}\" stroke-opacity=\"0.5\"/>\n");
            }
            else
            {
                sb.Append($"<line x1=\"{SvgText.Num(left)}\" y1=\"{SvgText.Num(middle)}\" x2=\"{SvgText.Num(left + SwatchWidth)}\" y2=\"{SvgText.Num(middle)}\" ")
                  .Append($"stroke=\"{entry.Colour}\" stroke-width=\"2\"{(entry.Dashed ? $" stroke-dasharray=\"{PlotStyle.SeriesDash}\"" : "")}/>\n");
            }
            string label = TextMetrics.Fit(entry.Label, FontSize, textWidth);
            sb.Append($"<text x=\"{SvgText.Num(left + SwatchWidth + SwatchGap)}\" y=\"{SvgText.Num(middle + FontSize * 0.35)}\">")
              .Append(SvgText.Escape(label)).Append("</text>\n");
        }
        sb.Append("</g>\n");
    }
}
