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
        var (directA, directB, packBPerPanel, lenA, lenB) = Plan<T, TKernel>(transB, m, n, k, blocking);
        GemmBuffers.Rent<T>(lenA, lenB, MR * NR, out T* packA, out T* packB, out T* tile);

        for (int jc = 0; jc < n; jc += NC)
        {
            int nc = Math.Min(NC, n - jc);
            int ncFull = nc / NR * NR;
            for (int pc = 0; pc < k; pc += KC)
            {
                int kc = Math.Min(KC, k - pc);
                T betaBlock = pc == 0 ? beta : T.One;
                if (!directB && !packBPerPanel)
                    GemmPacking.PackB<T, TKernel>(transB, b, ldb, pc, jc, kc, nc, packB);
                else if (ncFull < nc)
                    GemmPacking.PackB<T, TKernel>(transB, b, ldb, pc, jc + ncFull, kc, nc - ncFull, packB); // only the partial panel
                for (int ic = 0; ic < m; ic += MC)
                {
                    int mc = Math.Min(MC, m - ic);
                    if (!directA) GemmPacking.PackA<T, TKernel>(transA, a, lda, ic, pc, mc, kc, packA);
                    for (int jr = 0; jr < nc; jr += NR)
                    {
                        int nr = Math.Min(NR, nc - jr);
                        T* bp;
                        nint rsb;
                        if (packBPerPanel)
                        {
                            GemmPacking.PackB<T, TKernel>(transB, b, ldb, pc, jc + jr, kc, nr, packB);
                            bp = packB;
                            rsb = NR;
                        }
                        else if (!directB)
                        {
                            bp = packB + (nint)jr * kc;
                            rsb = NR;
                        }
                        else if (nr == NR)
                        {
                            bp = b + pc * ldb + jc + jr;
                            rsb = ldb;
                        }
                        else
                        {
                            bp = packB;
                            rsb = NR;
                        }
                        T* cj = c + (nint)ic * ldc + jc + jr;
                        for (int ir = 0; ir < mc; ir += MR)
                        {
                            int mr = Math.Min(MR, mc - ir);
                            T* ap;
                            nint rsa, csa;
                            int mrRead = mr;
                            if (!directA)
                            {
                                ap = packA + (nint)ir * kc;
                                (rsa, csa, mrRead) = (1, MR, MR);
                            }
                            else if (transA == Transpose.No)
                            {
                                ap = a + (ic + ir) * lda + pc;
                                (rsa, csa) = (lda, 1);
                            }
                            else
                            {
                                ap = a + pc * lda + ic + ir;
                                (rsa, csa) = (1, lda);
                            }
                            T* cij = cj + ir * ldc;
                            if (mr == MR && nr == NR)
                            {
                                TKernel.Run(kc, ap, rsa, csa, mrRead, bp, rsb, alpha, betaBlock, cij, ldc);
                            }
                            else
                            {
                                TKernel.Run(kc, ap, rsa, csa, mrRead, bp, rsb, alpha, T.Zero, tile, NR);
                                MergeEdge(tile, NR, mr, nr, betaBlock, cij, ldc);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Read A in place rather than pack it. Packing costs m·k copies and pays off through reuse over the
    /// n/NR column panels; up to 16 panels (n ≤ 256 floats) reading in place measured as fast or faster
    /// (docs/kernels.md, GEMM kernels: reading in place). Either way the kernel performs the same operations: results do not change.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool ReadAInPlace(int n, int nr) => n <= 16 * nr;

    /// <summary>Read row-major B in place rather than pack it: pays off only when few MR-row slivers of A reuse each panel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool ReadBInPlace(int m, int mr) => m <= 6 * mr;

    /// <summary>C[0..mr, 0..nr] := fma(beta, C, tile) (tile already holds alpha·acc); beta = 0 does not read C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void MergeEdge<T>(T* tile, int ldt, int mr, int nr, T beta, T* c, nint ldc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < mr; i++, tile += ldt, c += ldc)
        {
            if (beta == T.Zero)
                for (int j = 0; j < nr; j++) c[j] = tile[j];
            else
                for (int j = 0; j < nr; j++) c[j] = VectorMath.MultiplyAdd(beta, c[j], tile[j]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

    /// <summary>
    /// Grows this thread's pack buffers to what a one-thread run of the whole product needs. A
    /// caller about to split a product calls it first, so that a later call which finds the workers
    /// busy and runs the product alone allocates nothing either.
    /// </summary>
    public static void ReserveBuffers<T, TKernel>(Transpose transB, int m, int n, int k, in GemmBlocking blocking)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : IMicroKernel<T>
    {
        var (_, _, _, lenA, lenB) = Plan<T, TKernel>(transB, m, n, k, blocking);
        GemmBuffers.Rent<T>(lenA, lenB, TKernel.MR * TKernel.NR, out _, out _, out _);
    }

    /// <summary>Which operands are read in place, and the packed lengths this product needs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static (bool DirectA, bool DirectB, bool PackBPerPanel, long LenA, long LenB) Plan<T, TKernel>(
        Transpose transB, int m, int n, int k, in GemmBlocking blocking)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : IMicroKernel<T>
    {
        int MR = TKernel.MR, NR = TKernel.NR;
        int KC = blocking.KC, MC = blocking.MC, NC = blocking.NC;
        bool directA = TKernel.DirectA && (blocking.InPlace >= 0 ? (blocking.InPlace & 1) != 0 : ReadAInPlace(n, NR));
        bool directB = transB == Transpose.No && (blocking.InPlace >= 0 ? (blocking.InPlace & 2) != 0 : ReadBInPlace(m, MR));
        // With a single MC block the B panels are used once each, right after packing: pack each
        // just before its use so it is still in L1, rather than the whole KC×NC block through L2/L3.
        bool packBPerPanel = !directB && m <= MC;
        int kcMax = Math.Min(KC, k);
        long lenA = directA ? 0 : (long)RoundUp(Math.Min(MC, m), MR) * kcMax;
        long lenB = (long)(directB || packBPerPanel ? NR : RoundUp(Math.Min(NC, n), NR)) * kcMax;
        return (directA, directB, packBPerPanel, lenA, lenB);
    }
}
