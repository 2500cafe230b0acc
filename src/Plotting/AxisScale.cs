namespace FastReg.Plotting;

/// <summary>Maps data values on one axis to pixels, linearly or in log10, between the axis' first and last major tick.</summary>
internal sealed class AxisScale
{
    private readonly double _from;
    private readonly double _to;
    private readonly double _pixelFrom;
    private readonly double _pixelTo;

    /// <summary>Maps [ticks.Min, ticks.Max] onto [pixelFrom, pixelTo]; pass pixelFrom &gt; pixelTo for a y axis that grows upwards.</summary>
    public AxisScale(TickSet ticks, bool log, double pixelFrom, double pixelTo)
    {
        Ticks = ticks;
        Log = log;
        _from = Transform(ticks.Min);
        _to = Transform(ticks.Max);
        _pixelFrom = pixelFrom;
        _pixelTo = pixelTo;
    }

    /// <summary>The ticks this axis was built from.</summary>
    public TickSet Ticks { get; }

    /// <summary>Whether values are placed by their log10.</summary>
    public bool Log { get; }

    /// <summary>The pixel position of a finite value (positive on a log axis).</summary>
    public double Map(double value)
    {
        // The tick algorithms never return a zero-width range, so the division is safe.
        double t = (Transform(value) - _from) / (_to - _from);
        return _pixelFrom + t * (_pixelTo - _pixelFrom);
    }

    private double Transform(double value) => Log ? Math.Log10(value) : value;
}
