using System.Runtime.CompilerServices;
using System.Numerics;

namespace FastReg.Simd;

public static partial class Reductions
{
    /// <summary>
    /// The number of elements with x[i] != 0, exact at any length: −0 counts as zero, NaN and ±∞
    /// as non-zero. Useful for the sparsity an L1 penalty produces.
    /// </summary>
    public static int CountNonZero<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> => CountNonZero(x, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int CountNonZero<T>(ReadOnlySpan<T> x, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        // Count the zeros in integer lanes as wide as T (one compare per vector), then subtract.
        long zeros = typeof(T) == typeof(float)
            ? AggregateDriver.Run<T, int, ZeroCountOperator<T, int>>(x, path)
            : AggregateDriver.Run<T, long, ZeroCountOperator<T, long>>(x, path);
        return x.Length - (int)zeros;
    }
}
