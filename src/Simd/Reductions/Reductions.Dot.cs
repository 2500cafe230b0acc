using System.Runtime.CompilerServices;
using System.Numerics;

namespace FastReg.Simd;

public static partial class Reductions
{
    /// <summary>
    /// Σ x[i]·y[i], with one fused multiply-add per pair, accumulated in <typeparamref name="T"/> in four
    /// independent vector accumulators. Returns 0 for empty spans. The library's one dot product:
    /// softmax backward's row sum Σ dy·y is this call too.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="y"/> differs in length from <paramref name="x"/>.</exception>
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T> => Dot(x, y, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        ThrowHelper.RequireSameLength(x.Length, y.Length, nameof(y));
        return BinaryAggregateDriver.Run<T, DotOperator<T>>(x, y, path);
    }
}
