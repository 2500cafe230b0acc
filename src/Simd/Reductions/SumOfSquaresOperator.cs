using System.Numerics;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>Σ x², one fused multiply-add per element, accumulated in the input's type.</summary>
internal readonly struct SumOfSquaresOperator<T> : IAggregateOperator<T>, ISumAccumulator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Accumulate(T acc, T x) => VectorMath.MultiplyAdd(x, x, acc);
    public static Vector<T> Accumulate(Vector<T> acc, Vector<T> x) => VectorMath.MultiplyAdd(x, x, acc);
    public static Vector256<T> Accumulate(Vector256<T> acc, Vector256<T> x) => VectorMath.MultiplyAdd(x, x, acc);
    public static Vector512<T> Accumulate(Vector512<T> acc, Vector512<T> x) => VectorMath.MultiplyAdd(x, x, acc);
}
