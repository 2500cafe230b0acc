using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastReg.Simd.Gemm;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous micro-panel layout the micro-kernels read
/// (BLIS <c>packm</c>). Partial panels are zero-padded to MR (NR), so edge tiles run the same kernel.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs op(A)[ic..ic+mc, pc..pc+kc] as ⌈mc/MR⌉ micro-panels of MR×kc; panel r holds column p at
    /// dst + r·MR·kc + p·MR. op(A)[i,p] is a[i·lda + p] (No) or a[p·lda + i] (Yes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA<T, TKernel>(Transpose trans, T* a, nint lda, int ic, int pc, int mc, int kc, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : IMicroKernel<T>
    {
        int mrMax = TKernel.MR;
        for (int ir = 0; ir < mc; ir += mrMax, dst += (nint)mrMax * kc)
        {
            int mr = Math.Min(mrMax, mc - ir);
            if (trans == Transpose.No)
            {
                // Row i of the panel is contiguous in A: walk p outwards so the writes stream.
                T* src = a + (ic + ir) * lda + pc;
                if (mr == mrMax)
                {
                    for (int p = 0; p < kc; p++)
                        for (int r = 0; r < mrMax; r++) dst[p * mrMax + r] = src[r * lda + p];
                }
                else
                {
                    for (int p = 0; p < kc; p++)
                        for (int r = 0; r < mrMax; r++) dst[p * mrMax + r] = r < mr ? src[r * lda + p] : T.Zero;
                }
            }
            else
            {
                // Column p of the panel is contiguous in A: one MR-element copy per p.
                T* src = a + pc * lda + ic + ir;
                for (int p = 0; p < kc; p++) CopyPadded<T>(src + p * lda, dst + p * mrMax, mr, mrMax);
            }
        }
    }

    /// <summary>
    /// Packs op(B)[pc..pc+kc, jc..jc+nc] as ⌈nc/NR⌉ micro-panels of kc×NR; panel j holds row p at
    /// dst + j·NR·kc + p·NR. op(B)[p,j] is b[p·ldb + j] (No) or b[j·ldb + p] (Yes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB<T, TKernel>(Transpose trans, T* b, nint ldb, int pc, int jc, int kc, int nc, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : IMicroKernel<T>
    {
        int nrMax = TKernel.NR;
        for (int jr = 0; jr < nc; jr += nrMax, dst += (nint)nrMax * kc)
        {
            int nr = Math.Min(nrMax, nc - jr);
            if (trans == Transpose.No)
            {
                T* src = b + pc * ldb + jc + jr;
                for (int p = 0; p < kc; p++) CopyPadded<T>(src + p * ldb, dst + p * nrMax, nr, nrMax);
            }
            else
            {
                T* src = b + (jc + jr) * ldb + pc;
                if (nr == nrMax)
                {
                    for (int p = 0; p < kc; p++)
                        for (int j = 0; j < nrMax; j++) dst[p * nrMax + j] = src[j * ldb + p];
                }
                else
                {
                    for (int p = 0; p < kc; p++)
                        for (int j = 0; j < nrMax; j++) dst[p * nrMax + j] = j < nr ? src[j * ldb + p] : T.Zero;
                }
            }
        }
    }

    /// <summary>Copies count elements and zero-fills up to width (width is a JIT constant: the full copy unrolls).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void CopyPadded<T>(T* src, T* dst, int count, int width) where T : unmanaged
    {
        if (count == width)
        {
            Unsafe.CopyBlockUnaligned(dst, src, (uint)(width * sizeof(T)));
            return;
        }
        int i = 0;
        for (; i < count; i++) dst[i] = src[i];
        for (; i < width; i++) dst[i] = default;
    }
}
