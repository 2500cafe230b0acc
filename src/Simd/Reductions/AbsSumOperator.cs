using System.Numerics;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>Σ |x| (the L1 norm), accumulated in the input's type.</summary>
internal readonly struct AbsSumOperator<T> : IAggregateOperator<T>, ISumAccumulator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Accumulate(T acc, T x) => acc + T.Abs(x);
    public static Vector<T> Accumulate(Vector<T> acc, Vector<T> x) => acc + Vector.Abs(x);
    public static Vector256<T> Accumulate(Vector256<T> acc, Vector256<T> x) => acc + Vector256.Abs(x);
    public static Vector512<T> Accumulate(Vector512<T> acc, Vector512<T> x) => acc + Vector512.Abs(x);
}
