using System.Numerics;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// Σ x² of floats accumulated in double: the float norm's kernel. A float squared is exact in
/// double (24-bit significand → 48 bits) and lies in [2^-298, 2^256], so no square or partial
/// sum of up to 2^31 of them can overflow or underflow; only the additions round, at 2^-53.
/// Each vector of floats widens to two vectors of doubles (lo, hi) and enters its accumulator as
/// one add of fma(hi, hi, lo·lo), so the loop-carried chain stays one add long.
/// </summary>
internal readonly struct WidenedSumOfSquaresOperator : IAggregateOperator<float, double>
{
    public static double Identity => 0;

    public static double Accumulate(double acc, float x) => Math.FusedMultiplyAdd(x, (double)x, acc);

    public static Vector<double> Accumulate(Vector<double> acc, Vector<float> x)
    {
        Vector.Widen(x, out Vector<double> lo, out Vector<double> hi);
        return acc + VectorMath.Fma(hi, hi, lo * lo);
    }

    public static Vector256<double> Accumulate(Vector256<double> acc, Vector256<float> x)
    {
        (Vector256<double> lo, Vector256<double> hi) = Vector256.Widen(x);
        return acc + VectorMath.Fma(hi, hi, lo * lo);
    }

    public static Vector512<double> Accumulate(Vector512<double> acc, Vector512<float> x)
    {
        (Vector512<double> lo, Vector512<double> hi) = Vector512.Widen(x);
        return acc + VectorMath.Fma(hi, hi, lo * lo);
    }

    public static double Combine(double a, double b) => a + b;
    public static Vector<double> Combine(Vector<double> a, Vector<double> b) => a + b;
    public static Vector256<double> Combine(Vector256<double> a, Vector256<double> b) => a + b;
    public static Vector512<double> Combine(Vector512<double> a, Vector512<double> b) => a + b;

    public static double Reduce(Vector<double> v) => Vector.Sum(v);
    public static double Reduce(Vector256<double> v) => Vector256.Sum(v);
    public static double Reduce(Vector512<double> v) => Vector512.Sum(v);
}
