using System.Numerics;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>Σ |x| (the L1 norm), accumulated in the input's type.</summary>
internal readonly struct AbsSumOperator<T> : IAggregateOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Identity => T.Zero;

    public static T Accumulate(T acc, T x) => acc + T.Abs(x);
    public static Vector<T> Accumulate(Vector<T> acc, Vector<T> x) => acc + Vector.Abs(x);
    public static Vector256<T> Accumulate(Vector256<T> acc, Vector256<T> x) => acc + Vector256.Abs(x);
    public static Vector512<T> Accumulate(Vector512<T> acc, Vector512<T> x) => acc + Vector512.Abs(x);

    public static T Combine(T a, T b) => a + b;
    public static Vector<T> Combine(Vector<T> a, Vector<T> b) => a + b;
    public static Vector256<T> Combine(Vector256<T> a, Vector256<T> b) => a + b;
    public static Vector512<T> Combine(Vector512<T> a, Vector512<T> b) => a + b;

    public static T Reduce(Vector<T> v) => Vector.Sum(v);
    public static T Reduce(Vector256<T> v) => Vector256.Sum(v);
    public static T Reduce(Vector512<T> v) => Vector512.Sum(v);
}
