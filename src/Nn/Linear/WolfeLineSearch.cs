using System.Runtime.CompilerServices;

namespace FastReg.Nn.Linear;

/// <summary>
/// A line search for a smooth objective that ends at a step a satisfying the strong Wolfe
/// conditions, f(θ + a·d) ≤ f(θ) + c₁·a·∇fᵀd and |∇f(θ + a·d)ᵀd| ≤ c₂·|∇fᵀd| with c₁ = 1e-4,
/// c₂ = 0.9 (Nocedal and Wright, algorithms 3.5 and 3.6: bracket, then zoom by safeguarded cubic
/// interpolation). The curvature condition makes sᵀy &gt; 0, so every accepted step gives L-BFGS a
/// usable pair.
/// </summary>
internal sealed class WolfeLineSearch(LinearObjective objective)
{
    private const double C1 = 1e-4, C2 = 0.9;
    private const int MaxBracketSteps = 25, MaxZoomSteps = 20;

    /// <summary>
    /// Searches along <paramref name="direction"/> (a descent direction, slope <paramref name="slope"/> &lt; 0) from
    /// <paramref name="theta"/>, starting at step <paramref name="step"/>. On success the accepted point, its
    /// gradient and its objective are in <paramref name="trial"/>, <paramref name="trialGradient"/> and
    /// <paramref name="trialValue"/>; false when no step lowered the objective.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Search(ReadOnlySpan<double> theta, double value, double slope, ReadOnlySpan<double> direction, double step,
        Span<double> trial, Span<double> trialGradient, out double trialValue, ref int evaluations)
    {
        double prevStep = 0, prevValue = value, prevSlope = slope;
        for (int i = 0; i < MaxBracketSteps; i++)
        {
            double f = Evaluate(theta, direction, step, trial, trialGradient, ref evaluations);
            double df = NnKernels.Dot<double>(trialGradient, direction);
            // !(≤) also catches a NaN or infinite objective: a step too long, treated like one that rose.
            if (!(f <= value + C1 * step * slope) || (i > 0 && f >= prevValue))
                return Zoom(theta, value, slope, direction, prevStep, prevValue, prevSlope, step, f, df, trial, trialGradient, out trialValue, ref evaluations);
            if (Math.Abs(df) <= -C2 * slope)
            {
                trialValue = f;
                return true;
            }
            if (df >= 0)
                return Zoom(theta, value, slope, direction, step, f, df, prevStep, prevValue, prevSlope, trial, trialGradient, out trialValue, ref evaluations);
            prevStep = step;
            prevValue = f;
            prevSlope = df;
            step *= 2;
        }
        // Still descending after 2^24 × the first step: take the last point, which lowered the objective.
        trialValue = Evaluate(theta, direction, prevStep, trial, trialGradient, ref evaluations);
        return trialValue < value;
    }

    /// <summary>Zoom between lo (satisfies the sufficient decrease, lowest so far) and hi.</summary>
    private bool Zoom(ReadOnlySpan<double> theta, double value, double slope, ReadOnlySpan<double> direction,
        double lo, double fLo, double dLo, double hi, double fHi, double dHi,
        Span<double> trial, Span<double> trialGradient, out double trialValue, ref int evaluations)
    {
        for (int j = 0; j < MaxZoomSteps; j++)
        {
            if (Math.Abs(hi - lo) <= 1e-16 * Math.Max(1, Math.Abs(lo))) break;
            double a = Interpolate(lo, fLo, dLo, hi, fHi, dHi);
            double f = Evaluate(theta, direction, a, trial, trialGradient, ref evaluations);
            double df = NnKernels.Dot<double>(trialGradient, direction);
            if (!(f <= value + C1 * a * slope) || f >= fLo)
            {
                (hi, fHi, dHi) = (a, f, df);
                continue;
            }
            if (Math.Abs(df) <= -C2 * slope)
            {
                trialValue = f;
                return true;
            }
            if (df * (hi - lo) >= 0) (hi, fHi, dHi) = (lo, fLo, dLo);
            (lo, fLo, dLo) = (a, f, df);
        }
        // The interval shrank to rounding: lo still gives sufficient decrease, take it if it moved.
        if (lo > 0 && fLo < value)
        {
            trialValue = Evaluate(theta, direction, lo, trial, trialGradient, ref evaluations);
            return trialValue < value;
        }
        trialValue = value;
        return false;
    }

    /// <summary>The minimizer of the cubic through both ends' values and slopes, kept 10% inside the interval; bisection when the cubic fails.</summary>
    private static double Interpolate(double a1, double f1, double d1, double a2, double f2, double d2)
    {
        double left = Math.Min(a1, a2), right = Math.Max(a1, a2), width = right - left, mid = 0.5 * (a1 + a2);
        if (!double.IsFinite(f2) || !double.IsFinite(d2)) return mid;
        double e1 = d1 + d2 - 3 * (f1 - f2) / (a1 - a2);
        double disc = e1 * e1 - d1 * d2;
        if (!(disc >= 0)) return mid;
        double e2 = Math.CopySign(Math.Sqrt(disc), a2 - a1);
        double a = a2 - (a2 - a1) * (d2 + e2 - e1) / (d2 - d1 + 2 * e2);
        return a >= left + 0.1 * width && a <= right - 0.1 * width ? a : mid;
    }

    private double Evaluate(ReadOnlySpan<double> theta, ReadOnlySpan<double> direction, double step, Span<double> trial, Span<double> gradient, ref int evaluations)
    {
        theta.CopyTo(trial);
        NnKernels.Axpy(step, direction, trial);
        evaluations++;
        return objective.Evaluate(trial, gradient);
    }
}
