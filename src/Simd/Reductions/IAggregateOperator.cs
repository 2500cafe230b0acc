using System.Numerics;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// A reduction of one span, written once per vector width: <c>Accumulate</c> folds one more
/// element (or vector of elements) into an accumulator; <c>Combine</c> merges accumulators.
/// The driver <see cref="AggregateDriver"/> owns dispatch, unrolling and the tail.
/// </summary>
internal interface IAggregateOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The accumulator's starting value (0 for sums, 0 for max-abs).</summary>
    static abstract T Identity { get; }

    static abstract T Accumulate(T acc, T x);
    static abstract Vector<T> Accumulate(Vector<T> acc, Vector<T> x);
    static abstract Vector256<T> Accumulate(Vector256<T> acc, Vector256<T> x);
    static abstract Vector512<T> Accumulate(Vector512<T> acc, Vector512<T> x);

    static abstract T Combine(T a, T b);
    static abstract Vector<T> Combine(Vector<T> a, Vector<T> b);
    static abstract Vector256<T> Combine(Vector256<T> a, Vector256<T> b);
    static abstract Vector512<T> Combine(Vector512<T> a, Vector512<T> b);

    /// <summary>Folds the lanes of a vector accumulator into one value.</summary>
    static abstract T Reduce(Vector<T> v);
    static abstract T Reduce(Vector256<T> v);
    static abstract T Reduce(Vector512<T> v);
}
