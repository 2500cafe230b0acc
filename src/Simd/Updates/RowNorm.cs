using System.Runtime.CompilerServices;
using System.Numerics;

namespace FastReg.Simd;

/// <summary>
/// The L2 norm of one row without overflow or harmful underflow. Fast path: the plain vectorized
/// Σx², trusted when it is finite and not tiny (then no square overflowed and underflowed squares
/// are negligible). Otherwise (huge or tiny entries, all-zero rows, inf, NaN) a scalar scaled
/// pass: m = max|x|, norm = m·sqrt(Σ (x/m)²), as LAPACK's nrm2 idea of scaling by the largest entry.
/// </summary>
internal static class RowNorm
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T L2<T>(ReadOnlySpan<T> row, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T ssq = AggregateDriver.Run<T, SumOfSquaresOperator<T>>(row, path);
        if (T.IsFinite(ssq) && ssq >= TinySumOfSquares<T>()) return T.Sqrt(ssq);
        return Scaled(row);
    }

    /// <summary>Below this, underflowed squares could matter: 2^-100 for float, 2^-960 for double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T TinySumOfSquares<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        T.ScaleB(T.One, typeof(T) == typeof(float) ? -100 : -960);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T Scaled<T>(ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = T.Zero;
        foreach (T x in row)
        {
            if (T.IsNaN(x)) return x;
            max = T.Max(max, T.Abs(x));
        }
        if (max == T.Zero || T.IsInfinity(max)) return max;
        T s = T.Zero;
        foreach (T x in row)
        {
            T r = x / max; // |r| ≤ 1: no overflow, and the largest term is exactly 1
            s = VectorMath.MultiplyAdd(r, r, s);
        }
        return max * T.Sqrt(s);
    }
}
