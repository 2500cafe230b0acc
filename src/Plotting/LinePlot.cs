namespace FastReg.Plotting;

/// <summary>
/// A line chart written as standalone SVG: series (solid or dashed), shaded bands, vertical markers,
/// nice ticks on linear or log10 axes and a legend outside the data area.
/// Non-finite points are skipped and leave a gap in their line.
/// </summary>
public sealed class LinePlot
{
    private readonly List<PlotSeries> _series = [];
    private readonly List<PlotBand> _bands = [];
    private readonly List<VerticalMarker> _markers = [];
    private readonly List<HorizontalMarker> _references = [];

    /// <summary>Creates an empty plot; empty strings leave the title or an axis label out.</summary>
    public LinePlot(string title, string xLabel, string yLabel)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(xLabel);
        ArgumentNullException.ThrowIfNull(yLabel);
        Title = title;
        XLabel = xLabel;
        YLabel = yLabel;
    }

    /// <summary>The title above the plot.</summary>
    public string Title { get; }

    /// <summary>The label under the x axis.</summary>
    public string XLabel { get; }

    /// <summary>The label beside the y axis.</summary>
    public string YLabel { get; }

    /// <summary>
    /// Whether the x axis is log10, ticked at decades with minor ticks between.
    /// Finite x ≤ 0 then cannot be drawn, and adding it throws <see cref="ArgumentException"/>.
    /// </summary>
    public bool LogX { get; init; }

    /// <summary>Whether the y axis is log10; finite y (or band bounds) ≤ 0 are then rejected like <see cref="LogX"/>.</summary>
    public bool LogY { get; init; }

    internal IReadOnlyList<PlotSeries> Series => _series;

    internal IReadOnlyList<PlotBand> Bands => _bands;

    internal IReadOnlyList<VerticalMarker> Markers => _markers;

    internal IReadOnlyList<HorizontalMarker> References => _references;

    /// <summary>
    /// Adds a line through (x[i], y[i]). Series sharing a <paramref name="colorIndex"/> share a colour,
    /// so a dashed "train" and a solid "validation" curve of one run match; without one the next unused colour is taken.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ, or a log axis gets a finite value ≤ 0.</exception>
    public void AddSeries(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, bool dashed = false, int? colorIndex = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        RequireSameLength(name, x.Count, y.Count, nameof(y));
        RequirePositiveOnLog(LogX, name, x, "x");
        RequirePositiveOnLog(LogY, name, y, "y");
        _series.Add(new PlotSeries(name, [.. x], [.. y], dashed, colorIndex ?? NextFreeColour()));
    }

    /// <summary>
    /// Adds a shaded region between <paramref name="low"/> and <paramref name="high"/> over <paramref name="x"/>,
    /// drawn under the lines and listed in the legend. Points where any of the three is non-finite leave a gap.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ, or a log axis gets a finite value ≤ 0.</exception>
    public void AddBand(string name, IReadOnlyList<double> x, IReadOnlyList<double> low, IReadOnlyList<double> high, int? colorIndex = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(low);
        ArgumentNullException.ThrowIfNull(high);
        RequireSameLength(name, x.Count, low.Count, nameof(low));
        RequireSameLength(name, x.Count, high.Count, nameof(high));
        RequirePositiveOnLog(LogX, name, x, "x");
        RequirePositiveOnLog(LogY, name, low, "low");
        RequirePositiveOnLog(LogY, name, high, "high");
        _bands.Add(new PlotBand(name, [.. x], [.. low], [.. high], colorIndex ?? NextFreeColour()));
    }

    /// <summary>
    /// Adds a dashed vertical line at <paramref name="x"/> labelled <paramref name="label"/> (e.g. "best λ").
    /// The x range widens to include it. A non-finite x is ignored when drawing, like a non-finite point.
    /// </summary>
    /// <exception cref="ArgumentException">The x axis is log and <paramref name="x"/> ≤ 0.</exception>
    public void AddVerticalMarker(double x, string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (LogX && x <= 0)
            throw new ArgumentException($"Marker '{label}' is at x = {x}, which a log x axis cannot show.", nameof(x));
        _markers.Add(new VerticalMarker(x, label));
    }

    /// <summary>
    /// Adds a dotted horizontal reference line at <paramref name="y"/> labelled <paramref name="label"/>, for a value
    /// the x axis cannot place (the unregularized λ = 0 on a log λ axis). The y range widens to include it; a
    /// non-finite y is ignored when drawing.
    /// </summary>
    /// <exception cref="ArgumentException">The y axis is log and <paramref name="y"/> ≤ 0.</exception>
    public void AddHorizontalMarker(double y, string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (LogY && y <= 0)
            throw new ArgumentException($"Reference line '{label}' is at y = {y}, which a log y axis cannot show.", nameof(y));
        _references.Add(new HorizontalMarker(y, label));
    }

    /// <summary>Renders the plot as a standalone SVG document of the given pixel size.</summary>
    public string ToSvg(int width = 640, int height = 400)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var svg = new SvgDocument(width, height);
        PlotRenderer.Render(this, svg.Body, width, height, idPrefix: "p");
        return svg.Close();
    }

    // The smallest colour index no series or band uses yet, so unindexed additions get distinct colours.
    private int NextFreeColour()
    {
        var used = _series.Select(s => s.ColourIndex).Concat(_bands.Select(b => b.ColourIndex)).ToHashSet();
        int index = 0;
        while (used.Contains(index)) index++;
        return index;
    }

    private static void RequireSameLength(string name, int xCount, int otherCount, string otherName)
    {
        if (xCount != otherCount)
            throw new ArgumentException($"Series '{name}' has {xCount} x values but {otherCount} {otherName} values.", otherName);
    }

    private static void RequirePositiveOnLog(bool log, string name, IReadOnlyList<double> values, string axis)
    {
        if (!log) return;
        for (int i = 0; i < values.Count; i++)
        {
            // Non-finite values are gaps, not errors; only a real value a log axis cannot place is rejected.
            if (double.IsFinite(values[i]) && values[i] <= 0)
                throw new ArgumentException(
                    $"Series '{name}' has {axis}[{i}] = {values[i]}, but the {axis} axis is log10 and needs values > 0.", axis);
        }
    }
}
