using System.Numerics;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// A reduction over two spans of equal length (dot product): <c>Accumulate</c> folds one more
/// pair of elements (or vectors) into an accumulator. <see cref="BinaryAggregateDriver"/> owns
/// dispatch, unrolling and the tail.
/// </summary>
internal interface IBinaryAggregateOperator<T> : IAccumulator<T> where T : unmanaged
{
    static abstract T Accumulate(T acc, T x, T y);
    static abstract Vector<T> Accumulate(Vector<T> acc, Vector<T> x, Vector<T> y);
    static abstract Vector256<T> Accumulate(Vector256<T> acc, Vector256<T> x, Vector256<T> y);
    static abstract Vector512<T> Accumulate(Vector512<T> acc, Vector512<T> x, Vector512<T> y);
}
