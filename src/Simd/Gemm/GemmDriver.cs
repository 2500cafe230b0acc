using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastReg.Simd.Gemm;

/// <summary>
/// The five BLIS loops around the micro-kernel, written once for every path:
/// jc over NC columns → pc over KC depth (pack B) → ic over MC rows (pack A) → jr over NR → ir over MR.
/// A partial tile runs the same kernel into a scratch tile and is merged with the same rounding, so
/// there is no slow edge path. Only KC decides the order of the sums: any split of C's rows or
/// columns (threads) gives bit-identical results.
/// </summary>
internal static unsafe class GemmDriver
{
    /// <summary>C := alpha·op(A)·op(B) + beta·C for m, n, k ≥ 1 (the caller handles empty products and alpha = 0).</summary>
    [SkipLocalsInit, MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TKernel>(
        Transpose transA, Transpose transB, int m, int n, int k, T alpha,
        T* a, nint lda, T* b, nint ldb, T beta, T* c, nint ldc, in GemmBlocking blocking)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : IMicroKernel<T>
    {
        int MR = TKernel.MR, NR = TKernel.NR;
        int KC = blocking.KC, MC = blocking.MC, NC = blocking.NC;
        int kcMax = Math.Min(KC, k);
        long lenA = (long)RoundUp(Math.Min(MC, m), MR) * kcMax;
        long lenB = (long)RoundUp(Math.Min(NC, n), NR) * kcMax;
        GemmBuffers.Rent<T>(lenA, lenB, MR * NR, out T* packA, out T* packB, out T* tile);

        for (int jc = 0; jc < n; jc += NC)
        {
            int nc = Math.Min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC)
            {
                int kc = Math.Min(KC, k - pc);
                T betaBlock = pc == 0 ? beta : T.One;
                GemmPacking.PackB<T, TKernel>(transB, b, ldb, pc, jc, kc, nc, packB);
                for (int ic = 0; ic < m; ic += MC)
                {
                    int mc = Math.Min(MC, m - ic);
                    GemmPacking.PackA<T, TKernel>(transA, a, lda, ic, pc, mc, kc, packA);
                    for (int jr = 0; jr < nc; jr += NR)
                    {
                        int nr = Math.Min(NR, nc - jr);
                        T* bp = packB + (nint)jr * kc;
                        T* cj = c + (nint)ic * ldc + jc + jr;
                        for (int ir = 0; ir < mc; ir += MR)
                        {
                            int mr = Math.Min(MR, mc - ir);
                            T* ap = packA + (nint)ir * kc;
                            T* cij = cj + ir * ldc;
                            if (mr == MR && nr == NR)
                            {
                                TKernel.Run(kc, ap, bp, alpha, betaBlock, cij, ldc);
                            }
                            else
                            {
                                TKernel.Run(kc, ap, bp, alpha, T.Zero, tile, NR);
                                MergeEdge(tile, NR, mr, nr, betaBlock, cij, ldc);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>C[0..mr, 0..nr] := fma(beta, C, tile) (tile already holds alpha·acc); beta = 0 does not read C.</summary>
    static void MergeEdge<T>(T* tile, int ldt, int mr, int nr, T beta, T* c, nint ldc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < mr; i++, tile += ldt, c += ldc)
        {
            if (beta == T.Zero)
                for (int j = 0; j < nr; j++) c[j] = tile[j];
            else
                for (int j = 0; j < nr; j++) c[j] = T.FusedMultiplyAdd(beta, c[j], tile[j]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;
}
