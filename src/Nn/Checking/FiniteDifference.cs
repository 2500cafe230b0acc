namespace FastReg.Nn;

/// <summary>One evaluation of a checked function: its components (data loss and penalty apart, or a vector's entries) and its kink signature.</summary>
internal readonly record struct Evaluation(double[] Values, ulong Signature);

/// <summary>How a derivative was taken.</summary>
internal enum Difference
{
    /// <summary>(f(θ + h) − f(θ − h)) / 2h: no kink within reach.</summary>
    Central,

    /// <summary>Three points on the side that crossed no kink (second order).</summary>
    OneSided,

    /// <summary>Both sides crossed a kink: no derivative.</summary>
    SetAside,
}

/// <summary>A derivative of every component along one coordinate, with the two steps it took.</summary>
internal readonly record struct Derivative(double[] Values, Difference How, Evaluation Plus, Evaluation Minus, double Up, double Down);

/// <summary>
/// Finite differences that keep off kinks. With signatures, a step whose kink signature differs from
/// θ's crossed a kink: the derivative is then taken on the other side only (θ, θ ± h, θ ± 2h), or not
/// at all if both sides crossed.
/// </summary>
internal static class FiniteDifference
{
    /// <param name="evaluate">Sets the coordinate to its argument and evaluates (the caller restores θ afterwards).</param>
    /// <param name="theta">The coordinate's value.</param>
    /// <param name="center">The evaluation at θ.</param>
    /// <param name="options">ε and whether kinks are handled.</param>
    /// <param name="signatures">Whether the evaluations carry kink signatures.</param>
    public static Derivative Take(Func<double, Evaluation> evaluate, double theta, Evaluation center, GradientCheckOptions options, bool signatures)
    {
        double h = options.Epsilon * Math.Max(1, Math.Abs(theta));
        double up = theta + h, down = theta - h; // the steps actually taken, after rounding
        Evaluation plus = evaluate(up), minus = evaluate(down);
        int n = center.Values.Length;
        var d = new double[n];
        bool crossedUp = signatures && plus.Signature != center.Signature;
        bool crossedDown = signatures && minus.Signature != center.Signature;
        if (!options.SetAsideKinks || (!crossedUp && !crossedDown))
        {
            // Components are differenced apart: a large penalty would otherwise swamp the loss's last digits.
            for (int k = 0; k < n; k++) d[k] = (plus.Values[k] - minus.Values[k]) / (up - down);
            return new Derivative(d, Difference.Central, plus, minus, up, down);
        }
        if (crossedUp != crossedDown)
        {
            bool forward = crossedDown;
            double near = forward ? up : down, far = forward ? theta + 2 * h : theta - 2 * h;
            Evaluation first = forward ? plus : minus, second = evaluate(far);
            if (second.Signature == center.Signature)
            {
                // f'(θ) ≈ a1·(f(θ+t1) − f(θ)) + a2·(f(θ+t2) − f(θ)), exact for quadratics, for any steps t1, t2 of one sign
                double t1 = near - theta, t2 = far - theta;
                double a1 = t2 / (t1 * (t2 - t1)), a2 = -t1 / (t2 * (t2 - t1));
                for (int k = 0; k < n; k++) d[k] = a1 * (first.Values[k] - center.Values[k]) + a2 * (second.Values[k] - center.Values[k]);
                return new Derivative(d, Difference.OneSided, plus, minus, up, down);
            }
        }
        Array.Fill(d, double.NaN);
        return new Derivative(d, Difference.SetAside, plus, minus, up, down);
    }

    /// <summary>
    /// A central difference refined by Richardson extrapolation, (4·D(s) − D(2s))/3, which cancels the
    /// s² truncation term, with s = <paramref name="scale"/>·h: taken only where D(h) disagrees with the
    /// analytic derivative. Scale 1 reuses D(h) and cures steep stretches (large inputs make the third
    /// derivative large); scale 10 also divides the rounding noise of f by 10, which dominates on
    /// unscaled data with large activations. Each is a more accurate estimate, not a looser test.
    /// Null if a step crosses a kink (with signatures) or <paramref name="d"/> was not central.
    /// </summary>
    public static double[]? Refine(Func<double, Evaluation> evaluate, double theta, Derivative d, Evaluation center, GradientCheckOptions options, bool signatures, int scale)
    {
        if (d.How != Difference.Central) return null;
        double h = scale * options.Epsilon * Math.Max(1, Math.Abs(theta));
        int n = d.Values.Length;
        double[] near = d.Values;
        if (scale != 1)
        {
            double up1 = theta + h, down1 = theta - h;
            Evaluation p1 = evaluate(up1), m1 = evaluate(down1);
            if (signatures && (p1.Signature != center.Signature || m1.Signature != center.Signature)) return null;
            near = new double[n];
            for (int k = 0; k < n; k++) near[k] = (p1.Values[k] - m1.Values[k]) / (up1 - down1);
        }
        double up = theta + 2 * h, down = theta - 2 * h;
        Evaluation plus = evaluate(up), minus = evaluate(down);
        if (signatures && (plus.Signature != center.Signature || minus.Signature != center.Signature)) return null;
        var refined = new double[n];
        for (int k = 0; k < n; k++)
            refined[k] = (4 * near[k] - (plus.Values[k] - minus.Values[k]) / (up - down)) / 3;
        return refined;
    }

    /// <summary>
    /// For checks without signatures: whether component <paramref name="k"/> (or the sum of all when
    /// k &lt; 0) looks like a kink: its one-sided differences disagree by more than 1% and the analytic
    /// derivative matches one of them to 1e-3, so a wrong gradient on a smooth stretch is never set aside.
    /// </summary>
    public static bool LooksLikeKink(Derivative d, Evaluation center, double analytic, int k, double tiny, double theta)
    {
        double right = 0, left = 0;
        for (int c = 0; c < center.Values.Length; c++)
        {
            if (k >= 0 && c != k) continue;
            right += (d.Plus.Values[c] - center.Values[c]) / (d.Up - theta);
            left += (center.Values[c] - d.Minus.Values[c]) / (theta - d.Down);
        }
        return GradientChecker.RelativeError(right, left, tiny) > 1e-2
            && Math.Min(GradientChecker.RelativeError(analytic, right, tiny), GradientChecker.RelativeError(analytic, left, tiny)) < 1e-3;
    }

    /// <summary>The entries of a tensor of <paramref name="length"/> to check: all, or a sorted sample drawn from the options' seed.</summary>
    public static int[] Entries(int length, GradientCheckOptions options, int tensorOrdinal)
    {
        int count = options.MaxEntriesPerTensor is { } max && max < length ? max : length;
        var all = new int[length];
        for (int i = 0; i < length; i++) all[i] = i;
        if (count == length) return all;
        var rng = new SplitMix64(CounterRandom.StreamKey(options.Seed, tensorOrdinal, 0x5A17));
        for (int i = 0; i < count; i++)
        {
            int j = i + (int)(rng.NextUniform() * (length - i));
            (all[i], all[j]) = (all[j], all[i]);
        }
        int[] chosen = all[..count];
        Array.Sort(chosen);
        return chosen;
    }
}
