using System.Numerics;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>Σ x·y, one fused multiply-add per element pair.</summary>
internal readonly struct DotOperator<T> : IBinaryAggregateOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Identity => T.Zero;

    public static T Accumulate(T acc, T x, T y) => VectorMath.Fma(x, y, acc);
    public static Vector<T> Accumulate(Vector<T> acc, Vector<T> x, Vector<T> y) => VectorMath.Fma(x, y, acc);
    public static Vector256<T> Accumulate(Vector256<T> acc, Vector256<T> x, Vector256<T> y) => VectorMath.Fma(x, y, acc);
    public static Vector512<T> Accumulate(Vector512<T> acc, Vector512<T> x, Vector512<T> y) => VectorMath.Fma(x, y, acc);

    public static T Combine(T a, T b) => a + b;
    public static Vector<T> Combine(Vector<T> a, Vector<T> b) => a + b;
    public static Vector256<T> Combine(Vector256<T> a, Vector256<T> b) => a + b;
    public static Vector512<T> Combine(Vector512<T> a, Vector512<T> b) => a + b;

    public static T Reduce(Vector<T> v) => Vector.Sum(v);
    public static T Reduce(Vector256<T> v) => Vector256.Sum(v);
    public static T Reduce(Vector512<T> v) => Vector512.Sum(v);
}
