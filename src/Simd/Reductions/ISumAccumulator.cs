using System.Numerics;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// The accumulator of every sum-like reduction (sum, dot, sum of squares, Σ|x|): starts at 0,
/// partial sums add, a vector folds by the sum of its lanes. Operators that sum only write their
/// Accumulate.
/// </summary>
internal interface ISumAccumulator<TAcc> : IAccumulator<TAcc> where TAcc : unmanaged, INumberBase<TAcc>
{
    static TAcc IAccumulator<TAcc>.Identity => TAcc.Zero;

    static TAcc IAccumulator<TAcc>.Combine(TAcc a, TAcc b) => a + b;
    static Vector<TAcc> IAccumulator<TAcc>.Combine(Vector<TAcc> a, Vector<TAcc> b) => a + b;
    static Vector256<TAcc> IAccumulator<TAcc>.Combine(Vector256<TAcc> a, Vector256<TAcc> b) => a + b;
    static Vector512<TAcc> IAccumulator<TAcc>.Combine(Vector512<TAcc> a, Vector512<TAcc> b) => a + b;

    static TAcc IAccumulator<TAcc>.Reduce(Vector<TAcc> v) => Vector.Sum(v);
    static TAcc IAccumulator<TAcc>.Reduce(Vector256<TAcc> v) => Vector256.Sum(v);
    static TAcc IAccumulator<TAcc>.Reduce(Vector512<TAcc> v) => Vector512.Sum(v);
}
