using System.Numerics;

namespace FastReg.Simd.Gemm;

/// <summary>
/// An MR×NR register-blocked GEMM micro-kernel (BLIS <c>gemm_ukr</c>). The driver calls it through a
/// struct type parameter, so every call is direct and MR/NR are JIT-time constants.
/// </summary>
internal unsafe interface IMicroKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Rows of C per tile.</summary>
    static abstract int MR { get; }

    /// <summary>Columns of C per tile.</summary>
    static abstract int NR { get; }

    /// <summary>Whether the kernel can read A in place (any row stride); if not, the driver always packs A.</summary>
    static abstract bool DirectA { get; }

    /// <summary>
    /// C[0..MR, 0..NR] := alpha·Ã·B̃ + beta·C over kc steps. Ã is MR×kc with element (r, p) at
    /// a[r·rsa + p·csa]: a packed micro-panel (rsa = 1, csa = MR) or A in place (row-major A: rsa = lda,
    /// csa = 1; transposed: rsa = 1, csa = lda). Rows r ≥ mr are not read (their results are garbage,
    /// the driver discards them). B̃ is kc×NR with row p at b + p·rsb, NR contiguous elements: a packed
    /// micro-panel (rsb = NR) or B in place (rsb = ldb). C is row-major with row stride ldc.
    /// Each element is stored as fma(beta, c, alpha·acc) (GemmDriver.MergeEdge uses the same formula);
    /// beta = 0 stores alpha·acc without reading C.
    /// </summary>
    static abstract void Run(int kc, T* a, nint rsa, nint csa, int mr, T* b, nint rsb, T alpha, T beta, T* c, nint ldc);
}
