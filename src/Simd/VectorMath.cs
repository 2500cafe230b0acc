using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// Generic helpers the BCL offers only per element type (fused multiply-add) or not at all
/// (horizontal sums). The <c>typeof(T)</c> tests are JIT-time constants: each call compiles
/// to the one instruction for its type.
/// </summary>
internal static class VectorMath
{
    /// <summary>a * b + c, rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Fma<T>(T a, T b, T c) where T : unmanaged, IFloatingPointIeee754<T> => T.FusedMultiplyAdd(a, b, c);

    /// <summary>
    /// a * b + c per lane, rounded once. Reinterprets with Vector.As rather than casting through
    /// object, which boxes in unoptimized (tier-0) code and would allocate on early calls.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Fma<T>(Vector<T> a, Vector<T> b, Vector<T> c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
            return Vector.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
        return a * b + c;
    }

    /// <summary>a * b + c per lane, rounded once (vfmadd on AVX2+FMA).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
            return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return a * b + c;
    }

    /// <summary>a * b + c per lane, rounded once (vfmadd on AVX-512).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Fma<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return a * b + c;
    }
}
