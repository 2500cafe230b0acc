using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace FastReg.Simd.Gemm;

/// <summary>
/// Multiply-add for the portable paths' inner loops: fused where the CPU has an FMA instruction,
/// a*b + c otherwise (an emulated fused multiply-add would be orders of magnitude slower).
/// The choice is a JIT-time constant and fixed per process, so results stay reproducible.
/// </summary>
internal static class GemmFma
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Madd<T>(Vector<T> a, Vector<T> b, Vector<T> c) where T : unmanaged, IFloatingPointIeee754<T> =>
        Fma.IsSupported || AdvSimd.IsSupported ? Fused(a, b, c) : a * b + c;

    /// <summary>
    /// a * b + c rounded once. Reinterprets with Vector.As rather than casting through object, which
    /// boxes in unoptimized (tier-0) code and would break the no-allocation guarantee of early calls.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Fused<T>(Vector<T> a, Vector<T> b, Vector<T> c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
            return Vector.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
        return Vector.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
    }
}
