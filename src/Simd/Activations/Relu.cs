using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>y = max(x, 0); NaN stays NaN (the select tests x &lt; 0, which is false for NaN).</summary>
internal readonly struct ReluOperator<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Invoke(T x) => x < T.Zero ? T.Zero : x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Invoke(Vector<T> x) => Vector.AndNot(x, Vector.LessThan(x, Vector<T>.Zero));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<T> Invoke(Vector256<T> x) => Vector256.AndNot(x, Vector256.LessThan(x, Vector256<T>.Zero));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<T> Invoke(Vector512<T> x) => Vector512.AndNot(x, Vector512.LessThan(x, Vector512<T>.Zero));
}

/// <summary>dx = x &gt; 0 ? dy : 0, from the pre-activation input x (derivative 0 at x = 0, as PyTorch).</summary>
internal readonly struct ReluBackwardOperator<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Invoke(T x, T dy) => x > T.Zero ? dy : T.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Invoke(Vector<T> x, Vector<T> dy) => Vector.GreaterThan(x, Vector<T>.Zero) & dy;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<T> Invoke(Vector256<T> x, Vector256<T> dy) => Vector256.GreaterThan(x, Vector256<T>.Zero) & dy;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<T> Invoke(Vector512<T> x, Vector512<T> dy) => Vector512.GreaterThan(x, Vector512<T>.Zero) & dy;
}
