namespace FastReg.Plotting;

/// <summary>
/// The running min and max of the values a plot will actually draw (finite ones only),
/// with a fallback range for an axis that gets no values at all.
/// </summary>
internal sealed class DataExtent
{
    /// <summary>Smallest value seen; +∞ while empty.</summary>
    public double Min { get; private set; } = double.PositiveInfinity;

    /// <summary>Largest value seen; −∞ while empty.</summary>
    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>Whether any finite value was included.</summary>
    public bool HasValues => Min <= Max;

    /// <summary>Widens the extent to include <paramref name="value"/> if it is finite.</summary>
    public void Include(double value)
    {
        if (!double.IsFinite(value)) return;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
    }

    /// <summary>The extent, or [1, 10] on a log axis and [0, 1] on a linear one when nothing was included.</summary>
    public (double Min, double Max) OrDefault(bool log) => HasValues ? (Min, Max) : log ? (1, 10) : (0, 1);
}
