using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;

namespace FastReg.Simd;

public static partial class Reductions
{
    /// <summary>Σ x[i]², one fused multiply-add per element, accumulated in <typeparamref name="T"/> (like a dot product of x with itself). Returns 0 for an empty span.</summary>
    /// <remarks>This is the fast primitive: it overflows where the squares do. For a safe, accurate length use <see cref="Norm{T}(ReadOnlySpan{T})"/>.</remarks>
    public static T SumOfSquares<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> => SumOfSquares(x, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static T SumOfSquares<T>(ReadOnlySpan<T> x, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        return AggregateDriver.Run<T, SumOfSquaresOperator<T>>(x, path);
    }

    /// <summary>
    /// The Euclidean (L2, Frobenius) norm √(Σ x[i]²). Returns 0 for an empty span, NaN if any
    /// element is NaN, otherwise +∞ if any element is infinite.
    /// </summary>
    /// <remarks>
    /// Never overflows or underflows where the true norm is representable. Float input is
    /// squared and summed in double (exact squares, no overflow or underflow possible), then
    /// rounded once to float: the result is within 1 ulp of the correctly rounded norm (faithful)
    /// for any length up to 2^26 on every path, and almost always equal to it. Double input is
    /// summed directly and, only if that sum overflowed or fell below 2^-900, summed again with
    /// an exact power-of-two scaling; its relative error is at most about (n/2 + 1)·2^-53.
    /// </remarks>
    public static T Norm<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Norm(x, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static T Norm<T>(ReadOnlySpan<T> x, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        if (typeof(T) == typeof(float))
        {
            double s = WideningAggregateDriver.Run<WidenedSumOfSquaresOperator>(MemoryMarshal.Cast<T, float>(x), path);
            return T.CreateTruncating((float)Math.Sqrt(s));
        }
        return T.CreateTruncating(NormOfDoubles(MemoryMarshal.Cast<T, double>(x), path));
    }

    // Below this the plain sum of squares may have lost precision to subnormal squares:
    // n ≤ 2^31 squares each off by at most 2^-1075 stay under 2^-144 of any sum above 2^-900.
    private static readonly double s_smallestPlainSumOfSquares = Math.ScaleB(1.0, -900);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double NormOfDoubles(ReadOnlySpan<double> x, SimdPath path)
    {
        double s = AggregateDriver.Run<double, SumOfSquaresOperator<double>>(x, path);
        if (s >= s_smallestPlainSumOfSquares && s <= double.MaxValue) return Math.Sqrt(s);
        if (double.IsNaN(s)) return s;
        if (s > double.MaxValue)
        {
            // Overflowed (or an element is ±∞, which stays ∞): every |x| ≤ 2^1024, so (x·2^-600)² ≤ 2^848.
            // Elements that underflow when scaled are below 2^-437, far beyond 2^-53 of this sum.
            double down = AggregateDriver.Run<double, ScaledSumOfSquaresOperator<TwoToMinus600>>(x, path);
            return Math.Sqrt(down) * TwoToPlus600.Factor;
        }
        // Tiny (or zero): every |x| ≤ 2^-450, so (x·2^600)² ≤ 2^300, and even the smallest
        // subnormal, 2^-1074·2^600, squares to a normal 2^-948.
        double up = AggregateDriver.Run<double, ScaledSumOfSquaresOperator<TwoToPlus600>>(x, path);
        return Math.Sqrt(up) * TwoToMinus600.Factor;
    }

    /// <summary>Σ |x[i]| (the L1 norm), accumulated in <typeparamref name="T"/>. Returns 0 for an empty span.</summary>
    public static T L1Norm<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> => L1Norm(x, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static T L1Norm<T>(ReadOnlySpan<T> x, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        return AggregateDriver.Run<T, AbsSumOperator<T>>(x, path);
    }

    /// <summary>
    /// max |x[i]| (the L∞ norm), exact. Returns 0 for an empty span and a NaN if any element is NaN
    /// (NaN propagates); otherwise +∞ if any element is infinite.
    /// </summary>
    public static T MaxAbs<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> => MaxAbs(x, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static T MaxAbs<T>(ReadOnlySpan<T> x, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        return AggregateDriver.Run<T, MaxAbsOperator<T>>(x, path);
    }
}
