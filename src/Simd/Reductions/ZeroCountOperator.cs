using System.Numerics;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// Counts x == 0 (so −0 counts, NaN does not) in integer lanes of the input's width
/// (<typeparamref name="TCount"/> is int for float, long for double): a lane-wise compare gives
/// all-ones (−1) where equal, and subtracting it adds one. Counts are exact at any length.
/// </summary>
internal readonly struct ZeroCountOperator<T, TCount> : IAggregateOperator<T, TCount>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TCount : unmanaged, IBinaryInteger<TCount>
{
    public static TCount Identity => TCount.Zero;

    public static TCount Accumulate(TCount acc, T x) => x == T.Zero ? acc + TCount.One : acc;
    public static Vector<TCount> Accumulate(Vector<TCount> acc, Vector<T> x) => acc - Vector.As<T, TCount>(Vector.Equals(x, Vector<T>.Zero));
    public static Vector256<TCount> Accumulate(Vector256<TCount> acc, Vector256<T> x) => acc - Vector256.Equals(x, Vector256<T>.Zero).As<T, TCount>();
    public static Vector512<TCount> Accumulate(Vector512<TCount> acc, Vector512<T> x) => acc - Vector512.Equals(x, Vector512<T>.Zero).As<T, TCount>();

    public static TCount Combine(TCount a, TCount b) => a + b;
    public static Vector<TCount> Combine(Vector<TCount> a, Vector<TCount> b) => a + b;
    public static Vector256<TCount> Combine(Vector256<TCount> a, Vector256<TCount> b) => a + b;
    public static Vector512<TCount> Combine(Vector512<TCount> a, Vector512<TCount> b) => a + b;

    public static TCount Reduce(Vector<TCount> v) => Vector.Sum(v);
    public static TCount Reduce(Vector256<TCount> v) => Vector256.Sum(v);
    public static TCount Reduce(Vector512<TCount> v) => Vector512.Sum(v);
}
