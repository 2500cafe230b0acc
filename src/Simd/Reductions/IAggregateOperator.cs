using System.Numerics;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// A reduction of one span of <typeparamref name="T"/> into accumulators of <typeparamref name="TAcc"/>,
/// written once per vector width: <c>Accumulate</c> folds one more element (or vector of elements)
/// into an accumulator. <typeparamref name="TAcc"/> may differ from the input: counts accumulate in
/// integer lanes, the float norm in double lanes (one vector of floats feeds one vector of doubles
/// of the same width, so the driver's loop shape is unchanged). <see cref="AggregateDriver"/> owns
/// dispatch, unrolling and the tail.
/// </summary>
internal interface IAggregateOperator<T, TAcc> : IAccumulator<TAcc>
    where T : unmanaged
    where TAcc : unmanaged
{
    static abstract TAcc Accumulate(TAcc acc, T x);
    static abstract Vector<TAcc> Accumulate(Vector<TAcc> acc, Vector<T> x);
    static abstract Vector256<TAcc> Accumulate(Vector256<TAcc> acc, Vector256<T> x);
    static abstract Vector512<TAcc> Accumulate(Vector512<TAcc> acc, Vector512<T> x);
}

/// <summary>A reduction whose accumulator has the input's type (sum, sum of squares, max-abs).</summary>
internal interface IAggregateOperator<T> : IAggregateOperator<T, T> where T : unmanaged, IFloatingPointIeee754<T>;
