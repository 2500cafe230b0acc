namespace FastReg.Plotting;

/// <summary>
/// The ticks of one axis: labelled major ticks, unlabelled minor ticks and the axis range,
/// which always runs from the first to the last major tick so the data sit inside nice bounds.
/// </summary>
/// <param name="Major">Labelled tick values, strictly increasing.</param>
/// <param name="Minor">Unlabelled tick values between the majors (log axes only), increasing.</param>
/// <param name="Step">The distance between majors: a 1-2-5 step (linear) or a count of decades (log).</param>
internal sealed record TickSet(double[] Major, double[] Minor, double Step)
{
    /// <summary>The low end of the axis: the first major tick.</summary>
    public double Min => Major[0];

    /// <summary>The high end of the axis: the last major tick.</summary>
    public double Max => Major[^1];
}
