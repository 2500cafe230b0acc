using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// y = 1/(1 + e^−x), evaluated as n/(1 + e) with e = e^−|x| ∈ (0, 1] and n = 1 for x ≥ 0,
/// n = e for x &lt; 0: e never overflows, and large negative x gives the true tiny (possibly
/// subnormal) value rather than 1/∞. NaN in gives NaN out.
/// </summary>
internal readonly struct SigmoidOperator<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Invoke(T x)
    {
        T e = T.Exp(-T.Abs(x));
        return (x >= T.Zero ? T.One : e) / (T.One + e);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Invoke(Vector<T> x)
    {
        Vector<T> e = VectorExp.Exp(-Vector.Abs(x));
        Vector<T> n = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(x, Vector<T>.Zero), Vector<T>.One, e);
        return n / (Vector<T>.One + e);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<T> Invoke(Vector256<T> x)
    {
        Vector256<T> e = VectorExp.Exp(-Vector256.Abs(x));
        Vector256<T> n = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<T>.Zero), Vector256<T>.One, e);
        return n / (Vector256<T>.One + e);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<T> Invoke(Vector512<T> x)
    {
        Vector512<T> e = VectorExp.Exp(-Vector512.Abs(x));
        Vector512<T> n = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<T>.Zero), Vector512<T>.One, e);
        return n / (Vector512<T>.One + e);
    }
}

/// <summary>dx = dy·y·(1 − y), from the forward output y.</summary>
internal readonly struct SigmoidBackwardOperator<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Invoke(T y, T dy) => (T.One - y) * y * dy;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Invoke(Vector<T> y, Vector<T> dy) => (Vector<T>.One - y) * y * dy;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<T> Invoke(Vector256<T> y, Vector256<T> dy) => (Vector256<T>.One - y) * y * dy;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<T> Invoke(Vector512<T> y, Vector512<T> dy) => (Vector512<T>.One - y) * y * dy;
}
