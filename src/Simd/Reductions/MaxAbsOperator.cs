using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// max |x| as an integer max over the bits of |x|. With the sign cleared, IEEE bit patterns sort
/// like their values (0 &lt; subnormals &lt; normals &lt; ∞) and every NaN sorts above ∞, so one
/// integer max per vector is exact and lets a NaN win without a separate check. Float lanes
/// compare as int, double lanes as long. The accumulator always holds some |x| (or 0).
/// </summary>
internal readonly struct MaxAbsOperator<T> : IAggregateOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Identity => T.Zero;

    public static T Accumulate(T acc, T x) => Combine(acc, T.Abs(x));
    public static Vector<T> Accumulate(Vector<T> acc, Vector<T> x) => Combine(acc, Vector.Abs(x));
    public static Vector256<T> Accumulate(Vector256<T> acc, Vector256<T> x) => Combine(acc, Vector256.Abs(x));
    public static Vector512<T> Accumulate(Vector512<T> acc, Vector512<T> x) => Combine(acc, Vector512.Abs(x));

    // Combine takes two non-negative values (sign bits clear), as the accumulators are.
    public static T Combine(T a, T b)
    {
        if (typeof(T) == typeof(float))
            return Unsafe.BitCast<int, T>(Math.Max(Unsafe.BitCast<T, int>(a), Unsafe.BitCast<T, int>(b)));
        return Unsafe.BitCast<long, T>(Math.Max(Unsafe.BitCast<T, long>(a), Unsafe.BitCast<T, long>(b)));
    }

    public static Vector<T> Combine(Vector<T> a, Vector<T> b)
    {
        if (typeof(T) == typeof(float))
            return Vector.As<int, T>(Vector.Max(Vector.As<T, int>(a), Vector.As<T, int>(b)));
        return Vector.As<long, T>(Vector.Max(Vector.As<T, long>(a), Vector.As<T, long>(b)));
    }

    public static Vector256<T> Combine(Vector256<T> a, Vector256<T> b)
    {
        if (typeof(T) == typeof(float))
            return Vector256.Max(a.AsInt32(), b.AsInt32()).As<int, T>();
        return Vector256.Max(a.AsInt64(), b.AsInt64()).As<long, T>();
    }

    public static Vector512<T> Combine(Vector512<T> a, Vector512<T> b)
    {
        if (typeof(T) == typeof(float))
            return Vector512.Max(a.AsInt32(), b.AsInt32()).As<int, T>();
        return Vector512.Max(a.AsInt64(), b.AsInt64()).As<long, T>();
    }

    // Horizontal max runs once per call; a lane loop is clear and cheap enough.
    public static T Reduce(Vector<T> v)
    {
        T m = T.Zero;
        for (int i = 0; i < Vector<T>.Count; i++) m = Combine(m, v[i]);
        return m;
    }

    public static T Reduce(Vector256<T> v)
    {
        T m = T.Zero;
        for (int i = 0; i < Vector256<T>.Count; i++) m = Combine(m, v.GetElement(i));
        return m;
    }

    public static T Reduce(Vector512<T> v)
    {
        T m = T.Zero;
        for (int i = 0; i < Vector512<T>.Count; i++) m = Combine(m, v.GetElement(i));
        return m;
    }
}
