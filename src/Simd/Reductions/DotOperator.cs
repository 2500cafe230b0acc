using System.Numerics;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>Σ x·y, one fused multiply-add per element pair.</summary>
internal readonly struct DotOperator<T> : IBinaryAggregateOperator<T>, ISumAccumulator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Accumulate(T acc, T x, T y) => VectorMath.MultiplyAdd(x, y, acc);
    public static Vector<T> Accumulate(Vector<T> acc, Vector<T> x, Vector<T> y) => VectorMath.MultiplyAdd(x, y, acc);
    public static Vector256<T> Accumulate(Vector256<T> acc, Vector256<T> x, Vector256<T> y) => VectorMath.MultiplyAdd(x, y, acc);
    public static Vector512<T> Accumulate(Vector512<T> acc, Vector512<T> x, Vector512<T> y) => VectorMath.MultiplyAdd(x, y, acc);
}
