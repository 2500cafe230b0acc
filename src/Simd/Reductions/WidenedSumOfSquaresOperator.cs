using System.Numerics;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// Σ x² of floats accumulated in double: the float norm's kernel. A float squared is exact in
/// double (24-bit significand → 48 bits) and lies in [2^-298, 2^256], so no square or partial
/// sum of up to 2^31 of them can overflow or underflow; only the additions round, at 2^-53.
/// Two widened vectors enter the accumulator as one add of fma(hi, hi, lo·lo), which keeps the
/// loop-carried chain one add long.
/// </summary>
internal readonly struct WidenedSumOfSquaresOperator : IWideningAggregateOperator, ISumAccumulator<double>
{
    public static double Accumulate(double acc, double x) => VectorMath.MultiplyAdd(x, x, acc);
    public static Vector<double> Accumulate(Vector<double> acc, Vector<double> lo, Vector<double> hi) => acc + VectorMath.MultiplyAdd(hi, hi, lo * lo);
    public static Vector256<double> Accumulate(Vector256<double> acc, Vector256<double> lo, Vector256<double> hi) => acc + VectorMath.MultiplyAdd(hi, hi, lo * lo);
    public static Vector512<double> Accumulate(Vector512<double> acc, Vector512<double> lo, Vector512<double> hi) => acc + VectorMath.MultiplyAdd(hi, hi, lo * lo);
}
