namespace FastReg.Simd.Gemm;

/// <summary>The arguments of one <c>Blas.Gemm</c> call once validated and pinned.</summary>
internal unsafe struct GemmCall<T> where T : unmanaged
{
    public Transpose TransA, TransB;
    public int M, N, K, Threads;
    public T Alpha, Beta;
    public T* A, B, C;
    public nint Lda, Ldb, Ldc;
    public GemmBlocking Blocking;
    public long ThresholdFlops;
}
