using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// y = tanh(x) = sign(x)·e/(e + 2) with e = expm1(2|x|): no cancellation near 0 (unlike
/// 1 − 2/(e^{2x} + 1)), and |x| is clamped to 20, past which tanh rounds to ±1 in double,
/// so e stays finite. NaN in gives NaN out.
/// </summary>
internal readonly struct TanhOperator<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static T Clamp => T.CreateTruncating(20);
    private static T Two => T.CreateTruncating(2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Invoke(T x) => T.Tanh(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Invoke(Vector<T> x)
    {
        Vector<T> a = Vector.MinNative(Vector.Abs(x), new Vector<T>(Clamp));
        Vector<T> e = VectorExp.ExpM1Bounded(a + a);
        Vector<T> t = Vector.ConditionalSelect(new Vector<T>(T.NegativeZero), x, e / (e + new Vector<T>(Two)));
        return Vector.ConditionalSelect(Vector.Equals(x, x), t, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<T> Invoke(Vector256<T> x)
    {
        Vector256<T> a = Vector256.MinNative(Vector256.Abs(x), Vector256.Create(Clamp));
        Vector256<T> e = VectorExp.ExpM1Bounded(a + a);
        Vector256<T> t = Vector256.ConditionalSelect(Vector256.Create(T.NegativeZero), x, e / (e + Vector256.Create(Two)));
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), t, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<T> Invoke(Vector512<T> x)
    {
        Vector512<T> a = Vector512.MinNative(Vector512.Abs(x), Vector512.Create(Clamp));
        Vector512<T> e = VectorExp.ExpM1Bounded(a + a);
        Vector512<T> t = Vector512.ConditionalSelect(Vector512.Create(T.NegativeZero), x, e / (e + Vector512.Create(Two)));
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), t, x);
    }
}

/// <summary>
/// dx = dy·(1 − y²), from the forward output y. 1 − y² is one fused multiply-add where the CPU has
/// FMA; elsewhere (1 − y)·(1 + y), because 1 − round(y²) loses the low bits exactly where |y| → 1.
/// </summary>
internal readonly struct TanhBackwardOperator<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Invoke(T y, T dy) =>
        (VectorMath.FusedMultiplyAddIsHardware ? VectorMath.MultiplyAdd(-y, y, T.One) : (T.One - y) * (T.One + y)) * dy;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Invoke(Vector<T> y, Vector<T> dy) =>
        (VectorMath.FusedMultiplyAddIsHardware ? VectorMath.MultiplyAdd(-y, y, Vector<T>.One) : (Vector<T>.One - y) * (Vector<T>.One + y)) * dy;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<T> Invoke(Vector256<T> y, Vector256<T> dy) =>
        (VectorMath.FusedMultiplyAddIsHardware ? VectorMath.MultiplyAdd(-y, y, Vector256<T>.One) : (Vector256<T>.One - y) * (Vector256<T>.One + y)) * dy;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<T> Invoke(Vector512<T> y, Vector512<T> dy) =>
        (VectorMath.FusedMultiplyAddIsHardware ? VectorMath.MultiplyAdd(-y, y, Vector512<T>.One) : (Vector512<T>.One - y) * (Vector512<T>.One + y)) * dy;
}
