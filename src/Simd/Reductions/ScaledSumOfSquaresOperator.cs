using System.Numerics;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>A power-of-two factor as a type, so a static operator can carry it as a JIT-time constant.</summary>
internal interface IPowerOfTwo
{
    /// <summary>The factor; multiplying by it is exact unless the product leaves the normal range.</summary>
    static abstract double Factor { get; }
}

/// <summary>2^-600: brings doubles whose squares overflow back into range.</summary>
internal readonly struct TwoToMinus600 : IPowerOfTwo
{
    private static readonly double s_factor = Math.ScaleB(1.0, -600);
    public static double Factor => s_factor;
}

/// <summary>2^600: lifts doubles whose squares underflow (subnormal inputs included) into the normal range.</summary>
internal readonly struct TwoToPlus600 : IPowerOfTwo
{
    private static readonly double s_factor = Math.ScaleB(1.0, 600);
    public static double Factor => s_factor;
}

/// <summary>
/// Σ (x·f)² for a power of two f: the double norm's second pass, taken only when the plain sum
/// of squares overflowed or fell where underflow costs precision. Scaling by 2^k is exact, so the
/// result is the plain pass's, just computed in range.
/// </summary>
internal readonly struct ScaledSumOfSquaresOperator<TScale> : IAggregateOperator<double>, ISumAccumulator<double> where TScale : IPowerOfTwo
{
    public static double Accumulate(double acc, double x)
    {
        double s = x * TScale.Factor;
        return VectorMath.MultiplyAdd(s, s, acc);
    }

    public static Vector<double> Accumulate(Vector<double> acc, Vector<double> x)
    {
        Vector<double> s = x * TScale.Factor;
        return VectorMath.MultiplyAdd(s, s, acc);
    }

    public static Vector256<double> Accumulate(Vector256<double> acc, Vector256<double> x)
    {
        Vector256<double> s = x * TScale.Factor;
        return VectorMath.MultiplyAdd(s, s, acc);
    }

    public static Vector512<double> Accumulate(Vector512<double> acc, Vector512<double> x)
    {
        Vector512<double> s = x * TScale.Factor;
        return VectorMath.MultiplyAdd(s, s, acc);
    }
}
