using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastReg.Simd.Gemm;

/// <summary>
/// Packing of a transposed operand with AVX: dst[p·rows + r] = src[r·ld + p] for a block of rows that
/// is a multiple of the 8×8 (float) or 4×4 (double) register transpose. Used for op(B) = Bᵀ, the
/// dY·Wᵀ product of backprop, where a scalar gather would cost a third of the multiply.
/// </summary>
internal static unsafe class GemmTransposePack
{
    /// <summary>Whether <see cref="Pack{T}"/> handles this many rows on this CPU.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Supports<T>(int rows) where T : unmanaged =>
        Avx.IsSupported && ((typeof(T) == typeof(float) && rows % 8 == 0) || (typeof(T) == typeof(double) && rows % 4 == 0));

    /// <summary>dst[p·rows + r] = src[r·ld + p] for r &lt; rows, p &lt; kc.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack<T>(T* src, nint ld, int rows, int kc, T* dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = typeof(T) == typeof(float) ? 8 : 4;
        int p = 0;
        for (; p <= kc - w; p += w)
        {
            for (int r = 0; r < rows; r += w)
            {
                if (typeof(T) == typeof(float)) Transpose8x8((float*)(src + r * ld + p), ld, (float*)(dst + p * rows + r), rows);
                else Transpose4x4((double*)(src + r * ld + p), ld, (double*)(dst + p * rows + r), rows);
            }
        }
        for (; p < kc; p++)
            for (int r = 0; r < rows; r++) dst[p * rows + r] = src[r * ld + p];
    }

    /// <summary>Rows s[0..8)·ls, 8 columns each, written as 8 rows of d with stride ld.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Transpose8x8(float* s, nint ls, float* d, nint ld)
    {
        Vector256<float> r0 = Avx.LoadVector256(s), r1 = Avx.LoadVector256(s + ls), r2 = Avx.LoadVector256(s + 2 * ls), r3 = Avx.LoadVector256(s + 3 * ls);
        Vector256<float> r4 = Avx.LoadVector256(s + 4 * ls), r5 = Avx.LoadVector256(s + 5 * ls), r6 = Avx.LoadVector256(s + 6 * ls), r7 = Avx.LoadVector256(s + 7 * ls);
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE), u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE), u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(d + ld, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(d + 2 * ld, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(d + 3 * ld, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(d + 4 * ld, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(d + 5 * ld, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(d + 6 * ld, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(d + 7 * ld, Avx.Permute2x128(u3, u7, 0x31));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Transpose4x4(double* s, nint ls, double* d, nint ld)
    {
        Vector256<double> r0 = Avx.LoadVector256(s), r1 = Avx.LoadVector256(s + ls), r2 = Avx.LoadVector256(s + 2 * ls), r3 = Avx.LoadVector256(s + 3 * ls);
        Vector256<double> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Avx.Store(d, Avx.Permute2x128(t0, t2, 0x20));
        Avx.Store(d + ld, Avx.Permute2x128(t1, t3, 0x20));
        Avx.Store(d + 2 * ld, Avx.Permute2x128(t0, t2, 0x31));
        Avx.Store(d + 3 * ld, Avx.Permute2x128(t1, t3, 0x31));
    }
}
