using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>z = alpha·a + b, rounded once (axpy: y += alpha·x with a = x, b = z = y).</summary>
internal readonly struct AxpyOperator<T>(T alpha) : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _alpha = alpha;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Invoke(T a, T b) => VectorMath.MultiplyAdd(_alpha, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Invoke(Vector<T> a, Vector<T> b) => VectorMath.MultiplyAdd(new Vector<T>(_alpha), a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<T> Invoke(Vector256<T> a, Vector256<T> b) => VectorMath.MultiplyAdd(Vector256.Create(_alpha), a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<T> Invoke(Vector512<T> a, Vector512<T> b) => VectorMath.MultiplyAdd(Vector512.Create(_alpha), a, b);
}

/// <summary>z = a·b (dropout masks, gates).</summary>
internal readonly struct MultiplyOperator<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Invoke(T a, T b) => a * b;
    public Vector<T> Invoke(Vector<T> a, Vector<T> b) => a * b;
    public Vector256<T> Invoke(Vector256<T> a, Vector256<T> b) => a * b;
    public Vector512<T> Invoke(Vector512<T> a, Vector512<T> b) => a * b;
}

/// <summary>z = b + c·sign(a), sign(0) = sign(NaN) = 0 (the L1 subgradient added to a gradient).</summary>
internal readonly struct AddScaledSignOperator<T>(T c) : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _c = c;

    public T Invoke(T a, T b) => a > T.Zero ? b + _c : a < T.Zero ? b - _c : b;

    public Vector<T> Invoke(Vector<T> a, Vector<T> b)
    {
        // Select rather than add a zero: b keeps its exact bits (−0 included) where sign(a) = 0.
        Vector<T> c = new(_c);
        return Vector.ConditionalSelect(Vector.GreaterThan(a, Vector<T>.Zero), b + c,
               Vector.ConditionalSelect(Vector.LessThan(a, Vector<T>.Zero), b - c, b));
    }

    public Vector256<T> Invoke(Vector256<T> a, Vector256<T> b)
    {
        // Select rather than add a zero: b keeps its exact bits (−0 included) where sign(a) = 0.
        Vector256<T> c = Vector256.Create(_c);
        return Vector256.ConditionalSelect(Vector256.GreaterThan(a, Vector256<T>.Zero), b + c,
               Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256<T>.Zero), b - c, b));
    }

    public Vector512<T> Invoke(Vector512<T> a, Vector512<T> b)
    {
        // Select rather than add a zero: b keeps its exact bits (−0 included) where sign(a) = 0.
        Vector512<T> c = Vector512.Create(_c);
        return Vector512.ConditionalSelect(Vector512.GreaterThan(a, Vector512<T>.Zero), b + c,
               Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512<T>.Zero), b - c, b));
    }
}
