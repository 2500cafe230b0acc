using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastReg.Simd;

/// <summary>The <see cref="VectorWidth.Vector"/> width: <see cref="Vector{T}"/>, whatever size the runtime chose.</summary>
internal readonly struct WidthVector<T> : IVectorWidth<T, Vector<T>> where T : unmanaged
{
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector<T>.Count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Load(ref T p, nuint i) => Vector.LoadUnsafe(ref p, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector<T> v, ref T p, nuint i) => v.StoreUnsafe(ref p, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Create(T value) => new(value);

    public static Vector<T> Indices
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector<T>.Indices;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Add(Vector<T> a, Vector<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> BitwiseAnd(Vector<T> a, Vector<T> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> LessThan(Vector<T> a, Vector<T> b) => Vector.LessThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> GreaterThan(Vector<T> a, Vector<T> b) => Vector.GreaterThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool EqualsAny(Vector<T> a, Vector<T> b) => Vector.EqualsAny(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> ConditionalSelect(Vector<T> mask, Vector<T> ifTrue, Vector<T> ifFalse) =>
        Vector.ConditionalSelect(mask, ifTrue, ifFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Apply<TOp>(TOp op, Vector<T> x) where TOp : struct, IUnaryOperator<T> => op.Invoke(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Apply<TOp>(TOp op, Vector<T> a, Vector<T> b) where TOp : struct, IBinaryOperator<T> => op.Invoke(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Update<TOp>(TOp op, Vector<T> w) where TOp : struct, IParamOperator<T> => op.Invoke(w);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Update<TOp>(TOp op, Vector<T> w, Vector<T> g) where TOp : struct, IParamGradOperator<T> => op.Invoke(w, g);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Update<TOp>(TOp op, ref Vector<T> w, Vector<T> g, ref Vector<T> s) where TOp : struct, IParamGradStateOperator<T> =>
        op.Invoke(ref w, g, ref s);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Update<TOp>(TOp op, ref Vector<T> w, Vector<T> g, ref Vector<T> s1, ref Vector<T> s2, ref Vector<T> s3)
        where TOp : struct, IParamGradMomentsOperator<T> =>
        op.Invoke(ref w, g, ref s1, ref s2, ref s3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Accumulate<TOp, TIn>(Vector<T> acc, ref TIn x, nuint i) where TOp : IAggregateOperator<TIn, T> where TIn : unmanaged =>
        TOp.Accumulate(acc, Vector.LoadUnsafe(ref x, i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Accumulate<TOp>(Vector<T> acc, Vector<T> x, Vector<T> y) where TOp : IBinaryAggregateOperator<T> => TOp.Accumulate(acc, x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> AccumulateWidened<TOp>(Vector<T> acc, ref float x, nuint i) where TOp : IWideningAggregateOperator
    {
        Vector.Widen(Vector.LoadUnsafe(ref x, i), out Vector<double> lo, out Vector<double> hi);
        return TOp.Accumulate(acc.As<T, double>(), lo, hi).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Combine<TOp>(Vector<T> a, Vector<T> b) where TOp : IAccumulator<T> => TOp.Combine(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Reduce<TOp>(Vector<T> v) where TOp : IAccumulator<T> => TOp.Reduce(v);
}
