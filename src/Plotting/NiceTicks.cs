namespace FastReg.Plotting;

/// <summary>
/// Chooses "nice" axis ticks: 1-2-5 steps on linear axes and whole decades on log axes.
/// The ticks always cover the requested range, so the axis bounds are themselves ticks.
/// </summary>
internal static class NiceTicks
{
    /// <summary>
    /// The fewest ticks a caller may ask for: a range straddling 0 (or a decade boundary) needs three,
    /// one either side of the middle tick, however large the step.
    /// </summary>
    public const int MinTicks = 3;

    /// <summary>The most major ticks any axis asks for; more would crowd the labels.</summary>
    public const int DefaultMaxTicks = 10;

    // The largest magnitude an axis spans; keeps max - min finite.
    private const double MaxMagnitude = 1e300;

    // Mantissas of the 1-2-5 sequence, tried in increasing order within each decade.
    private static readonly int[] StepMantissas = [1, 2, 5];

    /// <summary>
    /// Linear ticks covering [min, max] with the smallest 1-2-5 step that needs at most
    /// <paramref name="maxTicks"/> ticks. With maxTicks ≥ 5 that gives at least 3 ticks, because the
    /// next smaller step (at most 2.5 times smaller) would have needed more than maxTicks.
    /// A degenerate range (min == max, or one too narrow for doubles to resolve) is widened around its centre.
    /// </summary>
    public static TickSet Linear(double min, double max, int maxTicks = DefaultMaxTicks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTicks, MinTicks);
        (min, max) = Widen(min, max);

        double range = max - min;
        // Start a decade below the raw step so the first candidate is always small enough to be rejected or kept.
        int exponent = (int)Math.Floor(Math.Log10(range / maxTicks)) - 1;
        while (true)
        {
            foreach (int mantissa in StepMantissas)
            {
                double step = StepValue(mantissa, exponent);
                double first = Math.Floor(min / step);
                double last = Math.Ceiling(max / step);
                // min / step can round across an integer either way; settle on the tightest ticks that truly cover.
                if (Multiple(first, mantissa, exponent) > min) first--;
                else if (Multiple(first + 1, mantissa, exponent) <= min) first++;
                if (Multiple(last, mantissa, exponent) < max) last++;
                else if (Multiple(last - 1, mantissa, exponent) >= max) last--;
                if (last - first + 1 <= maxTicks)
                    return new TickSet(Multiples(first, last, mantissa, exponent), [], step);
            }
            exponent++;
        }
    }

    /// <summary>
    /// Log10 ticks covering [min, max] (both positive): majors at every k-th decade, k the smallest of
    /// 1, 2, 5, 10, ... keeping the majors at most <paramref name="maxTicks"/>; minors at 2..9 × each decade
    /// when every decade is labelled. A range inside one decade, or a single value, spans at least one decade.
    /// </summary>
    public static TickSet Log(double min, double max, int maxTicks = DefaultMaxTicks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTicks, MinTicks);
        if (!(min > 0) || !(max > 0) || !double.IsFinite(min) || !double.IsFinite(max))
            throw new ArgumentOutOfRangeException(nameof(min), "Log ticks need a finite positive range.");
        if (min > max) (min, max) = (max, min);

        int lo = (int)Math.Floor(Math.Log10(min) + 1e-12);
        int hi = (int)Math.Ceiling(Math.Log10(max) - 1e-12);
        // A value that is itself a power of ten gets a decade either side, so it does not sit on the frame.
        if (hi <= lo) { lo--; hi++; }

        int decadesPerTick = 1;
        for (int i = 0; ; i++)
        {
            decadesPerTick = (int)StepValue(StepMantissas[i % 3], i / 3);
            int first = FloorDiv(lo, decadesPerTick), last = -FloorDiv(-hi, decadesPerTick);
            if (last - first + 1 <= maxTicks)
            {
                lo = first * decadesPerTick;
                hi = last * decadesPerTick;
                break;
            }
        }

        var major = new List<double>();
        for (int d = lo; d <= hi; d += decadesPerTick) major.Add(PowerOfTen(d));
        var minor = new List<double>();
        if (decadesPerTick == 1)
        {
            for (int d = lo; d < hi; d++)
                for (int m = 2; m <= 9; m++) minor.Add(m * PowerOfTen(d));
        }
        return new TickSet([.. major], [.. minor], decadesPerTick);
    }

    /// <summary>10^exponent, exact for the decades an axis uses (division keeps 1e-3 exact, unlike multiplying by 0.1).</summary>
    public static double PowerOfTen(int exponent) =>
        exponent >= 0 ? Math.Pow(10, exponent) : 1.0 / Math.Pow(10, -exponent);

    private static double StepValue(int mantissa, int exponent) => mantissa * PowerOfTen(exponent);

    private static double[] Multiples(double first, double last, int mantissa, int exponent)
    {
        int count = (int)(last - first) + 1;
        var ticks = new double[count];
        for (int i = 0; i < count; i++) ticks[i] = Multiple(first + i, mantissa, exponent);
        return ticks;
    }

    // k·mantissa·10^e, dividing for negative exponents: 3·2/10 is 0.6 where 3·0.2 is 0.6000000000000001.
    private static double Multiple(double k, int mantissa, int exponent)
    {
        double scale = Math.Pow(10, Math.Abs(exponent));
        double value = exponent >= 0 ? k * mantissa * scale : k * mantissa / scale;
        return value == 0 ? 0 : value; // no "-0" labels
    }

    // Gives a zero-width (or unresolvable) range some room, so a constant series gets a readable axis.
    private static (double Min, double Max) Widen(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max)) return (0, 1);
        if (min > max) (min, max) = (max, min);
        // Beyond ±1e300 the span itself would overflow; no training curve lives there.
        min = Math.Clamp(min, -MaxMagnitude, MaxMagnitude);
        max = Math.Clamp(max, -MaxMagnitude, MaxMagnitude);
        double magnitude = Math.Max(Math.Abs(min), Math.Abs(max));
        if (magnitude < 1e-290) return (-1, 1); // near-subnormal: logs and steps of such a span underflow
        if (max - min > magnitude * 1e-9) return (min, max);
        double centre = min / 2 + max / 2;
        if (centre == 0) return (-1, 1);
        double pad = Math.Abs(centre) * 0.05;
        return (centre - pad, centre + pad);
    }

    private static int FloorDiv(int a, int b) => (int)Math.Floor((double)a / b);
}
