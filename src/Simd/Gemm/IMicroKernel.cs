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

    /// <summary>
    /// C[0..MR, 0..NR] := alpha·Ã·B̃ + beta·C, where Ã is a packed MR×kc micro-panel (column p at a + p·MR)
    /// and B̃ a packed kc×NR micro-panel (row p at b + p·NR). C is row-major with row stride ldc.
    /// Each element is stored as fma(beta, c, alpha·acc) (GemmDriver.MergeEdge uses the same formula);
    /// beta = 0 stores alpha·acc without reading C.
    /// </summary>
    static abstract void Run(int kc, T* a, T* b, T alpha, T beta, T* c, nint ldc);
}
