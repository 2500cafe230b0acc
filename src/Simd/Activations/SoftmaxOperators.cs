using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

// The per-row steps of Softmax / LogSoftmax and their backward kernels, each one operator
// run by UnaryDriver, BinaryDriver or AggregateDriver (see Activations.Softmax.cs).

/// <summary>y = e^(x − m): the shifted exponentials of a softmax row (m = the row max, so y ≤ 1).</summary>
internal readonly struct ExpShiftOperator<T>(T m) : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _m = m;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Invoke(T x) => T.Exp(x - _m);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Invoke(Vector<T> x) => VectorExp.Exp(x - new Vector<T>(_m));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<T> Invoke(Vector256<T> x) => VectorExp.Exp(x - Vector256.Create(_m));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<T> Invoke(Vector512<T> x) => VectorExp.Exp(x - Vector512.Create(_m));
}

/// <summary>y = x − c (log-softmax: c = the row max, then c = log Σ e^(x − max)).</summary>
internal readonly struct ShiftOperator<T>(T c) : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _c = c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Invoke(T x) => x - _c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Invoke(Vector<T> x) => x - new Vector<T>(_c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<T> Invoke(Vector256<T> x) => x - Vector256.Create(_c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<T> Invoke(Vector512<T> x) => x - Vector512.Create(_c);
}

/// <summary>
/// max x over a row. Uses the native max instructions: a NaN may or may not win, but a row
/// holding NaN comes out all NaN either way, because e^(NaN − m) poisons the row sum.
/// </summary>
internal readonly struct RowMaxOperator<T> : IAggregateOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Identity => T.NegativeInfinity;

    public static T Accumulate(T acc, T x) => x > acc ? x : acc;
    public static Vector<T> Accumulate(Vector<T> acc, Vector<T> x) => Vector.MaxNative(acc, x);
    public static Vector256<T> Accumulate(Vector256<T> acc, Vector256<T> x) => Vector256.MaxNative(acc, x);
    public static Vector512<T> Accumulate(Vector512<T> acc, Vector512<T> x) => Vector512.MaxNative(acc, x);

    public static T Combine(T a, T b) => Accumulate(a, b);
    public static Vector<T> Combine(Vector<T> a, Vector<T> b) => Vector.MaxNative(a, b);
    public static Vector256<T> Combine(Vector256<T> a, Vector256<T> b) => Vector256.MaxNative(a, b);
    public static Vector512<T> Combine(Vector512<T> a, Vector512<T> b) => Vector512.MaxNative(a, b);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Reduce(Vector<T> v)
    {
        T m = v[0];
        for (int i = 1; i < Vector<T>.Count; i++) m = Accumulate(m, v[i]);
        return m;
    }

    public static T Reduce(Vector256<T> v) => Reduce(Vector128.MaxNative(v.GetLower(), v.GetUpper()));
    public static T Reduce(Vector512<T> v) => Reduce(Vector256.MaxNative(v.GetLower(), v.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T Reduce(Vector128<T> v)
    {
        T m = v[0];
        for (int i = 1; i < Vector128<T>.Count; i++) m = Accumulate(m, v[i]);
        return m;
    }
}

/// <summary>
/// max over the lanes of the in-register softmax cross-entropy rows, with the IEEE max (a NaN
/// wins, +0 beats −0). The horizontal max halves the vector down to 128 bits, then takes the
/// lanes in order.
/// </summary>
internal readonly struct LaneMaxOperator<T> : IAccumulator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Identity => T.NegativeInfinity;

    public static T Combine(T a, T b) => T.Max(a, b);
    public static Vector<T> Combine(Vector<T> a, Vector<T> b) => Vector.Max(a, b);
    public static Vector256<T> Combine(Vector256<T> a, Vector256<T> b) => Vector256.Max(a, b);
    public static Vector512<T> Combine(Vector512<T> a, Vector512<T> b) => Vector512.Max(a, b);

    public static T Reduce(Vector<T> v)
    {
        T m = v[0];
        for (int j = 1; j < Vector<T>.Count; j++) m = T.Max(m, v[j]);
        return m;
    }

    public static T Reduce(Vector256<T> v)
    {
        Vector128<T> h = Vector128.Max(v.GetLower(), v.GetUpper());
        T m = h[0];
        for (int j = 1; j < Vector128<T>.Count; j++) m = T.Max(m, h[j]);
        return m;
    }

    public static T Reduce(Vector512<T> v) => Reduce(Vector256.Max(v.GetLower(), v.GetUpper()));
}

/// <summary>dx = y·(dy − s), s = Σ_j dy_j·y_j of the row (softmax backward, from the output y).</summary>
internal readonly struct SoftmaxBackwardOperator<T>(T s) : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _s = s;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Invoke(T y, T dy) => y * (dy - _s);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Invoke(Vector<T> y, Vector<T> dy) => y * (dy - new Vector<T>(_s));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<T> Invoke(Vector256<T> y, Vector256<T> dy) => y * (dy - Vector256.Create(_s));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<T> Invoke(Vector512<T> y, Vector512<T> dy) => y * (dy - Vector512.Create(_s));
}

/// <summary>dx = dy − e^y·s, s = Σ_j dy_j of the row (log-softmax backward, from the log-probabilities y).</summary>
internal readonly struct LogSoftmaxBackwardOperator<T>(T s) : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _s = s;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Invoke(T y, T dy) => VectorMath.MultiplyAdd(-T.Exp(y), _s, dy);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Invoke(Vector<T> y, Vector<T> dy) => VectorMath.MultiplyAdd(-VectorExp.Exp(y), new Vector<T>(_s), dy);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<T> Invoke(Vector256<T> y, Vector256<T> dy) => VectorMath.MultiplyAdd(-VectorExp.Exp(y), Vector256.Create(_s), dy);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<T> Invoke(Vector512<T> y, Vector512<T> dy) => VectorMath.MultiplyAdd(-VectorExp.Exp(y), Vector512.Create(_s), dy);
}
