using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace FastReg.Simd;

/// <summary>
/// Generic helpers the BCL offers only per element type (multiply-add) or not at all. The
/// <c>typeof(T)</c> tests and <see cref="FusedMultiplyAddIsHardware"/> are JIT-time constants:
/// each call compiles to the one instruction (or two) for its type and CPU.
/// </summary>
internal static class VectorMath
{
    /// <summary>
    /// Whether this process's kernels fuse multiply-adds: true where the CPU has an FMA instruction
    /// (x86 FMA3, which every AVX-512 CPU has; every Arm64). Elsewhere (x86 without FMA,
    /// <c>DOTNET_EnableAVX2=0</c>, a NativeAOT build for the default x86-64 target) .NET emulates
    /// <c>FusedMultiplyAdd</c> in software, 35-40x slower, so every kernel uses a·b + c, rounded twice.
    /// The choice holds for every path and the scalar tails alike, so paths stay bitwise identical
    /// within a process; results differ in the last bits between FMA and non-FMA machines.
    /// </summary>
    public static bool FusedMultiplyAddIsHardware
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Fma.IsSupported || AdvSimd.IsSupported;
    }

    /// <summary>a * b + c: fused (rounded once) where the CPU has FMA, else rounded twice (<see cref="FusedMultiplyAddIsHardware"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MultiplyAdd<T>(T a, T b, T c) where T : unmanaged, IFloatingPointIeee754<T> =>
        FusedMultiplyAddIsHardware ? T.FusedMultiplyAdd(a, b, c) : a * b + c;

    /// <summary>
    /// a * b + c per lane: fused where the CPU has FMA, else rounded twice. Reinterprets with
    /// Vector.As rather than casting through object, which boxes in unoptimized (tier-0) code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> MultiplyAdd<T>(Vector<T> a, Vector<T> b, Vector<T> c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!FusedMultiplyAddIsHardware) return a * b + c;
        if (typeof(T) == typeof(float))
            return Vector.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
        return a * b + c;
    }

    /// <summary>a * b + c per lane (vfmadd on AVX2+FMA, the only CPUs that run the Avx2 path; rounded twice elsewhere).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!FusedMultiplyAddIsHardware) return a * b + c;
        if (typeof(T) == typeof(float))
            return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return a * b + c;
    }

    /// <summary>a * b + c per lane (vfmadd on AVX-512; rounded twice where the CPU has no FMA).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!FusedMultiplyAddIsHardware) return a * b + c;
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return a * b + c;
    }
}
