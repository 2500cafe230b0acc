using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastReg.Simd;

/// <summary>The <see cref="VectorWidth.Bits256"/> width: <see cref="Vector256{T}"/>.</summary>
internal readonly struct Width256<T> : IVectorWidth<T, Vector256<T>> where T : unmanaged
{
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256<T>.Count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref T p, nuint i) => Vector256.LoadUnsafe(ref p, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> v, ref T p, nuint i) => v.StoreUnsafe(ref p, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Create(T value) => Vector256.Create(value);

    public static Vector256<T> Indices
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256<T>.Indices;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Add(Vector256<T> a, Vector256<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> BitwiseAnd(Vector256<T> a, Vector256<T> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> LessThan(Vector256<T> a, Vector256<T> b) => Vector256.LessThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> GreaterThan(Vector256<T> a, Vector256<T> b) => Vector256.GreaterThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool EqualsAny(Vector256<T> a, Vector256<T> b) => Vector256.EqualsAny(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> ConditionalSelect(Vector256<T> mask, Vector256<T> ifTrue, Vector256<T> ifFalse) =>
        Vector256.ConditionalSelect(mask, ifTrue, ifFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Apply<TOp>(TOp op, Vector256<T> x) where TOp : struct, IUnaryOperator<T> => op.Invoke(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Apply<TOp>(TOp op, Vector256<T> a, Vector256<T> b) where TOp : struct, IBinaryOperator<T> => op.Invoke(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Update<TOp>(TOp op, Vector256<T> w) where TOp : struct, IParamOperator<T> => op.Invoke(w);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Update<TOp>(TOp op, Vector256<T> w, Vector256<T> g) where TOp : struct, IParamGradOperator<T> => op.Invoke(w, g);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Update<TOp>(TOp op, ref Vector256<T> w, Vector256<T> g, ref Vector256<T> s) where TOp : struct, IParamGradStateOperator<T> =>
        op.Invoke(ref w, g, ref s);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Update<TOp>(TOp op, ref Vector256<T> w, Vector256<T> g, ref Vector256<T> s1, ref Vector256<T> s2, ref Vector256<T> s3)
        where TOp : struct, IParamGradMomentsOperator<T> =>
        op.Invoke(ref w, g, ref s1, ref s2, ref s3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Accumulate<TOp, TIn>(Vector256<T> acc, ref TIn x, nuint i) where TOp : IAggregateOperator<TIn, T> where TIn : unmanaged =>
        TOp.Accumulate(acc, Vector256.LoadUnsafe(ref x, i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Accumulate<TOp>(Vector256<T> acc, Vector256<T> x, Vector256<T> y) where TOp : IBinaryAggregateOperator<T> => TOp.Accumulate(acc, x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> AccumulateWidened<TOp>(Vector256<T> acc, ref float x, nuint i) where TOp : IWideningAggregateOperator =>
        TOp.Accumulate(acc.As<T, double>(), Widen(ref x, i), Widen(ref x, i + 4)).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Combine<TOp>(Vector256<T> a, Vector256<T> b) where TOp : IAccumulator<T> => TOp.Combine(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Reduce<TOp>(Vector256<T> v) where TOp : IAccumulator<T> => TOp.Reduce(v);

    /// <summary>
    /// Four floats from p[i] as doubles: a half-width load converted in one instruction
    /// (<c>vcvtps2pd ymm, m128</c>), about twice as fast on Zen 3 as a full load split in two.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Widen(ref float p, nuint i) =>
        Avx.IsSupported
            ? Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref p, i))
            : Vector256.WidenLower(Vector128.LoadUnsafe(ref p, i).ToVector256Unsafe());
}
