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
        Fma.IsSupported || AdvSimd.IsSupported ? VectorMath.Fma(a, b, c) : a * b + c;
}
