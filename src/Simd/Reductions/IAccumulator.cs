using System.Numerics;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// How partial results of a reduction merge: the starting value, how two accumulators combine
/// and how a vector accumulator folds to one value. Shared by the unary and binary aggregates.
/// </summary>
internal interface IAccumulator<TAcc> where TAcc : unmanaged
{
    /// <summary>The accumulator's starting value (0 for sums and counts, 0 for max-abs).</summary>
    static abstract TAcc Identity { get; }

    static abstract TAcc Combine(TAcc a, TAcc b);
    static abstract Vector<TAcc> Combine(Vector<TAcc> a, Vector<TAcc> b);
    static abstract Vector256<TAcc> Combine(Vector256<TAcc> a, Vector256<TAcc> b);
    static abstract Vector512<TAcc> Combine(Vector512<TAcc> a, Vector512<TAcc> b);

    /// <summary>Folds the lanes of a vector accumulator into one value.</summary>
    static abstract TAcc Reduce(Vector<TAcc> v);
    static abstract TAcc Reduce(Vector256<TAcc> v);
    static abstract TAcc Reduce(Vector512<TAcc> v);
}
