using System.Numerics;

namespace FastReg.Simd.Reference;

/// <summary>
/// Plain scalar references for <see cref="Reductions"/>: the oracle the tests hold every path
/// against. Written for clarity, not speed; accumulates in double where that is the point.
/// </summary>
public static class ReductionsReference
{
    /// <summary>Σ x[i], accumulated in double.</summary>
    public static double Sum<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double s = 0;
        foreach (T v in x) s += double.CreateTruncating(v);
        return s;
    }

    /// <summary>Σ x[i]·y[i], accumulated in double.</summary>
    /// <exception cref="ArgumentException"><paramref name="y"/> differs in length from <paramref name="x"/>.</exception>
    public static double Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireSameLength(x.Length, y.Length, nameof(y));
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += double.CreateTruncating(x[i]) * double.CreateTruncating(y[i]);
        return s;
    }

    /// <summary>Σ x[i]², accumulated in double.</summary>
    public static double SumOfSquares<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double s = 0;
        foreach (T v in x)
        {
            double d = double.CreateTruncating(v);
            s += d * d;
        }
        return s;
    }

    /// <summary>Σ |x[i]|, accumulated in double.</summary>
    public static double L1Norm<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double s = 0;
        foreach (T v in x) s += Math.Abs(double.CreateTruncating(v));
        return s;
    }

    /// <summary>max |x[i]|: 0 for an empty span, NaN if any element is NaN.</summary>
    public static T MaxAbs<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T m = T.Zero;
        foreach (T v in x)
        {
            if (T.IsNaN(v)) return v;
            if (T.Abs(v) > m) m = T.Abs(v);
        }
        return m;
    }

    /// <summary>The number of x[i] != 0 (−0 is zero, NaN is not).</summary>
    public static int CountNonZero<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = 0;
        foreach (T v in x)
            if (v != T.Zero) count++;
        return count;
    }

    /// <summary>
    /// √(Σ x[i]²) to about 2^-100 relative, as a double-double (hi + lo): the elements are scaled
    /// by the power of two that brings max |x| into [1, 2) (exact, and safe from overflow and
    /// underflow), squared exactly with a fused multiply-add (x² = p + e), summed in double-double
    /// (Knuth's two-sum), and the square root refined by one Newton step.
    /// NaN if any element is NaN, +∞ if any is infinite.
    /// </summary>
    public static (double Hi, double Lo) NormDoubleDouble<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double max = double.CreateTruncating(MaxAbs(x));
        if (double.IsNaN(max) || double.IsInfinity(max) || max == 0) return (max, 0);
        int k = Math.ILogB(max);

        double sumHi = 0, sumLo = 0;
        foreach (T v in x)
        {
            double d = Math.ScaleB(double.CreateTruncating(v), -k);
            double p = d * d;
            double e = Math.FusedMultiplyAdd(d, d, -p);      // d² = p + e exactly
            (sumHi, double err) = TwoSum(sumHi, p);
            sumLo += err + e;
        }
        (sumHi, sumLo) = TwoSum(sumHi, sumLo);

        double r = Math.Sqrt(sumHi);
        double residual = Math.FusedMultiplyAdd(-r, r, sumHi) + sumLo; // S − r², accurate
        double rLo = residual / (2 * r);
        (r, rLo) = TwoSum(r, rLo);
        return (Math.ScaleB(r, k), Math.ScaleB(rLo, k));
    }

    /// <summary>√(Σ x[i]²) in double, overflow- and underflow-safe (scaled) and accurate to the last bit but for rare ties.</summary>
    public static double Norm<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        (double hi, double lo) = NormDoubleDouble(x);
        return hi + lo;
    }

    /// <summary>
    /// √(Σ x[i]²) correctly rounded to <typeparamref name="T"/> (barring a true value within
    /// about 2^-100 of a rounding boundary): the oracle the norm's ulp bound is measured against.
    /// </summary>
    public static T NormCorrectlyRounded<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        (double hi, double lo) = NormDoubleDouble(x);
        if (typeof(T) == typeof(double)) return T.CreateTruncating(hi + lo);

        // hi is within half a double ulp of the norm, so rounding hi to float is right unless hi
        // sits exactly halfway between two floats; then lo's sign picks the side.
        float f = (float)hi;
        double d = hi - f;
        if (d != 0 && !double.IsInfinity(hi))
        {
            float other = d > 0 ? MathF.BitIncrement(f) : MathF.BitDecrement(f);
            bool halfway = (double)other - hi == -d;
            if (halfway && lo != 0 && Math.Sign(lo) == Math.Sign(d)) f = other;
        }
        return T.CreateTruncating(f);
    }

    private static (double Sum, double Error) TwoSum(double a, double b)
    {
        double s = a + b;
        double bb = s - a;
        double err = (a - (s - bb)) + (b - bb);
        return (s, err);
    }
}
